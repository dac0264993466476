import type { Pool } from 'pg';
import { UniqueViolation, type ChangeListener, type CollectionName, type DocumentCollection, type NewDocument, type StoredDocument, type UpdateCondition } from '../engine';
import type { ChangeFeed } from './change-feed';
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

  insert(document: NewDocument<D>): Promise<D> {
    return this.feed.writing(async () => {
      const outcome = await this.inserts.insert(this.name, document);
      if (outcome === 'conflict') throw new UniqueViolation('_id');
      this.feed.applyWritten(this.name, [outcome.row]);
      return outcome.row.doc as D;
    });
  }

  async update(id: string, condition: UpdateCondition, changes: Partial<D>, unset: readonly string[]): Promise<D | undefined> {
    // A field set to undefined is dropped by JSON.stringify, as NeDB's $set would store nothing for it.
    const rows = await this.write(UPDATE, [this.name, id, [...unset], JSON.stringify(changes), condition.deleted]);
    return rows[0]?.doc as D | undefined;
  }

  async remove(id: string): Promise<boolean> {
    return (await this.write(REMOVE, [this.name, [id]])).length > 0;
  }

  async clear(): Promise<void> {
    await this.write(CLEAR, [this.name]);
  }

  replace(removedIds: readonly string[], added: ReadonlyArray<NewDocument<D>>): Promise<D[]> {
    return this.feed.writing(() =>
      reachingDatabase(async () => {
        const client = await this.pool.connect();
        let rows: WrittenRow[] = [];
        try {
          await client.query('BEGIN');
          const removed = removedIds.length > 0 ? await runStatement(client, REMOVE, [this.name, [...removedIds]]) : [];
          const outcomes = added.length > 0 ? await insertAll(client, added.map((document) => ({ collection: this.name, document }))) : [];
          const inserted = outcomes.map((outcome) => {
            if (outcome === 'conflict') throw new UniqueViolation('_id');
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
