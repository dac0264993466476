import type { RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * A store engine: where the mock's state is kept durably, behind one interface that every engine
 * (memory, NeDB folder, PostgreSQL) implements and one contract suite proves
 * (test/store/engine-contract.test.ts). The repositories above it keep the read side in memory and
 * ask the engine only to write; the rules that must hold under concurrency (a name taken once per
 * scope, an id minted once) are the engine's unique constraints, never a check-then-insert.
 */

export const COLLECTION_NAMES = ['labels', 'teams', 'assignments', 'idMap', 'tenants'] as const;
export type CollectionName = (typeof COLLECTION_NAMES)[number];

/** The collections whose documents may carry a `uniqueKey`. */
export const UNIQUE_KEY_COLLECTIONS: ReadonlySet<CollectionName> = new Set(['labels']);

/** A document as an engine keeps it. */
export interface StoredDocument {
  /** Unique within its collection. */
  _id: string;
  /** Creation order, given by the engine on insert: ordered across every process that shares it. */
  seq: number;
  /** Labels only: when present, unique within the collection too (the name in its uniqueness scope). */
  uniqueKey?: string;
}

export type NewDocument<D extends StoredDocument> = Omit<D, 'seq'>;

/** A write refused because another document holds the same `_id` or `uniqueKey`. */
export class UniqueViolation extends Error {
  override name = 'UniqueViolation';
  constructor(readonly field: '_id' | 'uniqueKey') {
    super(`another document already holds this ${field}`);
  }
}

/** The state a document must be in for an update to apply: soft-deleted (`deletedAt` set) or not. */
export interface UpdateCondition {
  deleted: boolean;
}

export interface DocumentCollection<D extends StoredDocument> {
  /** Every document, in creation order: read once, when the store opens. */
  load(): Promise<D[]>;
  /**
   * The collection's one reader: told of every write once it is durable, before the write's
   * promise resolves, in the order the engine applied them; on a shared engine, also of the
   * writes other processes made, as `catchUp` brings them.
   */
  listen(listener: ChangeListener<D>): void;
  /** Stores a new document with the next `seq`; UniqueViolation when its `_id` or `uniqueKey` is taken. */
  insert(document: NewDocument<D>): Promise<D>;
  /**
   * Sets `changes` on document `id` and removes its `unset` fields, if it exists and meets
   * `condition`; the stored result, or undefined when it does not (gone or changed meanwhile).
   */
  update(id: string, condition: UpdateCondition, changes: Partial<D>, unset: readonly string[]): Promise<D | undefined>;
  /** true when a document was removed. */
  remove(id: string): Promise<boolean>;
  clear(): Promise<void>;
  /**
   * Removes `removedIds` and inserts `added` (each given the next `seq`, in order) as one write:
   * all or nothing, and no other write lands between the two halves.
   */
  replace(removedIds: readonly string[], added: ReadonlyArray<NewDocument<D>>): Promise<D[]>;
}

/**
 * What a process's read side held when a request began deciding (StoreEngine.markView): an insert
 * made on it is refused as a whole when the database holds a write from elsewhere that the view
 * lacks. Opaque outside the engine that made it.
 */
export interface ViewMark {
  readonly engine: 'postgres';
}

/** How a repository's read side hears of writes. */
export interface ChangeListener<D extends StoredDocument> {
  /** A document was inserted or changed. */
  put(document: D): void;
  removed(document: D): void;
  /** Start again from these documents (after a clear, or when a shared engine lost track). */
  reload(documents: D[]): void;
}

export interface StoreEngine {
  /** For `/__admin/health`: `memory`, `nedb`, `postgres`. */
  readonly kind: 'memory' | 'nedb' | 'postgres';
  /** Where, for people: a folder, or a database URL without its password. */
  readonly where: string;
  collection<D extends StoredDocument>(name: CollectionName): DocumentCollection<D>;
  /**
   * Engines shared by several processes (PostgreSQL): applies, through the listeners, every write
   * acknowledged anywhere before it was called. Absent on engines only one process writes to.
   */
  catchUp?(): Promise<void>;
  /**
   * Shared engines: marks the view this process holds now, so that a request may decide on it
   * without catching up first and have the database confirm it at its inserts (speculation.ts).
   * undefined when confirming is unlikely to pay: another process wrote lately.
   */
  markView?(): ViewMark | undefined;
  /**
   * Shared engines: a rate limiter whose counts every process sharing the engine adds to (a vendor's
   * limit holds across replicas). `keyPrefix` keeps limiters apart.
   */
  sharedLimiter?(options: { points: number; duration: number; keyPrefix: string }): Pick<RateLimiterAbstract, 'consume'>;
  /** Waits for queued writes (and compacts files, where there are files). */
  flush(): Promise<void>;
  /** Flushes and lets go of the folder or the connections. */
  close(): Promise<void>;
}
