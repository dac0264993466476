import type { VendorId } from './dialects';

/** Who a request acts for, taken from its credential and never from its body. */
export interface Tenant {
  vendor: VendorId;
  orgId: string;
  userId: string;
  /**
   * Configured mode: the organisation's fixed teams (an unknown team id is a 404).
   * Open mode: undefined, and a team id a client sends becomes a team of its organisation.
   */
  configuredTeams?: readonly string[];
  /**
   * Open mode: the credential's fingerprint (core/credential-fingerprint.ts), under which the admin
   * state names this organisation. Configured mode: undefined (the organisation's own name serves).
   */
  fingerprint?: string;
}
