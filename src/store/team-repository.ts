import type { VendorId } from '../core/dialects';
import type { Collection } from './datastores';
import { replaceDocuments } from './replace-documents';
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
  private nextSeq = 1;

  private constructor(private readonly collection: Collection) {}

  static async open(collection: Collection): Promise<TeamRepository> {
    const repository = new TeamRepository(collection);
    const records = (await collection.find({})) as unknown as StoredTeam[];
    records.sort((a, b) => a.seq - b.seq);
    for (const record of records) repository.remember(record);
    repository.nextSeq = (records[records.length - 1]?.seq ?? 0) + 1;
    return repository;
  }

  teamsOf(vendor: VendorId, orgId: string): readonly string[] {
    return this.teamsByOrg.get(orgKey(vendor, orgId))?.teams ?? [];
  }

  has(vendor: VendorId, orgId: string, teamId: string): boolean {
    return this.teamsOf(vendor, orgId).includes(teamId);
  }

  /** Records the team once; concurrent calls for the same team are settled by its deterministic _id. */
  async add(vendor: VendorId, orgId: string, teamId: string): Promise<void> {
    if (this.has(vendor, orgId, teamId)) return;
    const record: StoredTeam = { _id: teamKey(vendor, orgId, teamId), vendor, orgId, teamId, seq: this.nextSeq++ };
    try {
      await this.collection.insert(record);
    } catch (error) {
      if ((error as { errorType?: string }).errorType !== 'uniqueViolated') throw error;
    }
    this.remember(record);
  }

  async clear(): Promise<void> {
    await this.collection.remove({}, { multi: true });
    this.teamsByOrg.clear();
  }

  /** Every team, each organisation's in the order they were first used. */
  records(): TeamRecord[] {
    return [...this.teamsByOrg.values()].flatMap(({ vendor, orgId, teams }) => teams.map((teamId) => ({ vendor, orgId, teamId })));
  }

  /** Takes away the teams of the selected organisations and adds `records`. */
  async replace(isSelected: (vendor: VendorId, orgId: string) => boolean, records: readonly TeamRecord[]): Promise<void> {
    const selected = (record: TeamRecord) => isSelected(record.vendor, record.orgId);
    const removed = this.records().filter(selected).map((record) => teamKey(record.vendor, record.orgId, record.teamId));
    const added = records.map((record): StoredTeam => ({ _id: teamKey(record.vendor, record.orgId, record.teamId), ...record, seq: this.nextSeq++ }));
    await replaceDocuments(this.collection, removed, added);
    const kept = this.records().filter((record) => !selected(record));
    this.teamsByOrg.clear();
    for (const record of [...kept, ...added]) this.remember(record);
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
}

const orgKey = (vendor: VendorId, orgId: string): string => `${vendor}|${orgId}`;
const teamKey = (vendor: VendorId, orgId: string, teamId: string): string => `${vendor}|${orgId}|${teamId}`;
