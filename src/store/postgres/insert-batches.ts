import type { CollectionName, NewDocument, StoredDocument } from '../engine';
import type { PostgresViewMark } from './change-feed';

/** A document to insert, and where; `onView` when it was decided on a view the insert must confirm. */
export interface Insert {
  collection: CollectionName;
  document: NewDocument<StoredDocument>;
  onView?: PostgresViewMark;
}

/** One insert waiting for its statement. */
interface Waiting<R> extends Insert {
  resolve(outcome: InsertOutcome<R>): void;
  reject(error: unknown): void;
}

/**
 * The row an insert wrote; `conflict` when a live document already holds its `_id`; `stale` when it
 * was made on a view the database found behind (and so was not made).
 */
export type InsertOutcome<R = unknown> = { row: R } | 'conflict' | 'stale';

export interface InsertStatements<R> {
  /** One statement for every insert of `batch` (one transaction, one WAL flush): an outcome per insert, in order. */
  together(batch: readonly Insert[]): Promise<Array<InsertOutcome<R>>>;
  /** One insert in a statement of its own. */
  alone(insert: Insert): Promise<InsertOutcome<R>>;
  /** Whether a failed `together` may succeed for some inserts alone (a unique violation of one of them). */
  mayPartlySucceed(error: unknown): boolean;
}

/** Most inserts per statement: a burst beyond it goes in several. */
export const MOST_PER_STATEMENT = 100;

export interface BatchLimits {
  /**
   * Statements on their way at once, in the usual case. One: Kirim creates at 10 connections on one
   * gateway (2026-12-07, 2 cores shared with the server and the load, 4 rounds each in turn) made ~3.5
   * inserts per statement and cost PostgreSQL 242-253 CPU µs per create, against ~2.3 and 296-356 µs
   * with two on their way, for as many creates a second (1,622-1,900 against 1,440-1,842).
   */
  concurrent: number;
  /**
   * A statement under way this long no longer counts against `concurrent`: it is held up (waiting on
   * a lock another transaction holds, such as another gateway's insert of the same name), and the
   * inserts behind it go without it. A statement usually takes a few ms, its WAL flush included.
   */
  heldUpMs: number;
  /** Statements on their way at most, held up or not: fewer than the pool's connections, so catch-ups still get one. */
  mostUnderWay: number;
}

export const DEFAULT_LIMITS: BatchLimits = { concurrent: 1, heldUpMs: 50, mostUnderWay: 8 };

/**
 * Inserts from every request of this process, gathered into as few statements as the load allows:
 * while a statement is on its way, the inserts that arrive wait and go together in the next one.
 * A commit waits for its WAL flush; under load, N creates then cost one statement, one commit and
 * one flush rather than N, and a lone insert goes at once (nothing waits when nothing is under way).
 *
 * A statement is one transaction, so one insert that breaks a rule the database enforces (a name
 * taken in its scope) fails its whole batch; the batch's inserts are then run again each alone, so
 * each gets its own answer and no insert is refused for another's sake.
 */
export class InsertBatches<R> {
  private readonly waiting: Array<Waiting<R>> = [];
  /** When each statement under way was sent (performance.now()). */
  private readonly underWay = new Set<{ sentAt: number }>();
  private heldUpCheck: NodeJS.Timeout | undefined;

  constructor(
    private readonly statements: InsertStatements<R>,
    private readonly limits: BatchLimits = DEFAULT_LIMITS,
  ) {}

  insert(collection: CollectionName, document: NewDocument<StoredDocument>, onView?: PostgresViewMark): Promise<InsertOutcome<R>> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ collection, document, onView, resolve, reject });
      this.sendNext();
    });
  }

  private sendNext(): void {
    while (this.waiting.length > 0 && this.mayStartOne()) {
      const statement = { sentAt: performance.now() };
      this.underWay.add(statement);
      void this.send(this.waiting.splice(0, MOST_PER_STATEMENT)).finally(() => {
        this.underWay.delete(statement);
        this.sendNext();
      });
    }
    // Inserts left waiting are sent once what is under way is held up, if it has not ended by then.
    if (this.waiting.length > 0 && !this.heldUpCheck && this.underWay.size < this.limits.mostUnderWay) {
      this.heldUpCheck = setTimeout(() => {
        this.heldUpCheck = undefined;
        this.sendNext();
      }, this.limits.heldUpMs).unref();
    }
  }

  private mayStartOne(): boolean {
    if (this.underWay.size >= this.limits.mostUnderWay) return false;
    const heldUpSince = performance.now() - this.limits.heldUpMs;
    let moving = 0;
    for (const { sentAt } of this.underWay) if (sentAt > heldUpSince) moving += 1;
    return moving < this.limits.concurrent;
  }

  private async send(batch: Array<Waiting<R>>): Promise<void> {
    if (batch.length === 1) return this.sendAlone(batch[0]);
    let outcomes: Array<InsertOutcome<R>>;
    try {
      outcomes = await this.statements.together(batch);
    } catch (error) {
      if (!this.statements.mayPartlySucceed(error)) {
        for (const insert of batch) insert.reject(error);
        return;
      }
      await Promise.all(batch.map((insert) => this.sendAlone(insert)));
      return;
    }
    batch.forEach((insert, index) => insert.resolve(outcomes[index]));
  }

  private async sendAlone(insert: Waiting<R>): Promise<void> {
    try {
      insert.resolve(await this.statements.alone(insert));
    } catch (error) {
      insert.reject(error);
    }
  }
}
