import type { VendorId } from '../core/dialects';
import { InFlight } from './in-flight';
import { UniqueViolation, type DocumentCollection, type StoreEngine } from './engine';
import type { TeamRecord } from './store-records';

interface StoredTeam extends TeamRecord {
  _id: string;
  seq: number;
}

interface OrganizationTeams {
  vendor: VendorId;
  orgId: string;
  teams: string[];
}

/** Open-mode teams: the team ids each organisation has used, kept so team rules survive restarts. */
export class TeamRepository {
  private readonly teamsByOrg = new Map<string, OrganizationTeams>();
  private readonly adding = new InFlight();

  private constructor(private readonly collection: DocumentCollection<StoredTeam>) {}

  static async open(engine: StoreEngine): Promise<TeamRepository> {
    const repository = new TeamRepository(engine.collection<StoredTeam>('teams'));
    repository.rebuild(await repository.collection.load());
    repository.collection.listen({
      put: (record) => repository.remember(record),
      removed: (record) => repository.forget(record),
      reload: (records) => repository.rebuild(records),
    });
    return repository;
  }

  teamsOf(vendor: VendorId, orgId: string): readonly string[] {
    return this.teamsByOrg.get(orgKey(vendor, orgId))?.teams ?? [];
  }

  has(vendor: VendorId, orgId: string, teamId: string): boolean {
    return this.teamsOf(vendor, orgId).includes(teamId);
  }

  /** Records the team once; concurrent calls for the same team are settled by its deterministic _id. */
  add(vendor: VendorId, orgId: string, teamId: string): Promise<void> {
    if (this.has(vendor, orgId, teamId)) return Promise.resolve();
    return this.adding.run(teamKey(vendor, orgId, teamId), () => this.insert({ vendor, orgId, teamId }));
  }

  private async insert(record: TeamRecord): Promise<void> {
    try {
      await this.collection.insert({ _id: teamKey(record.vendor, record.orgId, record.teamId), ...record });
    } catch (error) {
      // Added meanwhile: on a shared engine perhaps by another process, not yet heard of here.
      if (!(error instanceof UniqueViolation)) throw error;
      this.remember(record);
    }
  }

  clear(): Promise<void> {
    return this.collection.clear();
  }

  /** Every team, each organisation's in the order they were first used. */
  records(): TeamRecord[] {
    return [...this.teamsByOrg.values()].flatMap(({ vendor, orgId, teams }) => teams.map((teamId) => ({ vendor, orgId, teamId })));
  }

  /** Takes away the teams of the selected organisations and adds `records`. */
  async replace(isSelected: (vendor: VendorId, orgId: string) => boolean, records: readonly TeamRecord[]): Promise<void> {
    const selected = (record: TeamRecord) => isSelected(record.vendor, record.orgId);
    const removed = this.records().filter(selected).map((record) => teamKey(record.vendor, record.orgId, record.teamId));
    await this.collection.replace(
      removed,
      records.map((record) => ({ _id: teamKey(record.vendor, record.orgId, record.teamId), ...record })),
    );
  }

  private rebuild(records: readonly TeamRecord[]): void {
    this.teamsByOrg.clear();
    for (const record of records) this.remember(record);
  }

  private remember(record: TeamRecord): void {
    const key = orgKey(record.vendor, record.orgId);
    let organization = this.teamsByOrg.get(key);
    if (!organization) {
      organization = { vendor: record.vendor, orgId: record.orgId, teams: [] };
      this.teamsByOrg.set(key, organization);
    }
    if (!organization.teams.includes(record.teamId)) organization.teams.push(record.teamId);
  }

  private forget(record: TeamRecord): void {
    const key = orgKey(record.vendor, record.orgId);
    const organization = this.teamsByOrg.get(key);
    if (!organization) return;
    organization.teams = organization.teams.filter((teamId) => teamId !== record.teamId);
    if (organization.teams.length === 0) this.teamsByOrg.delete(key);
  }
}

const orgKey = (vendor: VendorId, orgId: string): string => `${vendor}|${orgId}`;
const teamKey = (vendor: VendorId, orgId: string, teamId: string): string => `${vendor}|${orgId}|${teamId}`;
