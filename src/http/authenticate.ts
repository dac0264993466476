import type { CredentialRule } from '../core/adapter';
import { credentialFingerprint } from '../core/credential-fingerprint';
import { GatewayError } from '../core/errors';

/**
 * How every dialect reads its `Authorization` header. The vendors' pages only show the well-formed
 * case, so this one rule is inferred, after RFC 9110 / 7235 / 6750 and the way servers commonly
 * split the header (`header.split(' ')`, passport-http-bearer):
 *
 * - the optional whitespace around the value is not part of it (HTTP parsers, Node's included,
 *   strip it before anyone sees the value): `Bearer abc ` is `Bearer abc`;
 * - a bearer dialect wants the scheme `Bearer`, in any letter case (RFC 7235: schemes are
 *   case-insensitive), one space, and the token. RFC 7235 allows several spaces, but the common
 *   split-on-one-space parsing then finds an empty or space-led token and refuses, so a mock that
 *   accepted `Bearer  abc` (two spaces) or `Bearer<TAB>abc` would pass a client its vendor may not;
 * - the token, or Attention's whole-header key, is one or more visible ASCII characters (RFC 5234
 *   VCHAR): nothing in it may be a space, a tab or a control character, so `Bearer abc def` is
 *   refused, and so is `Bearer abc` sent to Attention (its key carries no scheme);
 * - with a prefix (Jasni's `jsk_`), the token is the prefix and at least one character more: a bare
 *   `jsk_` is what every client with an empty key variable would send, and would make them one tenant.
 *
 * Anything else is the dialect's 401. Failures never repeat the header's value: credentials do
 * not appear in responses or logs.
 */
export function credentialFrom(header: string | undefined, rule: CredentialRule): string {
  const value = header?.replace(SURROUNDING_WHITESPACE, '');
  if (!value) throw new GatewayError('unauthenticated', 'Missing API key: send it in the Authorization header.');
  if (rule.scheme === 'raw') {
    if (!TOKEN.test(value)) {
      throw new GatewayError('unauthenticated', 'The Authorization header must be the API key itself, with no scheme and no spaces.');
    }
    return value;
  }
  const match = BEARER.exec(value);
  if (!match) throw new GatewayError('unauthenticated', 'The Authorization header must be "Bearer <token>".');
  const token = match[1];
  if (rule.prefix && !token.startsWith(rule.prefix)) {
    throw new GatewayError('unauthenticated', `Invalid API key: keys start with "${rule.prefix}".`);
  }
  if (rule.prefix && token.length === rule.prefix.length) {
    throw new GatewayError('unauthenticated', `Invalid API key: "${rule.prefix}" must be followed by the key itself.`);
  }
  return token;
}

/**
 * Whether a client of a dialect with this rule can send `credential` at all, i.e. whether some
 * Authorization header reads as exactly it (a tenants file's credential that none can is a mistake).
 */
export function canBeSent(credential: string, rule: CredentialRule): boolean {
  try {
    return credentialFrom(rule.scheme === 'raw' ? credential : `Bearer ${credential}`, rule) === credential;
  } catch {
    return false;
  }
}

/** The fingerprint of the request's credential when it has a readable one; never throws (a pass-through forwards anyway). */
export function fingerprintOfHeader(header: string | undefined, rule: CredentialRule): string | undefined {
  let token: string;
  try {
    token = credentialFrom(header, rule);
  } catch {
    return undefined;
  }
  return cachedFingerprint(token);
}

/**
 * Recent fingerprints by credential: clients send the same few keys over and over, and a hash per
 * request would be the costliest thing the journal adds. Bounded; held in memory only, never shown.
 */
const recentFingerprints = new Map<string, string>();
const MAX_REMEMBERED = 1024;

/** The fingerprint of a credential as the dialect reads it, hashed once per credential. */
export function cachedFingerprint(token: string): string {
  let fingerprint = recentFingerprints.get(token);
  if (fingerprint === undefined) {
    if (recentFingerprints.size >= MAX_REMEMBERED) recentFingerprints.clear();
    fingerprint = credentialFingerprint(token);
    recentFingerprints.set(token, fingerprint);
  }
  return fingerprint;
}

/** RFC 9110's OWS: spaces and tabs only (String.prototype.trim would also take U+00A0 and others). */
const SURROUNDING_WHITESPACE = /^[ \t]+|[ \t]+$/g;
/** One or more visible ASCII characters. */
const TOKEN = /^[\x21-\x7e]+$/;
const BEARER = /^bearer ([\x21-\x7e]+)$/i;
