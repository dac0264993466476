import { dialectsOf, VENDOR_OF, type VendorId } from '../core/dialects';
import { SCOPE_WORDS, uniqueKeyOf, VENDOR_POLICIES } from '../backends/mock/vendor-policies';
import { clientDialectOfScope } from '../proxy/translation/translation-scope';
import { emptyRecords, selectorsOf, type StoreRecords, type StoreSelection } from '../store/store-records';
import { checkDocumentShape } from './document-schema';
import { FINGERPRINT_PATTERN, type IdPairEntry, type TenantState } from './state-document';
import { pointer, StateDocumentError } from './state-problem';

/** What an import takes away, what it puts in its place, and where each new label was in the document. */
export interface Replacement {
  selection: StoreSelection;
  records: StoreRecords;
  /** Label id → its JSON Pointer in the document, for errors found against the store itself. */
  labelPaths: ReadonlyMap<string, string>;
}

/**
 * An exported state document, checked whole (shape, then the rules the store relies on: unique ids,
 * unique names in each vendor's scope, assignments and teams that refer to what exists) and turned
 * into store records. It replaces every vendor it lists; `storedIdScopes` are the id map's scopes
 * today, so that the pairs of those vendors' client dialects are replaced too.
 */
export function importState(document: unknown, storedIdScopes: Iterable<string>): Replacement {
  checkDocumentShape(document);
  const records = emptyRecords();
  const labelPaths = new Map<string, string>();
  const vendors = Object.keys(document.vendors) as VendorId[];
  for (const vendor of vendors) {
    const { tenants, idMap = [] } = document.vendors[vendor]!;
    const organizations = new Map<string, string>();
    for (const [key, tenant] of Object.entries(tenants)) {
      const at = pointer('vendors', vendor, 'tenants', key);
      checkTenantKey(key, tenant, at);
      const other = organizations.get(tenant.orgId);
      if (other) throw new StateDocumentError(`${at}/orgId`, `organization '${tenant.orgId}' is already the tenant at ${other}`);
      organizations.set(tenant.orgId, at);
      if (FINGERPRINT_PATTERN.test(key)) records.tenants.push({ vendor, orgId: tenant.orgId, fingerprint: key });
      addTenant(records, labelPaths, vendor, tenant, at, FINGERPRINT_PATTERN.test(key));
    }
    addIdPairs(records, vendor, idMap);
  }
  return { selection: { vendors, idScopes: idScopesOf(vendors, storedIdScopes) }, records, labelPaths };
}

/** The id map scopes among `scopes` whose client dialect is one of `vendors`' (they belong to that vendor's state). */
export function idScopesOf(vendors: readonly VendorId[], scopes: Iterable<string>): string[] {
  return [...new Set(scopes)].filter((scope) => {
    const client = clientDialectOfScope(scope);
    return client !== undefined && vendors.includes(VENDOR_OF[client]);
  });
}

function checkTenantKey(key: string, tenant: TenantState, at: string): void {
  if (FINGERPRINT_PATTERN.test(key) || key === tenant.orgId) return;
  const reason =
    `a tenant is named by its credential's fingerprint ("fp_" and 16 hex digits) or, for a configured tenant, ` +
    `by its organization (this one's orgId is '${tenant.orgId}')`;
  throw new StateDocumentError(at, reason);
}

function addTenant(
  records: StoreRecords,
  labelPaths: Map<string, string>,
  vendor: VendorId,
  tenant: TenantState,
  at: string,
  openMode: boolean,
): void {
  const { orgId, teams = [], labels = [], assignments = [] } = tenant;
  const policy = VENDOR_POLICIES[vendor];
  for (const teamId of teams) records.teams.push({ vendor, orgId, teamId });
  const names = new Map<string, string>();
  const labelIds = new Set<string>();
  labels.forEach((label, position) => {
    const labelAt = `${at}/labels/${position}`;
    const earlier = labelPaths.get(label.id);
    if (earlier) throw new StateDocumentError(`${labelAt}/id`, `id '${label.id}' is already the id of ${earlier}`);
    checkName(vendor, label.name, `${labelAt}/name`);
    // In open mode a team exists once the organisation has used it; Kirim's team rules count them.
    if (openMode && label.teamId !== null && !teams.includes(label.teamId)) {
      throw new StateDocumentError(`${labelAt}/teamId`, `team '${label.teamId}' is not among this tenant's teams (${at}/teams)`);
    }
    const key = uniqueKeyOf(vendor, orgId, label.teamId, label.userId, label.name);
    if (label.deletedAt === null) {
      const holder = names.get(key);
      if (holder) {
        throw new StateDocumentError(`${labelAt}/name`, `name '${label.name}' is already used in the same ${SCOPE_WORDS[policy.uniqueness]} by ${holder}`);
      }
      names.set(key, labelAt);
    }
    labelPaths.set(label.id, labelAt);
    labelIds.add(label.id);
    const { deletedAt } = label;
    records.labels.push({ ...label, vendor, orgId, ...(deletedAt === null ? { uniqueKey: key } : { restoreKey: key }) });
  });
  const pairs = new Set<string>();
  assignments.forEach(({ conversationId, labelId }, position) => {
    const assignmentAt = `${at}/assignments/${position}`;
    if (!labelIds.has(labelId)) throw new StateDocumentError(`${assignmentAt}/labelId`, `no label of this tenant has the id '${labelId}'`);
    const pair = JSON.stringify([conversationId, labelId]);
    if (pairs.has(pair)) throw new StateDocumentError(assignmentAt, 'assigns the same label to the same conversation again');
    pairs.add(pair);
    records.assignments.push({ vendor, orgId, conversationId, labelId });
  });
}

/** The rules every create and update applies to a name, so a document cannot hold one the API could not. */
function checkName(vendor: VendorId, name: string, at: string): void {
  if (name.trim() !== name) throw new StateDocumentError(at, 'must not begin or end with white space (the API trims names)');
  if (vendor === 'supersend' && name.toLowerCase() !== name) throw new StateDocumentError(at, 'must be lower case (SuperSend stores names lowercased)');
}

function addIdPairs(records: StoreRecords, vendor: VendorId, idMap: readonly IdPairEntry[]): void {
  const dialects = dialectsOf(vendor);
  const upstreamIds = new Set<string>();
  const clientIds = new Set<string>();
  idMap.forEach((pair, position) => {
    const at = pointer('vendors', vendor, 'idMap', position);
    const client = clientDialectOfScope(pair.scope);
    if (!client || !dialects.includes(client)) {
      const reason = `must be the scope of a translation route whose client is ${dialects.join(' or ')} ("<client>><target>@<upstream>")`;
      throw new StateDocumentError(`${at}/scope`, reason);
    }
    const upstreamKey = JSON.stringify([pair.scope, pair.upstreamId]);
    const clientKey = JSON.stringify([pair.scope, pair.clientId]);
    if (upstreamIds.has(upstreamKey)) throw new StateDocumentError(`${at}/upstreamId`, 'is already paired in this scope');
    if (clientIds.has(clientKey)) throw new StateDocumentError(`${at}/clientId`, 'is already paired in this scope');
    upstreamIds.add(upstreamKey);
    clientIds.add(clientKey);
    records.idPairs.push({ scope: pair.scope, clientId: pair.clientId, upstreamId: pair.upstreamId });
  });
}

/**
 * Label ids are unique across the whole store: a new label may not take the id of a label the
 * replacement keeps (another vendor's, another tenant's). `ownerOf` looks an id up in the store.
 */
export function checkIdsAgainstStore(
  replacement: Replacement,
  ownerOf: (id: string) => { vendor: VendorId; orgId: string; userId: string } | undefined,
): void {
  const replaced = selectorsOf(replacement.selection).label;
  for (const label of replacement.records.labels) {
    const owner = ownerOf(label.id);
    if (owner && !replaced(owner.vendor, owner.orgId, owner.userId)) {
      const at = replacement.labelPaths.get(label.id) ?? '';
      throw new StateDocumentError(`${at}/id`, `id '${label.id}' is already used by a label of another tenant that this import keeps`);
    }
  }
}
