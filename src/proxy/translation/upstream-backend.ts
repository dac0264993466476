import type { LabelBackend } from '../../core/backend';
import type { DialectId } from '../../core/dialects';
import type { Randomness } from '../../core/random';
import { GatewayError, notFound, validationError } from '../../core/errors';
import type { Label, LabelChanges, LabelPage, ListQuery, NewLabel } from '../../core/label';
import type { RouteTable } from '../../specs/route-table';
import type { IdMapRepository } from '../../store/id-map-repository';
import type { Tenant } from '../../tenancy/tenant';
import type { ContractMode } from '../proxy-config';
import type { DialectClient, SendUpstream, TargetContext, WritableField } from './dialect-client';
import { translationContext, type TranslationContext } from './exchange-context';
import { httpUpstream, type HttpUpstream } from './http-upstream';
import type { IdForm } from './id-codec';
import { LabelIdTranslation, TeamTranslation } from './id-translation';
import { fieldNameIn, keptChanges, lostFields } from './lost-fields';
import type { TeamRule } from './team-rule';
import { translationScope, translationTeamScope } from './translation-scope';

export interface UpstreamBackendOptions {
  client: DialectId;
  /** Mints the client ids of labels and teams first seen upstream (seeded with --random-seed). */
  random: Randomness;
  clientIdForm: IdForm;
  /** The client dialect's team ids (from its spec); undefined when it has no teams. */
  clientTeams: TeamRule | undefined;
  target: DialectClient;
  /** Whether the target dialect has teams (from its spec). */
  targetHasTeams: boolean;
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
 * its answer becomes canonical again, with ids and teams in the client's form and lost fields reported.
 */
export class UpstreamBackend implements LabelBackend {
  private readonly ids: LabelIdTranslation;
  private readonly teams: TeamTranslation;
  private readonly target: TargetContext;
  private readonly upstream: HttpUpstream;

  constructor(private readonly options: UpstreamBackendOptions) {
    const { client, target, upstream, idMap } = options;
    this.ids = new LabelIdTranslation(idMap, translationScope(client, target.dialect, upstream), options.clientIdForm, target.idForm, options.random);
    const teamScope = translationTeamScope(client, target.dialect, upstream);
    this.teams = new TeamTranslation(idMap, teamScope, options.clientTeams, options.targetHasTeams, options.params.team_id, options.random);
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
    const lost = lostFields(input, this.options.target);
    const { team, lost: teamLost } = await this.teams.toUpstream(input.teamId);
    if (teamLost) lost.push('teamId');
    this.reportLost(lost);
    const created = await this.options.target.create(this.send(), { ...input, teamId: team }, this.inTeam(team));
    return this.toClient(tenant, created);
  }

  async list(tenant: Tenant, query: ListQuery): Promise<LabelPage> {
    const { team } = await this.teams.toUpstream(query.teamId ?? null);
    const upstreamLabels = await this.options.target.list(this.send(), this.inTeam(team));
    const all = await Promise.all(upstreamLabels.map((label) => this.toClient(tenant, label)));
    const needle = query.search?.toLowerCase();
    // The client's filters apply to what the client sees: a label shown in another team is not in this one.
    let matching = all.filter(
      (label) =>
        (query.teamId === undefined || label.teamId === query.teamId || (query.includeOrgWide === true && label.teamId === null)) &&
        (!needle || label.name.toLowerCase().includes(needle)),
    );
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
    const lost = lostFields(changes, this.options.target);
    this.reportLost(lost);
    const updated = await this.options.target.update(this.send(), this.upstreamIdOf(id), keptChanges(changes, lost), this.target);
    return this.toClient(tenant, updated);
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
    this.context().notes.lostFields.push(...fields.map((field) => fieldNameIn(this.options.client, field)));
  }

  /** The route's context with the target team this call works in (none: the target resolves it, or has no teams). */
  private inTeam(team: string | null): TargetContext {
    const { team_id: _routeTeam, ...others } = this.options.params;
    return { params: team === null ? others : { ...others, team_id: team } };
  }

  /** The upstream's label as the client sees it: id and team in the client's form, owned by the client's tenant. */
  private async toClient(tenant: Tenant, label: Label): Promise<Label> {
    const [id, teamId] = await Promise.all([this.ids.toClient(label.id), this.teams.toClient(label.teamId)]);
    return { ...label, id, teamId, orgId: tenant.orgId, userId: tenant.userId };
  }

  private upstreamIdOf(clientId: string): string {
    const upstreamId = this.ids.toUpstream(clientId);
    if (upstreamId === undefined) throw notFound();
    return upstreamId;
  }
}
