import type { Collection } from './datastores';
import { replaceDocuments } from './replace-documents';
import type { IdPairRecord } from './store-records';

interface StoredIdPair extends IdPairRecord {
  _id: string;
}

/**
 * Persisted pairs of client-facing and upstream ids, for upstream ids that have no one-to-one mapping
 * to the client's form. Kept so that ids stay the same across calls and restarts.
 */
export class IdMapRepository {
  private readonly toUpstream = new Map<string, string>();
  private readonly toClient = new Map<string, string>();
  private readonly pairs = new Map<string, IdPairRecord>();

  /** `newClientId` mints the UUIDs of new pairs (the gateway's, possibly seeded, randomness). */
  private constructor(
    private readonly collection: Collection,
    private readonly newClientId: () => string,
  ) {}

  static async open(collection: Collection, newClientId: () => string): Promise<IdMapRepository> {
    const repository = new IdMapRepository(collection, newClientId);
    for (const pair of (await collection.find({})) as unknown as StoredIdPair[]) repository.remember(pair);
    return repository;
  }

  upstreamIdOf(scope: string, clientId: string): string | undefined {
    return this.toUpstream.get(`${scope}|${clientId}`);
  }

  /** The client id paired with `upstreamId`, if a pair was recorded (minted or by `pair()`). */
  knownClientIdOf(scope: string, upstreamId: string): string | undefined {
    return this.toClient.get(`${scope}|${upstreamId}`);
  }

  /** The client id paired with `upstreamId`, minting (and persisting) a new UUID on first sight. */
  async clientIdOf(scope: string, upstreamId: string): Promise<string> {
    const known = this.toClient.get(`${scope}|${upstreamId}`);
    if (known) return known;
    return this.insert({ scope, clientId: this.newClientId(), upstreamId });
  }

  /**
   * Records a known pair (a migrated label: the client keeps its old id, the upstream has a new one).
   * Idempotent for the same pair; a different client id already paired with `upstreamId` wins, and
   * is returned, so a rerun never re-points an id a client may already hold.
   */
  async pair(scope: string, clientId: string, upstreamId: string): Promise<string> {
    const known = this.toClient.get(`${scope}|${upstreamId}`);
    if (known) return known;
    return this.insert({ scope, clientId, upstreamId });
  }

  async clear(): Promise<void> {
    await this.collection.remove({}, { multi: true });
    this.forgetAll();
  }

  records(): IdPairRecord[] {
    return [...this.pairs.values()].map((pair) => ({ ...pair }));
  }

  /** Takes away the pairs of the selected scopes and adds `records`. */
  async replace(isSelected: (scope: string) => boolean, records: readonly IdPairRecord[]): Promise<void> {
    const removed = this.records().filter((pair) => isSelected(pair.scope)).map(pairKey);
    const added = records.map((pair): StoredIdPair => ({ _id: pairKey(pair), ...pair }));
    await replaceDocuments(this.collection, removed, added);
    const kept = this.records().filter((pair) => !isSelected(pair.scope));
    this.forgetAll();
    for (const pair of [...kept, ...added]) this.remember(pair);
  }

  private async insert(pair: IdPairRecord): Promise<string> {
    try {
      await this.collection.insert({ _id: pairKey(pair), ...pair });
    } catch (error) {
      if ((error as { errorType?: string }).errorType !== 'uniqueViolated') throw error;
      return this.toClient.get(`${pair.scope}|${pair.upstreamId}`)!;
    }
    this.remember(pair);
    return pair.clientId;
  }

  private remember(pair: IdPairRecord): void {
    this.pairs.set(pairKey(pair), { scope: pair.scope, clientId: pair.clientId, upstreamId: pair.upstreamId });
    this.toUpstream.set(`${pair.scope}|${pair.clientId}`, pair.upstreamId);
    this.toClient.set(`${pair.scope}|${pair.upstreamId}`, pair.clientId);
  }

  private forgetAll(): void {
    this.pairs.clear();
    this.toUpstream.clear();
    this.toClient.clear();
  }
}

/** One pair per upstream id and scope (the NeDB `_id`). */
const pairKey = (pair: IdPairRecord): string => `${pair.scope}|${pair.upstreamId}`;
