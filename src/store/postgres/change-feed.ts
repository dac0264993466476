import type { Pool } from 'pg';
import { UniqueViolation, type ChangeListener, type CollectionName, type StoredDocument, type ViewMark } from '../engine';
import { StaleView } from '../speculation';
import { reachingDatabase } from './database-errors';
import type { WrittenRow } from './statements';

/** Past this many remembered versions, the ones no operation in flight can contradict are forgotten. */
const FORGET_VERSIONS_PAST = 1000;

/**
 * At most this many applied copies are left out of a catch-up (the newest): while a transaction
 * elsewhere holds the xmin back, the rest are read again rather than sent as a long list.
 */
const LEAVE_OUT_AT_MOST = 500;

/**
 * After a write of another process reaches this one (or a view is found stale), requests catch up
 * before they decide for this long, rather than have their inserts confirm the view they hold: while
 * others write, most such inserts would be refused and run again.
 */
const QUIET_BEFORE_SPECULATING_MS = 1000;

/** A view of this engine: the `since` it was marked at (every row below it had been applied). */
export interface PostgresViewMark extends ViewMark {
  readonly since: bigint;
}

/** A document's row as a reload reads it. */
interface DocumentRow {
  collection: CollectionName;
  version: string;
  removed: boolean;
  doc: StoredDocument;
}

/** What a catch-up reads: the snapshot's xmin and the horizon on every row, then the documents, if any. */
interface ChangeRow {
  xmin: string;
  pruned_xid: string;
  xid: string | null;
  writer: string | null;
  collection: CollectionName | null;
  version: string | null;
  removed: boolean | null;
  doc: StoredDocument | null;
}

/**
 * The rows written by transactions at or past `$1`, but for the copies this process has applied
 * already (versions `$2`), with the xmin of the statement's own snapshot (every transaction below it
 * had ended) and the pruning horizon, read in that one snapshot.
 */
const CATCH_UP = `
  SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin, h.pruned_xid, d.xid, d.writer, d.collection, d.version, d.removed, d.doc
  FROM label_gateway_horizon h
  LEFT JOIN label_gateway_documents d ON d.xid >= $1::xid8 AND d.version <> ALL ($2::bigint[])
  ORDER BY d.version`;

/**
 * Keeps this process's read side in step with a database other gateways write to.
 *
 * Writes take no common lock, so they commit in any order, and a version says nothing about what
 * committed before it. What a catch-up goes by instead is the transaction id each row records
 * (postgres-collection.ts): every transaction below the xmin of a snapshot had ended when it was
 * taken, and one that commits later has an id at or past that xmin. So a catch-up reads the rows
 * whose transaction id is at or past the xmin of the previous catch-up's snapshot, and notes its own
 * snapshot's xmin for the next. It may read again a row it read before (a transaction still running
 * at the previous catch-up keeps the xmin at or below its id until it ends): applying is idempotent,
 * and a copy of a document no newer than the one applied is skipped (the copies this process
 * applied itself are not even sent). A long-running transaction anywhere on the server (even idle in
 * another database) holds the xmin back, so while it runs every catch-up goes over everything
 * written since it began, and sends all but the newest 500 copies it had applied: correct, only slower.
 *
 * Callers that arrive while a catch-up is under way join the next one, since the current one may
 * have read before their own request was acknowledged elsewhere: whoever awaits `catchUp()` sees
 * every write acknowledged before the call, and under load at most two queries are in flight,
 * whatever the number of requests.
 */
export class ChangeFeed {
  private readonly listeners = new Map<CollectionName, ChangeListener<StoredDocument>>();
  /**
   * The version of each document applied lately, and how many operations (writes and catch-ups)
   * had started when it was applied. An older copy can only come from an operation that was under
   * way by then: a catch-up that read before it, or a write of this process whose answer comes back
   * after a newer copy was applied. Once all of those have ended, the entry is forgotten.
   */
  private readonly versions = new Map<string, { version: number; at: number }>();
  private forgetPast = FORGET_VERSIONS_PAST;
  private started = 0;
  /** The operations under way, by the order they started (a Set iterates in insertion order). */
  private readonly underWay = new Set<number>();
  /** The xmin of the last catch-up's snapshot: what the next one reads from. */
  private since = 0n;
  /**
   * The copies this process applied (its own writes' and the catch-ups'), by version, with their
   * transaction id: the next catch-up would read again those at or past `since`, and leaves them
   * out instead (under a steady load, most of what it would read).
   */
  private readonly applied = new Map<string, bigint>();
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  /** When another process's write last reached this one (performance.now()). */
  private othersWroteAt = -Infinity;
  /**
   * Set when a write of this process failed after it may have committed (the connection lost with
   * its commit under way): its rows were never applied, so the next catch-up reads from here, and
   * no insert's confirmed view moves `since` past them meanwhile.
   */
  private readAgainFrom: bigint | undefined;

  /** `writer`: this process, as the rows it writes record it (a random id per engine). */
  constructor(
    private readonly pool: Pool,
    readonly writer: string,
  ) {}

  /** Where the feed starts: the xmin of a snapshot taken before the collections were first loaded. */
  start(xmin: string): void {
    this.since = BigInt(xmin);
  }

  listen<D extends StoredDocument>(name: CollectionName, listener: ChangeListener<D>): void {
    this.listeners.set(name, listener as unknown as ChangeListener<StoredDocument>);
  }

  /**
   * Runs one of this process's writes, which applies what it wrote (`applyWritten`) before it ends.
   * A write that fails for any reason but the database's refusal may still have committed: its
   * transaction began after `since` was read here, so the next catch-up reads again from that point.
   */
  async writing<T>(write: () => Promise<T>): Promise<T> {
    const operation = this.begin();
    const from = this.since;
    try {
      return await write();
    } catch (error) {
      const refused = error instanceof UniqueViolation || error instanceof StaleView; // nothing of it was written
      if (!refused && (this.readAgainFrom === undefined || from < this.readAgainFrom)) this.readAgainFrom = from;
      throw error;
    } finally {
      this.end(operation);
    }
  }

  /** This process's own writes, as the database answered them. */
  applyWritten(collection: CollectionName, rows: readonly WrittenRow[]): void {
    for (const row of rows) this.apply(collection, row.doc, row.version, row.removed, row.xid);
  }

  /**
   * The view as it is now, for a request to decide on (speculation.ts); undefined while others write,
   * and while a failed write of this process waits to be read again (the next catch-up does it).
   */
  markView(): PostgresViewMark | undefined {
    if (this.readAgainFrom !== undefined || performance.now() - this.othersWroteAt < QUIET_BEFORE_SPECULATING_MS) return undefined;
    return { engine: 'postgres', since: this.since };
  }

  /**
   * Where the check of an insert made on these views starts (statements.ts INSERT): the oldest one's
   * `since`, past which no row may be another process's.
   */
  viewFloor(views: readonly PostgresViewMark[]): string {
    let floor = views[0].since;
    for (const view of views) if (view.since < floor) floor = view.since;
    return floor.toString();
  }

  /**
   * An insert's check from `floor` passed in a snapshot whose xmin was `xmin`: every row from the
   * floor up to it was this process's, and every row below the floor applied already (when the floor
   * is not past `since`), so the next catch-up may start at `xmin`.
   */
  viewConfirmed(floor: string, xmin: string): void {
    if (this.readAgainFrom !== undefined) return; // rows of a failed write of ours may lie below it, unapplied
    const confirmed = BigInt(xmin);
    if (BigInt(floor) <= this.since && confirmed > this.since) this.since = confirmed;
  }

  /** An insert's view check failed: another process wrote. */
  viewStale(): void {
    this.othersWroteAt = performance.now();
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

  private apply(collection: CollectionName, doc: StoredDocument, rowVersion: string, removed: boolean, xid: string): void {
    const key = `${collection}|${doc._id}`;
    const version = Number(rowVersion);
    const known = this.versions.get(key);
    if (known && known.version >= version) return; // this copy, or a newer one, is applied already
    this.versions.set(key, { version, at: this.started });
    this.applied.set(rowVersion, BigInt(xid));
    const listener = this.listeners.get(collection);
    if (removed) listener?.removed(doc);
    else listener?.put(doc);
  }

  private async readChanges(): Promise<void> {
    const operation = this.begin();
    try {
      const readingAgain = this.readAgainFrom;
      const since = readingAgain !== undefined && readingAgain < this.since ? readingAgain : this.since;
      for (const [version, xid] of this.applied) if (xid < since || this.applied.size > LEAVE_OUT_AT_MOST) this.applied.delete(version);
      const values = [since.toString(), [...this.applied.keys()]];
      const { rows } = await reachingDatabase(() => this.pool.query<ChangeRow>({ name: 'label-gateway-catch-up', text: CATCH_UP, values }));
      const [first] = rows;
      // Tombstones were pruned that this process may not have seen (written at or past `since`).
      if (BigInt(first.pruned_xid) >= since) return await this.reload();
      for (const row of rows) {
        if (row.collection !== null && row.doc !== null && row.version !== null && row.xid !== null) {
          if (row.writer !== this.writer) this.othersWroteAt = performance.now();
          this.apply(row.collection, row.doc, row.version, row.removed === true, row.xid);
        }
      }
      // An insert's confirmed view may have moved `since` past this snapshot's xmin meanwhile.
      const xmin = BigInt(first.xmin);
      if (xmin > this.since) this.since = xmin;
      if (this.readAgainFrom === readingAgain) this.readAgainFrom = undefined; // unless a write failed meanwhile
    } finally {
      this.end(operation);
    }
  }

  /**
   * Tombstones this process had not seen were pruned: start again from what the database holds.
   * Every row's version is noted, tombstones' too, so that a write of this process still under way
   * cannot put back an older copy when its answer comes.
   */
  private async reload(): Promise<void> {
    // Taken before the rows are read: what commits in between is read again by the next catch-up.
    const xmin = await currentXmin(this.pool);
    const { rows: documents } = await reachingDatabase(() =>
      this.pool.query<DocumentRow>('SELECT collection, version, removed, doc FROM label_gateway_documents ORDER BY seq'),
    );
    this.versions.clear();
    this.applied.clear();
    const live = new Map<CollectionName, StoredDocument[]>([...this.listeners.keys()].map((name) => [name, []]));
    for (const row of documents) {
      this.versions.set(`${row.collection}|${row.doc._id}`, { version: Number(row.version), at: this.started });
      if (!row.removed) live.get(row.collection)?.push(row.doc);
    }
    this.since = BigInt(xmin);
    for (const [name, docs] of live) this.listeners.get(name)?.reload(docs);
  }

  private begin(): number {
    this.started += 1;
    this.underWay.add(this.started);
    return this.started;
  }

  private end(operation: number): void {
    this.underWay.delete(operation);
    if (this.versions.size <= this.forgetPast) return;
    // Every operation that started at or before an entry was applied has ended: no older copy can come.
    const oldest = this.underWay.values().next().value ?? Infinity;
    for (const [key, { at }] of this.versions) if (at < oldest) this.versions.delete(key);
    this.forgetPast = Math.max(FORGET_VERSIONS_PAST, 2 * this.versions.size);
  }
}

/** The xmin of a snapshot taken now: every transaction below it has ended. */
export async function currentXmin(pool: Pool): Promise<string> {
  const { rows } = await reachingDatabase(() => pool.query<{ xmin: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin'));
  return rows[0].xmin;
}
