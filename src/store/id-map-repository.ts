import { randomUUID } from 'node:crypto';
import type { Collection } from './datastores';

interface StoredIdPair {
  _id: string;
  scope: string;
  clientId: string;
  upstreamId: string;
}

/**
 * Persisted pairs of client-facing and upstream ids, for upstream ids that have no one-to-one mapping
 * to the client's form. Kept so that ids stay the same across calls and restarts.
 */
export class IdMapRepository {
  private readonly toUpstream = new Map<string, string>();
  private readonly toClient = new Map<string, string>();

  private constructor(private readonly collection: Collection) {}

  static async open(collection: Collection): Promise<IdMapRepository> {
    const repository = new IdMapRepository(collection);
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
    const pair: StoredIdPair = { _id: `${scope}|${upstreamId}`, scope, clientId: randomUUID(), upstreamId };
    try {
      await this.collection.insert(pair);
    } catch (error) {
      if ((error as { errorType?: string }).errorType !== 'uniqueViolated') throw error;
      return this.toClient.get(`${scope}|${upstreamId}`)!;
    }
    this.remember(pair);
    return pair.clientId;
  }

  /**
   * Records a known pair (a migrated label: the client keeps its old id, the upstream has a new one).
   * Idempotent for the same pair; a different client id already paired with `upstreamId` wins, and
   * is returned, so a rerun never re-points an id a client may already hold.
   */
  async pair(scope: string, clientId: string, upstreamId: string): Promise<string> {
    const known = this.toClient.get(`${scope}|${upstreamId}`);
    if (known) return known;
    const pair: StoredIdPair = { _id: `${scope}|${upstreamId}`, scope, clientId, upstreamId };
    try {
      await this.collection.insert(pair);
    } catch (error) {
      if ((error as { errorType?: string }).errorType !== 'uniqueViolated') throw error;
      return this.toClient.get(`${scope}|${upstreamId}`)!;
    }
    this.remember(pair);
    return clientId;
  }

  async clear(): Promise<void> {
    await this.collection.remove({}, { multi: true });
    this.toUpstream.clear();
    this.toClient.clear();
  }

  private remember(pair: StoredIdPair): void {
    this.toUpstream.set(`${pair.scope}|${pair.clientId}`, pair.upstreamId);
    this.toClient.set(`${pair.scope}|${pair.upstreamId}`, pair.clientId);
  }
}
