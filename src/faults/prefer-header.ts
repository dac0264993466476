import { validationError } from '../core/errors';
import { MAX_DELAY_MS } from './fault-schema';

/** What one request asked for with Prism's `Prefer` convention. */
export interface Preference {
  /** `Prefer: code=429`: answer with this status, in the dialect's envelope. */
  status?: number;
  /** `Prefer: delay=300`: milliseconds before the answer. */
  delayMs?: number;
}

/**
 * Reads `Prefer: code=429, delay=300` (RFC 7240; Prism's names). Other preferences
 * (`return=minimal`…) are ignored, as RFC 7240 asks of a server that does not know them; a `code`
 * or `delay` the gateway cannot honour is the dialect's 400, since the client asked for it explicitly.
 */
export function readPreference(header: string | string[]): Preference {
  const preference: Preference = {};
  for (const token of (Array.isArray(header) ? header.join(',') : header).split(',')) {
    const [pair] = token.split(';');
    const equals = pair.indexOf('=');
    if (equals < 0) continue;
    const name = pair.slice(0, equals).trim().toLowerCase();
    const value = pair.slice(equals + 1).trim().replace(/^"(.*)"$/, '$1');
    if (name === 'code') preference.status = wholeNumber(value, 400, 599, 'Prefer: code must be a 4xx or 5xx status, from 400 to 599');
    else if (name === 'delay') preference.delayMs = wholeNumber(value, 0, MAX_DELAY_MS, `Prefer: delay must be whole milliseconds from 0 to ${MAX_DELAY_MS}`);
  }
  return preference;
}

function wholeNumber(text: string, min: number, max: number, rule: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) throw validationError('Prefer', `${rule}, not "${text}".`);
  return value;
}
