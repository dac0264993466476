import type { Randomness } from '../../core/random';
import type { IdMapRepository } from '../../store/id-map-repository';
import { hasForm, kirimIdToUuid, uuidToKirimId, type IdForm } from './id-codec';
import type { TeamRule } from './team-rule';

/**
 * Label ids between the client's documented form and the upstream's. A recorded pair always wins
 * (minted here, or left by `label-gateway migrate` through IdMapRepository.pair); then the mappings
 * that are exact (the same form on both sides, UUID → Kirim id); anything else is given a new id of
 * the client's form, persisted, so it stays the same across list, get, update and restarts.
 */
export class LabelIdTranslation {
  constructor(
    private readonly idMap: IdMapRepository,
    private readonly scope: string,
    private readonly clientForm: IdForm,
    private readonly upstreamForm: IdForm,
    /** Mints new client ids: the gateway's randomness (seeded with --random-seed). */
    private readonly random: Randomness,
  ) {}

  async toClient(upstreamId: string): Promise<string> {
    const known = this.idMap.knownClientIdOf(this.scope, upstreamId);
    if (known) return known;
    const exact = this.exactlyToClient(upstreamId);
    if (exact) return exact;
    if (this.clientForm === 'uuid') return this.idMap.clientIdOf(this.scope, upstreamId);
    return this.idMap.pair(this.scope, `lbl_${this.random.ulid()}`, upstreamId);
  }

  /** undefined: no upstream label can have this id, which is the client's 404. */
  toUpstream(clientId: string): string | undefined {
    const known = this.idMap.upstreamIdOf(this.scope, clientId);
    if (known) return known;
    if (!hasForm(clientId, this.clientForm)) return undefined;
    if (this.clientForm === this.upstreamForm) return clientId;
    // A UUID client's ids for Kirim labels were all minted, so all are in the map.
    return this.clientForm === 'kirim' ? kirimIdToUuid(clientId) : undefined;
  }

  private exactlyToClient(upstreamId: string): string | undefined {
    if (this.clientForm === 'kirim') return this.upstreamForm === 'uuid' ? uuidToKirimId(upstreamId) : hasFormOrUndefined(upstreamId, 'kirim');
    return this.upstreamForm === 'uuid' ? hasFormOrUndefined(upstreamId, 'uuid') : undefined;
  }
}

function hasFormOrUndefined(id: string, form: IdForm): string | undefined {
  return hasForm(id, form) ? id : undefined;
}

/** Where a client's team goes on the target, and whether the target could keep it apart. */
export interface TargetTeam {
  team: string | null;
  /** The route's one team already stands for another client team: this one has no counterpart. */
  lost: boolean;
}

/**
 * Team ids between client and target, kept as pairs in the id map like label ids. A route that names
 * a target team (`params.team_id`) pairs it with the first client team that reaches it; without one,
 * the client's team is the target's. A target team shown to the client keeps one client id for good.
 */
export class TeamTranslation {
  /** First sights in progress: the labels of one list share a team, and must share its client id. */
  private readonly settling = new Map<string, Promise<string>>();

  constructor(
    private readonly idMap: IdMapRepository,
    private readonly scope: string,
    /** The client dialect's team ids; undefined when it has no teams. */
    private readonly clientRule: TeamRule | undefined,
    private readonly targetHoldsTeams: boolean,
    /** `params.team_id` of the route. */
    private readonly routeTeam: string | undefined,
    private readonly random: Randomness,
  ) {}

  async toUpstream(clientTeam: string | null): Promise<TargetTeam> {
    if (!this.targetHoldsTeams) return { team: null, lost: false }; // reported with the fields the target lacks
    if (clientTeam === null) return { team: this.routeTeam ?? null, lost: false };
    const known = this.idMap.upstreamIdOf(this.scope, clientTeam);
    if (known) return { team: known, lost: false };
    if (this.routeTeam === undefined) return { team: clientTeam, lost: false };
    const pairedWith = await this.idMap.pair(this.scope, clientTeam, this.routeTeam);
    return { team: this.routeTeam, lost: pairedWith !== clientTeam };
  }

  async toClient(targetTeam: string | null): Promise<string | null> {
    if (!this.clientRule || targetTeam === null) return null;
    const known = this.idMap.knownClientIdOf(this.scope, targetTeam);
    if (known) return known;
    let settled = this.settling.get(targetTeam);
    if (!settled) {
      // Recorded even when it is the same id, so that no other client team can claim it later.
      const clientTeam = this.clientRule.problemWith(targetTeam) === undefined ? targetTeam : this.random.uuid();
      settled = this.idMap.pair(this.scope, clientTeam, targetTeam).finally(() => this.settling.delete(targetTeam));
      this.settling.set(targetTeam, settled);
    }
    return settled;
  }
}
