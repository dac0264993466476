import { credentialFingerprint } from '../core/credential-fingerprint';
import { dialectsOf, VENDOR_IDS, VENDOR_OF, type DialectId, type VendorId } from '../core/dialects';
import type { ResetScope } from '../core/reset-scope';
import type { ReplaceOutcome, ResetOutcome, ResetRequest, StateControl } from '../http/admin/state-routes';
import { credentialFrom } from '../http/authenticate';
import type { Store } from '../store/store';
import type { SelectedOrganization } from '../store/store-records';
import { exportState } from './export-state';
import { checkIdsAgainstStore, idScopesOf, importState, type Replacement } from './import-state';
import { seedToReplacement, type SeedContext } from './seed-form';
import { STATE_FORMAT, type StateDocument } from './state-document';
import { StateDocumentError } from './state-problem';
import { selectionOf } from './tenant-selection';


export interface StateServiceOptions {
  store: Store;
  seed: SeedContext;
  /** Told what each reset emptied, so the journal can forget those exchanges too. */
  forgetExchanges?: (scope: ResetScope) => void;
}

/**
 * The admin state: export, replace (either form), scoped reset. Replacements and resets run one at
 * a time, each checked whole before anything is written; vendor traffic goes on meanwhile, and
 * writes to tenants a replacement does not cover are never lost.
 */
export class StateService implements StateControl {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: StateServiceOptions) {}

  exportState(vendors: readonly VendorId[] = VENDOR_IDS): StateDocument {
    return exportState(this.options.store.records(), vendors);
  }

  replaceState(document: unknown): Promise<ReplaceOutcome> {
    return this.exclusive(async () => {
      try {
        const form = formOf(document);
        const { store } = this.options;
        const replacement =
          form === 'export'
            ? importState(document, store.idMap.records().map((pair) => pair.scope))
            : await seedToReplacement(document as Record<string, unknown>, this.options.seed);
        checkIdsAgainstStore(replacement, (id) => store.labels.index.get(id));
        await store.replace(replacement.selection, replacement.records);
        return { ok: true, form, ...summaryOf(replacement) };
      } catch (error) {
        if (error instanceof StateDocumentError) return { ok: false, path: error.path, reason: error.reason };
        throw error;
      }
    });
  }

  reset(request: ResetRequest): Promise<ResetOutcome> {
    return this.exclusive(async () => {
      const { store } = this.options;
      const vendors = request.dialect ? [VENDOR_OF[request.dialect]] : request.vendor ? [request.vendor] : undefined;
      let scope: ResetScope;
      if (request.credential !== undefined) {
        const tenant = this.tenantOf(request.credential, vendors ?? VENDOR_IDS, request.dialect);
        if (!tenant.ok) return tenant;
        await store.reset({ organizations: tenant.organizations });
        scope = { kind: 'tenant', vendors: tenant.organizations.map(({ vendor }) => vendor), fingerprints: tenant.fingerprints };
      } else if (vendors) {
        await store.reset({ vendors, idScopes: idScopesOf(vendors, store.idMap.records().map((pair) => pair.scope)) });
        scope = { kind: 'vendors', vendors };
      } else {
        await store.reset();
        scope = { kind: 'everything' };
      }
      this.options.forgetExchanges?.(scope);
      return { ok: true, scope };
    });
  }

  /** The credential's tenant in each of `vendors` where it is one (read by `dialect`'s rule when given). */
  private tenantOf(credential: string, vendors: readonly VendorId[], dialect: DialectId | undefined) {
    const organizations: SelectedOrganization[] = [];
    const fingerprints: Partial<Record<VendorId, string>> = {};
    const refusals: string[] = [];
    for (const vendor of vendors) {
      const rule = this.options.seed.adapters[dialect ?? dialectsOf(vendor)[0]].credentials;
      let token: string;
      try {
        token = credentialFrom(credential, rule);
      } catch (error) {
        refusals.push(`${vendor}: ${(error as Error).message}`);
        continue;
      }
      const tenant = this.options.seed.tenants.resolve(vendor, token);
      if (!tenant) {
        refusals.push(`${vendor}: not a credential of the tenants file`);
        continue;
      }
      organizations.push(selectionOf(tenant));
      fingerprints[vendor] = credentialFingerprint(token);
    }
    if (organizations.length === 0) {
      return { ok: false as const, field: 'credential', message: `credential is no tenant's credential (${refusals.join('; ')})` };
    }
    return { ok: true as const, organizations, fingerprints };
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** Which form a document is in: an export says so in `format`; anything else is read as a seed. */
function formOf(document: unknown): 'export' | 'seed' {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new StateDocumentError('', `must be a JSON object: a state document ("format": "${STATE_FORMAT}") or a seed keyed by dialect`);
  }
  if ('format' in document) return 'export';
  if (Object.keys(document).length === 0) {
    const example = '{"kirim": {"Bearer <token>": [{"name": "VIP"}]}}';
    throw new StateDocumentError('', `is empty: a seed names dialects (${example}); an exported state has "format": "${STATE_FORMAT}"`);
  }
  return 'seed';
}

function summaryOf(replacement: Replacement): { vendors: VendorId[]; tenants: number; labels: number } {
  const { selection, records } = replacement;
  const organizations = new Set(records.labels.map((label) => `${label.vendor}|${label.orgId}`));
  for (const team of records.teams) organizations.add(`${team.vendor}|${team.orgId}`);
  for (const organization of selection.organizations ?? []) organizations.add(`${organization.vendor}|${organization.orgId}`);
  const vendors = [...(selection.vendors ?? [])];
  return { vendors, tenants: organizations.size, labels: records.labels.length };
}
