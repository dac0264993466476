import type { Pool } from 'pg';
import { UniqueViolation, type ChangeListener, type CollectionName, type DocumentCollection, type NewDocument, type StoredDocument, type UpdateCondition } from '../engine';
import { currentAttempt, StaleView } from '../speculation';
import type { ChangeFeed, PostgresViewMark } from './change-feed';
import { reachingDatabase } from './database-errors';
import type { InsertBatches } from './insert-batches';
import { insertAll, runStatement, translated } from './statement-runner';
import { CLEAR, REMOVE, UPDATE, type Statement, type WrittenRow } from './statements';

/**
 * A collection as rows of one shared table (schema-migrations.ts), written in single statements;
 * inserts go with the other collections' in as few statements as the load allows (insert-batches.ts).
 */
export class PostgresCollection<D extends StoredDocument> implements DocumentCollection<D> {
  constructor(
    private readonly pool: Pool,
    private readonly name: CollectionName,
    private readonly feed: ChangeFeed,
    private readonly inserts: InsertBatches<WrittenRow>,
  ) {}

  load(): Promise<D[]> {
    return reachingDatabase(async () => {
      const { rows } = await this.pool.query<{ doc: D }>(
        'SELECT doc FROM label_gateway_documents WHERE collection = $1 AND NOT removed ORDER BY seq',
        [this.name],
      );
      return rows.map((row) => row.doc);
    });
  }

  listen(listener: ChangeListener<D>): void {
    this.feed.listen(this.name, listener);
  }

  /**
   * Within a request running on an unconfirmed view (speculation.ts), the insert confirms the view
   * or is refused with StaleView; past its check, the database's answer (a row, a taken id or name)
   * holds on a current view, and confirms the attempt.
   */
  insert(document: NewDocument<D>): Promise<D> {
    const attempt = currentAttempt();
    return this.feed.writing(async () => {
      let outcome;
      try {
        outcome = await this.inserts.insert(this.name, document, attempt?.mark as PostgresViewMark | undefined);
      } catch (error) {
        // A name taken: the statement was refused by the unique index, so the view check had passed.
        if (attempt && error instanceof UniqueViolation) attempt.confirmed = true;
        throw error;
      }
      if (outcome === 'stale') throw new StaleView('another gateway wrote since this view: caught up and run again');
      if (attempt) attempt.confirmed = true;
      if (outcome === 'conflict') throw new UniqueViolation('_id');
      this.feed.applyWritten(this.name, [outcome.row]);
      return outcome.row.doc as D;
    });
  }

  async update(id: string, condition: UpdateCondition, changes: Partial<D>, unset: readonly string[]): Promise<D | undefined> {
    refuseOnUnconfirmedView();
    // A field set to undefined is dropped by JSON.stringify, as NeDB's $set would store nothing for it.
    const rows = await this.write(UPDATE, [this.name, id, [...unset], JSON.stringify(changes), condition.deleted, this.feed.writer]);
    return rows[0]?.doc as D | undefined;
  }

  async remove(id: string): Promise<boolean> {
    refuseOnUnconfirmedView();
    return (await this.write(REMOVE, [this.name, [id], this.feed.writer])).length > 0;
  }

  async clear(): Promise<void> {
    refuseOnUnconfirmedView();
    await this.write(CLEAR, [this.name, this.feed.writer]);
  }

  replace(removedIds: readonly string[], added: ReadonlyArray<NewDocument<D>>): Promise<D[]> {
    refuseOnUnconfirmedView();
    return this.feed.writing(() =>
      reachingDatabase(async () => {
        const client = await this.pool.connect();
        let rows: WrittenRow[] = [];
        try {
          await client.query('BEGIN');
          const removed = removedIds.length > 0 ? await runStatement(client, REMOVE, [this.name, [...removedIds], this.feed.writer]) : [];
          const outcomes = added.length > 0 ? await insertAll(client, added.map((document) => ({ collection: this.name, document })), this.feed) : [];
          const inserted = outcomes.map((outcome) => {
            // Not `stale`: none of these inserts was decided on a view (refused above).
            if (typeof outcome === 'string') throw new UniqueViolation('_id');
            return outcome.row;
          });
          await client.query('COMMIT');
          rows = [...removed, ...inserted];
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw translated(error);
        } finally {
          client.release();
        }
        this.feed.applyWritten(this.name, rows);
        return rows.slice(rows.length - added.length).map((row) => row.doc as D).sort((a, b) => a.seq - b.seq);
      }),
    );
  }

  /** One statement in a transaction of its own; what it wrote reaches the listener through the feed. */
  private write(sql: Statement, values: unknown[]): Promise<WrittenRow[]> {
    return this.feed.writing(async () => {
      const rows = await runStatement(this.pool, sql, values);
      this.feed.applyWritten(this.name, rows);
      return rows;
    });
  }
}

/**
 * Only inserts carry a view check: any other write within a request on an unconfirmed view (a
 * restore by name, say) sends the request to catch up first, before anything is written.
 */
function refuseOnUnconfirmedView(): void {
  const attempt = currentAttempt();
  if (attempt && !attempt.confirmed) throw new StaleView('a write other than an insert waits for a current view');
}
