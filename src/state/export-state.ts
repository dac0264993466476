import { VENDOR_OF, type VendorId } from '../core/dialects';
import { clientDialectOfScope } from '../proxy/translation/translation-scope';
import type { LabelRecord, StoreRecords } from '../store/store-records';
import { STATE_FORMAT, STATE_VERSION, type LabelEntry, type StateDocument, type TenantState, type VendorState } from './state-document';

/**
 * The store's records as a state document for `vendors`. Deterministic, so that an export, an
 * import of it and a second export are the same document: vendors in their fixed order, tenants by
 * key, labels in creation order, teams and assignments in the order they were made, id pairs by
 * scope and upstream id. Organisations with nothing in them are left out.
 */
export function exportState(records: StoreRecords, vendors: readonly VendorId[]): StateDocument {
  const wanted = new Set(vendors);
  const fingerprints = new Map(records.tenants.map((tenant) => [orgKey(tenant.vendor, tenant.orgId), tenant.fingerprint]));
  const organizations = new Map<string, { vendor: VendorId; state: TenantState }>();
  const organization = (vendor: VendorId, orgId: string): TenantState => {
    const key = orgKey(vendor, orgId);
    let entry = organizations.get(key);
    if (!entry) {
      entry = { vendor, state: { orgId, teams: [], labels: [], assignments: [] } };
      organizations.set(key, entry);
    }
    return entry.state;
  };

  for (const { vendor, orgId, teamId } of records.teams) if (wanted.has(vendor)) organization(vendor, orgId).teams.push(teamId);
  for (const label of records.labels) {
    if (wanted.has(label.vendor)) organization(label.vendor, label.orgId).labels.push(labelEntryOf(label));
  }
  for (const { vendor, orgId, conversationId, labelId } of records.assignments) {
    if (wanted.has(vendor)) organization(vendor, orgId).assignments.push({ conversationId, labelId });
  }

  const document: StateDocument = { format: STATE_FORMAT, version: STATE_VERSION, vendors: {} };
  for (const vendor of vendors) document.vendors[vendor] = { tenants: {}, idMap: [] };
  const byKey = [...organizations.values()]
    .map(({ vendor, state }) => ({ vendor, state, key: fingerprints.get(orgKey(vendor, state.orgId)) ?? state.orgId }))
    .sort((a, b) => compare(a.key, b.key));
  for (const { vendor, state, key } of byKey) (document.vendors[vendor] as VendorState).tenants[key] = state;

  const pairs = [...records.idPairs].sort((a, b) => compare(a.scope, b.scope) || compare(a.upstreamId, b.upstreamId));
  for (const pair of pairs) {
    const client = clientDialectOfScope(pair.scope);
    const vendorState = client && document.vendors[VENDOR_OF[client]];
    if (vendorState) vendorState.idMap.push({ scope: pair.scope, clientId: pair.clientId, upstreamId: pair.upstreamId });
  }
  return document;
}

/** Field by field, in one fixed order, whatever order the engine keeps a record's fields in. */
function labelEntryOf(record: LabelRecord): LabelEntry {
  return {
    id: record.id,
    teamId: record.teamId,
    userId: record.userId,
    name: record.name,
    color: record.color,
    description: record.description,
    aiFlow: record.aiFlow,
    allTeams: record.allTeams,
    isDefaultTemplate: record.isDefaultTemplate,
    options: record.options.map(({ value, description }) => (description === undefined ? { value } : { value, description })),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    deletedAt: record.deletedAt,
  };
}

const orgKey = (vendor: VendorId, orgId: string): string => `${vendor}|${orgId}`;

/** Code-unit order, the same on every machine (localeCompare is not). */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
