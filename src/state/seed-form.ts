import type { DialectAdapter } from '../core/adapter';
import { DIALECT_IDS, isDialectId, VENDOR_OF, type DialectId, type VendorId } from '../core/dialects';
import { isGatewayError, type GatewayError } from '../core/errors';
import type { Label } from '../core/label';
import type { Randomness } from '../core/random';
import { MockBackend } from '../backends/mock/mock-backend';
import { VENDOR_POLICIES } from '../backends/mock/vendor-policies';
import { credentialFrom } from '../http/authenticate';
import { checkBody } from '../http/request-validation';
import type { CompiledOperation } from '../specs/compiled-operation';
import { openStore, type Store } from '../store/store';
import { selectionKey, type SelectedOrganization } from '../store/store-records';
import { StoreTeamDirectory } from '../tenancy/team-directory';
import type { Tenant } from '../tenancy/tenant';
import type { TenantResolver } from '../tenancy/tenant-resolver';
import type { Replacement } from './import-state';
import { STATE_FORMAT } from './state-document';
import { pointer, StateDocumentError } from './state-problem';
import { selectionOf } from './tenant-selection';

export interface SeedContext {
  adapters: { readonly [D in DialectId]: DialectAdapter };
  /** Each mocked dialect's `createLabel` operation; a dialect served by an upstream is absent. */
  createOperations: ReadonlyMap<DialectId, CompiledOperation>;
  tenants: TenantResolver;
  random: Randomness;
}

/**
 * The hand-written form, `{"<dialect>": {"<Authorization header>": [<label in the dialect's create
 * shape, with an optional "id">, …]}}`, turned into store records by running every label through
 * its dialect's own create (the spec's request check, the adapter, the mock backend with the
 * vendor's rules) against a scratch in-memory store. So a seed obeys exactly what the API obeys:
 * defaults filled as a create fills them, a duplicate name refused as a create refuses it. It
 * replaces the tenants it names and nothing else.
 *
 * Credentials are never repeated in an error: a credential's place in a path is `{credential N}`,
 * its position under its dialect (from 1).
 */
export async function seedToReplacement(seed: Record<string, unknown>, context: SeedContext): Promise<Replacement> {
  const scratch = await openStore({ kind: 'memory' }, context.random);
  try {
    const run = new SeedRun(scratch, context);
    for (const [dialect, byCredential] of Object.entries(seed)) await run.dialect(dialect, byCredential);
    return run.replacement();
  } finally {
    await scratch.close();
  }
}

/** One seed's way through the scratch store. */
class SeedRun {
  private readonly backends = new Map<VendorId, MockBackend>();
  private readonly teams: StoreTeamDirectory;
  private readonly organizations = new Map<string, SelectedOrganization>();
  /** Generated id → the id the seed gives the label instead. */
  private readonly fixedIds = new Map<string, string>();
  /** Id the seed gives → where. */
  private readonly givenIds = new Map<string, string>();
  private readonly labelPaths = new Map<string, string>();

  constructor(
    private readonly scratch: Store,
    private readonly context: SeedContext,
  ) {
    this.teams = new StoreTeamDirectory(scratch.teams, scratch.tenants);
  }

  async dialect(dialect: string, byCredential: unknown): Promise<void> {
    const at = pointer(dialect);
    if (!isDialectId(dialect)) {
      throw new StateDocumentError(at, `is not a dialect (a seed is keyed by ${DIALECT_IDS.join(', ')}; an exported state has "format": "${STATE_FORMAT}")`);
    }
    const operation = this.context.createOperations.get(dialect);
    if (!operation) throw new StateDocumentError(at, 'is served by an upstream (proxy mode): its labels live there, not in the mock');
    if (!isPlainObject(byCredential)) throw new StateDocumentError(at, 'must be an object: Authorization header value → list of labels');
    let position = 0;
    for (const [credential, labels] of Object.entries(byCredential)) {
      const credentialAt = pointer(dialect, `{credential ${++position}}`);
      const tenant = this.tenantOf(dialect, credential, credentialAt);
      if (!Array.isArray(labels)) throw new StateDocumentError(credentialAt, `must be a list of labels in ${dialect}'s create request shape`);
      for (const [index, label] of labels.entries()) await this.create(dialect, operation, tenant, label, `${credentialAt}/${index}`);
    }
  }

  replacement(): Replacement {
    const records = this.scratch.records();
    const labelPaths = new Map<string, string>();
    records.labels = records.labels.map((label) => {
      const id = this.fixedIds.get(label.id) ?? label.id;
      const at = this.labelPaths.get(label.id) ?? '';
      const other = labelPaths.get(id);
      // A generated id equal to one the seed gives: as likely as two random UUIDs meeting, but told.
      if (other) throw new StateDocumentError(`${at}/id`, `id '${id}' is also the id of ${other}`);
      labelPaths.set(id, at);
      return id === label.id ? label : { ...label, id };
    });
    return { selection: { organizations: [...this.organizations.values()] }, records, labelPaths };
  }

  private tenantOf(dialect: DialectId, credential: string, at: string): Tenant {
    const vendor = VENDOR_OF[dialect];
    let token: string;
    try {
      token = credentialFrom(credential, this.context.adapters[dialect].credentials);
    } catch (error) {
      throw new StateDocumentError(at, `is not a ${dialect} credential: ${(error as Error).message}`);
    }
    const tenant = this.context.tenants.resolve(vendor, token);
    if (!tenant) throw new StateDocumentError(at, `is not a credential of the tenants file for ${vendor}`);
    const selected = selectionOf(tenant);
    this.organizations.set(selectionKey(selected), selected);
    return tenant;
  }

  private async create(dialect: DialectId, operation: CompiledOperation, tenant: Tenant, label: unknown, at: string): Promise<void> {
    if (!isPlainObject(label)) throw new StateDocumentError(at, `must be an object: a label in ${dialect}'s create request shape`);
    const { id, ...body } = label;
    const policy = VENDOR_POLICIES[tenant.vendor];
    if (id !== undefined && (typeof id !== 'string' || !policy.idPattern.test(id))) throw new StateDocumentError(`${at}/id`, `must be ${policy.idForm}`);
    const earlier = typeof id === 'string' ? this.givenIds.get(id) : undefined;
    if (earlier) throw new StateDocumentError(`${at}/id`, `id '${id}' is already given to ${earlier}`);
    let created: Label | undefined;
    const backend = this.backendOf(tenant.vendor, (label) => (created = label));
    try {
      const checked = checkBody(operation, body);
      const { random } = this.context;
      await this.context.adapters[dialect].operations.createLabel({ params: {}, query: {}, body: checked, tenant, backend, teams: this.teams, random });
    } catch (error) {
      if (isGatewayError(error)) throw problemOf(error, at);
      throw error;
    }
    if (!created) throw new StateDocumentError(at, 'was not created');
    this.labelPaths.set(created.id, at);
    if (typeof id === 'string') {
      this.fixedIds.set(created.id, id);
      this.givenIds.set(id, at);
    }
  }

  /** The scratch mock backend of the vendor, telling `onCreate` of the label each create makes. */
  private backendOf(vendor: VendorId, onCreate: (label: Label) => void): MockBackend {
    let backend = this.backends.get(vendor);
    if (!backend) {
      backend = new MockBackend(vendor, this.scratch, this.context.random);
      this.backends.set(vendor, backend);
    }
    const mock = backend;
    // The backend's own behaviour throughout, with the created label noted on its way out.
    return Object.assign(Object.create(mock) as MockBackend, {
      create: async (tenant: Tenant, input: Parameters<MockBackend['create']>[1]) => {
        const label = await mock.create(tenant, input);
        onCreate(label);
        return label;
      },
    });
  }
}

/** A create's refusal, at the field it names (`options[0].value` → `/options/0/value`). */
function problemOf(error: GatewayError, at: string): StateDocumentError {
  const field = error.field && error.field !== 'body' ? error.field : undefined;
  const segments = field ? field.replace(/\[(\d+)\]/g, '.$1').split('.') : [];
  return new StateDocumentError(at + pointer(...segments), error.message);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `createLabel` operation of every dialect the mock serves: what a seed can be written for. */
export function mockedCreateOperations(
  routes: { operations(): CompiledOperation[] },
  serving: { readonly [D in DialectId]: { kind: string } },
): Map<DialectId, CompiledOperation> {
  const operations = routes.operations().filter((operation) => operation.operationId === 'createLabel' && serving[operation.dialect].kind === 'mock');
  return new Map(operations.map((operation) => [operation.dialect, operation]));
}
