import type { VendorId } from '../core/dialects';
import type { Collection } from './datastores';

interface StoredTeam {
  _id: string;
  vendor: VendorId;
  orgId: string;
  teamId: string;
  seq: number;
}

/** Open-mode teams: the team ids each organisation has used, kept so team rules survive restarts. */
export class TeamRepository {
  private readonly teamsByOrg = new Map<string, string[]>();
  private nextSeq = 1;

  private constructor(private readonly collection: Collection) {}

  static async open(collection: Collection): Promise<TeamRepository> {
    const repository = new TeamRepository(collection);
    const records = (await collection.find({})) as unknown as StoredTeam[];
    records.sort((a, b) => a.seq - b.seq);
    for (const record of records) repository.remember(record.vendor, record.orgId, record.teamId);
    repository.nextSeq = (records[records.length - 1]?.seq ?? 0) + 1;
    return repository;
  }

  teamsOf(vendor: VendorId, orgId: string): readonly string[] {
    return this.teamsByOrg.get(orgKey(vendor, orgId)) ?? [];
  }

  has(vendor: VendorId, orgId: string, teamId: string): boolean {
    return this.teamsOf(vendor, orgId).includes(teamId);
  }

  /** Records the team once; concurrent calls for the same team are settled by its deterministic _id. */
  async add(vendor: VendorId, orgId: string, teamId: string): Promise<void> {
    if (this.has(vendor, orgId, teamId)) return;
    const record: StoredTeam = { _id: `${vendor}|${orgId}|${teamId}`, vendor, orgId, teamId, seq: this.nextSeq++ };
    try {
      await this.collection.insert(record);
    } catch (error) {
      if ((error as { errorType?: string }).errorType !== 'uniqueViolated') throw error;
    }
    this.remember(vendor, orgId, teamId);
  }

  async clear(): Promise<void> {
    await this.collection.remove({}, { multi: true });
    this.teamsByOrg.clear();
  }

  private remember(vendor: VendorId, orgId: string, teamId: string): void {
    const key = orgKey(vendor, orgId);
    const teams = this.teamsByOrg.get(key) ?? [];
    if (!teams.includes(teamId)) teams.push(teamId);
    this.teamsByOrg.set(key, teams);
  }
}

const orgKey = (vendor: VendorId, orgId: string): string => `${vendor}|${orgId}`;
