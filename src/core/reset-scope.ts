import { isDialectId, VENDOR_OF, type VendorId } from './dialects';

/**
 * What an admin reset emptied, so that what the gateway keeps beside the store (the journal of
 * exchanges) can forget the same things.
 */
export type ResetScope =
  /** `POST /__admin/reset` with nothing narrowing it. */
  | { kind: 'everything' }
  /** `?dialect=` or `?vendor=`: every tenant of these vendors. */
  | { kind: 'vendors'; vendors: readonly VendorId[] }
  /**
   * A body `{"credential": …}`: one tenant, in each vendor of `vendors` where the credential is
   * one. `fingerprints` holds the credential's fingerprint there (core/credential-fingerprint.ts),
   * as the journal records it; never the credential.
   */
  | { kind: 'tenant'; vendors: readonly VendorId[]; fingerprints: Readonly<Partial<Record<VendorId, string>>> };

/**
 * Whether an exchange of `dialect` (null: under no vendor) made with the credential whose
 * fingerprint is `fingerprint` (undefined when unknown) falls within what the reset emptied.
 */
export function resetCovers(scope: ResetScope, dialect: string | null, fingerprint: string | undefined): boolean {
  if (scope.kind === 'everything') return true;
  if (dialect === null || !isDialectId(dialect)) return false;
  const vendor = VENDOR_OF[dialect];
  if (!scope.vendors.includes(vendor)) return false;
  return scope.kind === 'vendors' || (fingerprint !== undefined && scope.fingerprints[vendor] === fingerprint);
}
