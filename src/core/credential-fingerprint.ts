import { createHash } from 'node:crypto';

/**
 * A stable, non-reversible name for a credential, so that admin views (faults, state export, the
 * journal) can say "this tenant" without ever holding or echoing the credential itself.
 * `fp_` + the first 16 hex characters of SHA-256 over the token as the dialect reads it (Bearer
 * scheme removed; Attention's raw key as is).
 */
export function credentialFingerprint(token: string): string {
  return 'fp_' + createHash('sha256').update(token, 'utf8').digest('hex').slice(0, 16);
}
