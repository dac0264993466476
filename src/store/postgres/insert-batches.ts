import type { CollectionName, NewDocument, StoredDocument } from '../engine';

/** One insert waiting for its statement. */
interface Waiting<R> {
  collection: CollectionName;
  document: NewDocument<StoredDocument>;
  resolve(outcome: InsertOutcome<R>): void;
  reject(error: unknown): void;
}

/** The row an insert wrote, or `conflict` when a live document already holds its `_id`. */
export type InsertOutcome<R = unknown> = { row: R } | 'conflict';

export interface InsertStatements<R> {
  /** One statement for every insert of `batch` (one transaction, one WAL flush): an outcome per insert, in order. */
  together(batch: ReadonlyArray<{ collection: CollectionName; document: NewDocument<StoredDocument> }>): Promise<Array<InsertOutcome<R>>>;
  /** One insert in a statement of its own. */
  alone(collection: CollectionName, document: NewDocument<StoredDocument>): Promise<InsertOutcome<R>>;
  /** Whether a failed `together` may succeed for some inserts alone (a unique violation of one of them). */
  mayPartlySucceed(error: unknown): boolean;
}

/** Most inserts per statement: a burst beyond it goes in several. */
export const MOST_PER_STATEMENT = 100;

/**
 * Inserts from every request of this process, gathered into as few statements as the load allows:
 * while statements are on their way, the inserts that arrive wait and go together in the next one.
 * A commit waits for its WAL flush; under load, N creates then cost one statement, one commit and
 * one flush rather than N, and a lone insert goes at once (nothing waits when nothing is under way).
 *
 * A statement is one transaction, so one insert that breaks a rule the database enforces (a name
 * taken in its scope) fails its whole batch; the batch's inserts are then run again each alone, so
 * each gets its own answer and no insert is refused for another's sake.
 */
export class InsertBatches<R> {
  private readonly waiting: Array<Waiting<R>> = [];
  private underWay = 0;

  /** `concurrent`: statements on their way at once, so the next batch fills while one waits for its flush. */
  constructor(
    private readonly statements: InsertStatements<R>,
    private readonly concurrent = 2,
  ) {}

  insert(collection: CollectionName, document: NewDocument<StoredDocument>): Promise<InsertOutcome<R>> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ collection, document, resolve, reject });
      this.sendNext();
    });
  }

  private sendNext(): void {
    while (this.underWay < this.concurrent && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, MOST_PER_STATEMENT);
      this.underWay += 1;
      void this.send(batch).finally(() => {
        this.underWay -= 1;
        this.sendNext();
      });
    }
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
      insert.resolve(await this.statements.alone(insert.collection, insert.document));
    } catch (error) {
      insert.reject(error);
    }
  }
}
