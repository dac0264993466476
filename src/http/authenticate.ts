import type { CredentialRule } from '../core/adapter';
import { credentialFingerprint } from '../core/credential-fingerprint';
import { GatewayError } from '../core/errors';

/**
 * The credential in an `Authorization` header, as the dialect expects to find it. Failures never
 * repeat the header's value: credentials do not appear in responses or logs.
 */
export function credentialFrom(header: string | undefined, rule: CredentialRule): string {
  const value = header?.trim();
  if (!value) throw new GatewayError('unauthenticated', 'Missing API key: send it in the Authorization header.');
  if (rule.scheme === 'raw') return value;
  const match = /^Bearer\s+(\S+)$/i.exec(value);
  if (!match) throw new GatewayError('unauthenticated', 'The Authorization header must be "Bearer <token>".');
  const token = match[1];
  if (rule.prefix && !token.startsWith(rule.prefix)) {
    throw new GatewayError('unauthenticated', `Invalid API key: keys start with "${rule.prefix}".`);
  }
  return token;
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
