import { UniqueViolation, type DocumentCollection, type StoreEngine } from './engine';
import type { IdPairRecord } from './store-records';

interface StoredIdPair extends IdPairRecord {
  _id: string;
  seq: number;
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
    private readonly collection: DocumentCollection<StoredIdPair>,
    private readonly newClientId: () => string,
    /** Brings the pairs other processes recorded in (shared engines); nothing to do otherwise. */
    private readonly catchUp: () => Promise<void>,
  ) {}

  static async open(engine: StoreEngine, newClientId: () => string): Promise<IdMapRepository> {
    const repository = new IdMapRepository(engine.collection<StoredIdPair>('idMap'), newClientId, async () => engine.catchUp?.());
    repository.rebuild(await repository.collection.load());
    repository.collection.listen({
      put: (pair) => repository.remember(pair),
      removed: (pair) => repository.forget(pair),
      reload: (pairs) => repository.rebuild(pairs),
    });
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

  clear(): Promise<void> {
    return this.collection.clear();
  }

  records(): IdPairRecord[] {
    return [...this.pairs.values()].map((pair) => ({ ...pair }));
  }

  /** Takes away the pairs of the selected scopes and adds `records`. */
  async replace(isSelected: (scope: string) => boolean, records: readonly IdPairRecord[]): Promise<void> {
    const removed = this.records().filter((pair) => isSelected(pair.scope)).map(pairKey);
    await this.collection.replace(removed, records.map((pair) => ({ _id: pairKey(pair), ...pair })));
  }

  private async insert(pair: IdPairRecord): Promise<string> {
    try {
      await this.collection.insert({ _id: pairKey(pair), ...pair });
    } catch (error) {
      if (!(error instanceof UniqueViolation)) throw error;
      // Paired meanwhile, possibly by another process sharing the engine: that pair wins.
      await this.catchUp();
      const winner = this.toClient.get(`${pair.scope}|${pair.upstreamId}`);
      if (winner === undefined) throw error;
      return winner;
    }
    return pair.clientId;
  }

  private remember(pair: IdPairRecord): void {
    this.pairs.set(pairKey(pair), { scope: pair.scope, clientId: pair.clientId, upstreamId: pair.upstreamId });
    this.toUpstream.set(`${pair.scope}|${pair.clientId}`, pair.upstreamId);
    this.toClient.set(`${pair.scope}|${pair.upstreamId}`, pair.clientId);
  }

  private forget(pair: IdPairRecord): void {
    if (this.pairs.get(pairKey(pair))?.clientId !== pair.clientId) return;
    this.pairs.delete(pairKey(pair));
    this.toUpstream.delete(`${pair.scope}|${pair.clientId}`);
    this.toClient.delete(`${pair.scope}|${pair.upstreamId}`);
  }

  private rebuild(pairs: readonly IdPairRecord[]): void {
    this.pairs.clear();
    this.toUpstream.clear();
    this.toClient.clear();
    for (const pair of pairs) this.remember(pair);
  }
}

/** One pair per upstream id and scope (the NeDB `_id`). */
const pairKey = (pair: IdPairRecord): string => `${pair.scope}|${pair.upstreamId}`;
