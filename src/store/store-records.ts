import type { VendorId } from '../core/dialects';
import type { StoredLabel } from './stored-label';

/**
 * The store's contents as plain records, each collection in creation order: what the admin state
 * exports and imports. Engine-neutral on purpose: no `_id`, no `seq` (an engine numbers records in
 * the order it is given them), nothing NeDB-shaped.
 */
export interface StoreRecords {
  labels: LabelRecord[];
  teams: TeamRecord[];
  assignments: AssignmentRecord[];
  idPairs: IdPairRecord[];
  tenants: TenantRecord[];
}

/** A label with its bookkeeping: soft-delete state and the uniqueness key (active) or restore key (deleted). */
export type LabelRecord = Omit<StoredLabel, '_id' | 'seq'>;

export interface TeamRecord {
  vendor: VendorId;
  orgId: string;
  teamId: string;
}

export interface AssignmentRecord {
  vendor: VendorId;
  orgId: string;
  conversationId: string;
  labelId: string;
}

/** A translation id pair (proxy mode): a client-facing id and the upstream id it stands for. */
export interface IdPairRecord {
  scope: string;
  clientId: string;
  upstreamId: string;
}

/** An open-mode organisation and the fingerprint of the credential it belongs to. */
export interface TenantRecord {
  vendor: VendorId;
  orgId: string;
  fingerprint: string;
}

/**
 * Which records a replace or reset takes away: whole vendors, single organisations, and translation
 * id pairs by scope. Everything else is left as it is, so one test suite's reset never touches
 * another's tenant.
 */
export interface StoreSelection {
  vendors?: readonly VendorId[];
  organizations?: readonly SelectedOrganization[];
  idScopes?: readonly string[];
}

/**
 * A whole organisation; or, with `userId`, the labels of one user of an organisation, for a vendor
 * whose labels belong to a user (Jasni): its other users' labels stay.
 */
export interface SelectedOrganization {
  vendor: VendorId;
  orgId: string;
  userId?: string;
}

/** One key per selected organisation or user: what a selection is gathered and looked up by. */
export const selectionKey = ({ vendor, orgId, userId }: SelectedOrganization): string => JSON.stringify([vendor, orgId, userId ?? null]);

export const emptyRecords = (): StoreRecords => ({ labels: [], teams: [], assignments: [], idPairs: [], tenants: [] });

/** The selection as the questions each collection asks of its records. */
export function selectorsOf(selection: StoreSelection): {
  organization: (vendor: VendorId, orgId: string) => boolean;
  label: (vendor: VendorId, orgId: string, userId: string) => boolean;
  idScope: (scope: string) => boolean;
} {
  const vendors = new Set(selection.vendors ?? []);
  const selected = new Set((selection.organizations ?? []).map(selectionKey));
  const byUser = (selection.organizations ?? []).some((organization) => organization.userId !== undefined);
  const idScopes = new Set(selection.idScopes ?? []);
  const organization = (vendor: VendorId, orgId: string) => vendors.has(vendor) || selected.has(selectionKey({ vendor, orgId }));
  return {
    organization,
    label: (vendor, orgId, userId) => organization(vendor, orgId) || (byUser && selected.has(selectionKey({ vendor, orgId, userId }))),
    idScope: (scope) => idScopes.has(scope),
  };
}
