import type { VendorId } from '../core/dialects';
import type { Label } from '../core/label';

/** The marker that tells an exported state document from a hand-written seed. */
export const STATE_FORMAT = 'label-gateway-state';
export const STATE_VERSION = 1;

/**
 * The gateway's state as `GET /__admin/state` exports it and `PUT /__admin/state` takes it back:
 * exact (ids, timestamps, soft-delete state), per vendor, per tenant. A document covers the vendors
 * it lists; importing it replaces those and leaves the others alone.
 */
export interface StateDocument {
  format: typeof STATE_FORMAT;
  version: typeof STATE_VERSION;
  vendors: Partial<Record<VendorId, VendorState>>;
}

export interface VendorState {
  /**
   * Keyed by tenant: in open mode the fingerprint of the tenant's credential (`fp_…`, never the
   * credential), for a configured tenant its organisation.
   */
  tenants: Record<string, TenantState>;
  /** Translation id pairs of the routes whose client dialect is one of this vendor's. */
  idMap: IdPairEntry[];
}

export interface TenantState {
  /** The organisation id the vendor's API shows (`organizationUUID`, `org_id`). */
  orgId: string;
  /** Open-mode teams, in the order they were first used. */
  teams: string[];
  /** In creation order. */
  labels: LabelEntry[];
  /** SuperSend v1's conversation assignments, each conversation's in assignment order. */
  assignments: AssignmentEntry[];
}

/** A canonical label without what its place in the document says (vendor, organisation). */
export type LabelEntry = Omit<Label, 'vendor' | 'orgId'> & {
  /** When a SuperSend label was soft-deleted; null while active. */
  deletedAt: string | null;
};

export interface AssignmentEntry {
  conversationId: string;
  labelId: string;
}

export interface IdPairEntry {
  scope: string;
  clientId: string;
  upstreamId: string;
}

/** The shape of a tenant key that is a credential fingerprint (core/credential-fingerprint.ts). */
export const FINGERPRINT_PATTERN = /^fp_[0-9a-f]{16}$/;
