import type { LabelBackend } from '../../core/backend';
import type { DialectId } from '../../core/dialects';
import { GatewayError, notFound, validationError } from '../../core/errors';
import type { Label, LabelChanges, LabelPage, ListQuery, NewLabel } from '../../core/label';
import type { RouteTable } from '../../specs/route-table';
import type { IdMapRepository } from '../../store/id-map-repository';
import type { Tenant } from '../../tenancy/tenant';
import type { ContractMode } from '../proxy-config';
import type { DialectClient, SendUpstream, TargetContext, WritableField } from './dialect-client';
import { translationContext, type TranslationContext } from './exchange-context';
import { httpUpstream, type HttpUpstream } from './http-upstream';
import { convertId, hasForm, type IdForm } from './id-codec';
import { lostFields } from './lost-fields';
import { translationScope } from './translation-scope';

export interface UpstreamBackendOptions {
  client: DialectId;
  clientIdForm: IdForm;
  target: DialectClient;
  upstream: string;
  /** The Authorization value to present; undefined: the client's token in the target's scheme. */
  credential?: string;
  params: Record<string, string>;
  timeoutMs: number;
  contract: ContractMode;
  routes: RouteTable;
  idMap: IdMapRepository;
}

/**
 * A backend that is another vendor: each canonical call becomes the target dialect's request, and
 * its answer becomes canonical again, with ids in the client's form and lost fields reported.
 */
export class UpstreamBackend implements LabelBackend {
  private readonly scope: string;
  private readonly target: TargetContext;
  private readonly upstream: HttpUpstream;

  constructor(private readonly options: UpstreamBackendOptions) {
    this.scope = translationScope(options.client, options.target.dialect, options.upstream);
    this.target = { params: options.params };
    // One sender (and connection pool) per route, not per request.
    this.upstream = httpUpstream({
      target: options.target.dialect,
      upstream: options.upstream,
      timeoutMs: options.timeoutMs,
      contract: options.contract,
      routes: options.routes,
    });
  }

  /** Runs one client exchange's calls with its token and notes at hand (the LabelBackend interface carries labels only). */
  runExchange<T>(exchange: TranslationContext, work: () => Promise<T>): Promise<T> {
    return translationContext.run(exchange, work);
  }

  async create(tenant: Tenant, input: NewLabel): Promise<Label> {
    this.reportLost(lostFields(input, this.options.target));
    const upstreamInput = { ...input, teamId: this.options.params.team_id ?? input.teamId };
    return this.toClient(tenant, await this.options.target.create(this.send(), upstreamInput, this.target));
  }

  async list(tenant: Tenant, query: ListQuery): Promise<LabelPage> {
    const all = await Promise.all((await this.options.target.list(this.send(), this.target)).map((label) => this.toClient(tenant, label)));
    const needle = query.search?.toLowerCase();
    let matching = needle ? all.filter((label) => label.name.toLowerCase().includes(needle)) : all;
    let offset = query.offset ?? 0;
    if (query.startingAfter !== undefined) {
      const position = matching.findIndex((label) => label.id === query.startingAfter);
      if (position < 0) throw validationError('starting_after', `No label with id '${query.startingAfter}' to start after.`);
      matching = matching.slice(position + 1);
      offset = 0;
    }
    const end = query.limit === undefined ? matching.length : Math.min(matching.length, offset + query.limit);
    return { labels: matching.slice(offset, end), total: matching.length, hasMore: end < matching.length };
  }

  async get(tenant: Tenant, id: string): Promise<Label> {
    return this.toClient(tenant, await this.options.target.get(this.send(), this.upstreamIdOf(id), this.target));
  }

  async update(tenant: Tenant, id: string, changes: LabelChanges): Promise<Label> {
    this.reportLost(lostFields(changes, this.options.target));
    return this.toClient(tenant, await this.options.target.update(this.send(), this.upstreamIdOf(id), changes, this.target));
  }

  async remove(_tenant: Tenant, id: string): Promise<void> {
    await this.options.target.remove(this.send(), this.upstreamIdOf(id), this.target);
  }

  async assignToConversation(): Promise<void> {
    throw this.lacks('conversation assignment');
  }

  async unassignFromConversation(): Promise<void> {
    throw this.lacks('conversation assignment');
  }

  async labelsOfConversation(): Promise<Label[]> {
    throw this.lacks('conversation labels');
  }

  private lacks(what: string): GatewayError {
    return new GatewayError('not_implemented', `This gateway serves ${this.options.client} through ${this.options.target.dialect}, which has no ${what}.`);
  }

  private context(): TranslationContext {
    const context = translationContext.getStore();
    if (!context) throw new Error('UpstreamBackend used outside a translated exchange');
    return context;
  }

  private send(): SendUpstream {
    const context = this.context();
    return this.upstream.forExchange({
      authorization: this.options.credential ?? `Bearer ${context.clientToken}`,
      observe: (status, violations) => {
        context.notes.upstreamStatus = status;
        context.notes.violations.push(...violations);
      },
    });
  }

  private reportLost(fields: WritableField[]): void {
    const snakeCase = this.options.client !== 'attention-v2';
    this.context().notes.lostFields.push(...fields.map((field) => (snakeCase && field === 'teamId' ? 'team_id' : field)));
  }

  /** The upstream's label as the client sees it: its id in the client's form, owned by the client's tenant. */
  private async toClient(tenant: Tenant, label: Label): Promise<Label> {
    const { clientIdForm, target, idMap } = this.options;
    const id = convertId(label.id, target.idForm, clientIdForm) ?? (await idMap.clientIdOf(this.scope, label.id));
    return { ...label, id, orgId: tenant.orgId, userId: tenant.userId };
  }

  private upstreamIdOf(clientId: string): string {
    const mapped = this.options.idMap.upstreamIdOf(this.scope, clientId);
    if (mapped) return mapped;
    const converted = hasForm(clientId, this.options.clientIdForm) ? convertId(clientId, this.options.clientIdForm, this.options.target.idForm) : undefined;
    if (!converted) throw notFound();
    return converted;
  }
}
