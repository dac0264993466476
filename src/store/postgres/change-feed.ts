import type { Pool } from 'pg';
import type { ChangeListener, CollectionName, StoredDocument } from '../engine';
import { reachingDatabase } from './database-errors';
import type { WrittenRow } from './postgres-collection';

/** How many written versions are kept before the ones no catch-up can overtake are forgotten. */
const FORGET_WRITTEN_PAST = 1000;

interface ChangeRow {
  pruned_through: string;
  collection: CollectionName | null;
  id: string | null;
  version: string | null;
  removed: boolean | null;
  doc: StoredDocument | null;
}

/**
 * Keeps this process's read side in step with a database other gateways write to. Every write
 * draws a version in commit order (postgres-collection.ts); a catch-up reads the documents whose
 * version is past the last one applied, and tells each collection's listener. Callers that arrive
 * while a catch-up is under way join the next one, since the current one may have read before
 * their own request was acknowledged elsewhere: whoever awaits `catchUp()` sees every write
 * acknowledged before the call, and under load at most two queries are in flight, whatever the
 * number of requests.
 */
export class ChangeFeed {
  private readonly listeners = new Map<CollectionName, ChangeListener<StoredDocument>>();
  /**
   * The version of each document this process wrote past `applied`: a catch-up that read before
   * the write brings an older copy, which is not applied over it; and a write whose answer comes
   * back after a catch-up brought a newer version is not applied over that.
   */
  private readonly written = new Map<string, number>();
  private applied = 0;
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly reloadAll: () => Promise<Map<CollectionName, StoredDocument[]>>,
  ) {}

  /** Where the feed starts: the newest version before the collections were first loaded. */
  start(version: number): void {
    this.applied = version;
  }

  listen<D extends StoredDocument>(name: CollectionName, listener: ChangeListener<D>): void {
    this.listeners.set(name, listener as unknown as ChangeListener<StoredDocument>);
  }

  /** This process's own writes, as the database answered them. */
  applyWritten(collection: CollectionName, rows: readonly WrittenRow[]): void {
    const listener = this.listeners.get(collection);
    for (const row of rows) {
      const version = Number(row.version);
      // At or below `applied`, a catch-up has applied this write already, or a newer one.
      if (version <= this.applied) continue;
      const key = `${collection}|${row.doc._id}`;
      if ((this.written.get(key) ?? 0) >= version) continue;
      this.written.set(key, version);
      if (row.removed) listener?.removed(row.doc);
      else listener?.put(row.doc);
    }
  }

  catchUp(): Promise<void> {
    if (!this.running) {
      this.running = this.readChanges().finally(() => (this.running = undefined));
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.catchUp();
      });
    return this.queued;
  }

  private async readChanges(): Promise<void> {
    const { rows } = await reachingDatabase(() =>
      this.pool.query<ChangeRow>(
        `SELECT h.pruned_through, d.collection, d.id, d.version, d.removed, d.doc
         FROM label_gateway_horizon h LEFT JOIN label_gateway_documents d ON d.version > $1
         ORDER BY d.version`,
        [this.applied],
      ),
    );
    if (Number(rows[0].pruned_through) > this.applied) return this.reload();
    for (const row of rows) {
      if (row.version === null || row.collection === null || row.doc === null) continue;
      const version = Number(row.version);
      this.applied = Math.max(this.applied, version);
      if ((this.written.get(`${row.collection}|${row.id}`) ?? 0) > version) continue; // written here since: ours is newer
      const listener = this.listeners.get(row.collection);
      if (row.removed) listener?.removed(row.doc);
      else listener?.put(row.doc);
    }
    // A write at or below the applied version can no longer be overtaken by an older copy.
    if (this.written.size > FORGET_WRITTEN_PAST) for (const [key, version] of this.written) if (version <= this.applied) this.written.delete(key);
  }

  /** Tombstones this process had not seen were pruned: start again from what the database holds. */
  private async reload(): Promise<void> {
    const { rows } = await reachingDatabase(() => this.pool.query<{ version: string | null }>('SELECT max(version) AS version FROM label_gateway_documents'));
    const version = Number(rows[0].version ?? 0);
    const collections = await this.reloadAll();
    this.written.clear();
    this.applied = version;
    for (const [name, documents] of collections) this.listeners.get(name)?.reload(documents);
  }
}
