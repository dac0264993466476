import type { CredentialRule } from '../core/adapter';
import { credentialFingerprint } from '../core/credential-fingerprint';

/**
 * A fault's credential as the fingerprints a request's credential can be compared with: a Bearer
 * dialect reads the token without its scheme, a raw one (Attention) the whole value. So
 * `"Bearer sk_test_1"` and `"sk_test_1"` both name the Kirim tenant of `Authorization: Bearer sk_test_1`.
 * Only the fingerprints are kept.
 */
export interface CredentialFingerprints {
  readonly bearer: string;
  readonly raw: string;
}

export function fingerprintsOf(credential: string): CredentialFingerprints {
  const value = credential.trim();
  const bearer = /^Bearer\s+(\S+)$/i.exec(value);
  const raw = credentialFingerprint(value);
  return { raw, bearer: bearer ? credentialFingerprint(bearer[1]) : raw };
}

export const fingerprintFor = (fingerprints: CredentialFingerprints, scheme: CredentialRule['scheme']): string =>
  scheme === 'raw' ? fingerprints.raw : fingerprints.bearer;
