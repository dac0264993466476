import type { Pool, PoolClient } from 'pg';
import { UniqueViolation, type ChangeListener, type CollectionName, type DocumentCollection, type NewDocument, type StoredDocument, type UpdateCondition } from '../engine';
import type { ChangeFeed } from './change-feed';
import { reachingDatabase } from './database-errors';

/**
 * Every write is one statement that takes no lock of its own, so concurrent writes (from this
 * gateway or any other) commit together, sharing WAL flushes. Each row records the transaction that
 * wrote it (`xid`, by default or set here), which is what the change feed catches up by
 * (change-feed.ts). `version` orders the copies of one document: it is drawn once the row is locked
 * (the SET of an UPDATE is evaluated again for the newest row when it had to wait for another
 * writer, and so is an ON CONFLICT's DO UPDATE SET), so a later copy of a document always has a
 * higher version. Versions of different documents follow no commit order, and need not.
 */
const VERSION = `nextval('label_gateway_document_version')`;

const RESTORE_TOMBSTONE = `
  ON CONFLICT (collection, id) DO UPDATE
    SET seq = EXCLUDED.seq, version = ${VERSION}, xid = pg_current_xact_id(), doc = EXCLUDED.doc, removed = false, removed_at = NULL
    WHERE d.removed
  RETURNING d.xid, d.version, d.removed, d.doc`;

const INSERT = named('label-gateway-insert', `
  WITH drawn AS (SELECT nextval('label_gateway_seq') AS seq)
  INSERT INTO label_gateway_documents AS d (collection, id, seq, version, doc)
  SELECT $1, $2, drawn.seq, ${VERSION}, $3::jsonb || jsonb_build_object('seq', drawn.seq) FROM drawn
  ${RESTORE_TOMBSTONE}`);

const UPDATE = named('label-gateway-update', `
  UPDATE label_gateway_documents AS d
    SET doc = (d.doc - $3::text[]) || $4::jsonb, version = ${VERSION}, xid = pg_current_xact_id()
  WHERE d.collection = $1 AND d.id = $2 AND NOT d.removed AND ((d.doc ->> 'deletedAt') IS NOT NULL) = $5
  RETURNING d.xid, d.version, d.removed, d.doc`);

const REMOVE = named('label-gateway-remove', `
  UPDATE label_gateway_documents AS d SET removed = true, removed_at = now(), version = ${VERSION}, xid = pg_current_xact_id()
  WHERE d.collection = $1 AND d.id = ANY($2::text[]) AND NOT d.removed
  RETURNING d.xid, d.version, d.removed, d.doc`);

const CLEAR = named('label-gateway-clear', `
  UPDATE label_gateway_documents AS d SET removed = true, removed_at = now(), version = ${VERSION}, xid = pg_current_xact_id()
  WHERE d.collection = $1 AND NOT d.removed
  RETURNING d.xid, d.version, d.removed, d.doc`);

const INSERT_MANY = named('label-gateway-insert-many', `
  WITH drawn AS (
    SELECT e.doc ->> '_id' AS id, e.doc, nextval('label_gateway_seq') AS seq
    FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS e(doc, position)
  )
  INSERT INTO label_gateway_documents AS d (collection, id, seq, version, doc)
  SELECT $1, drawn.id, drawn.seq, ${VERSION}, drawn.doc || jsonb_build_object('seq', drawn.seq) FROM drawn
  ${RESTORE_TOMBSTONE}`);

/**
 * A statement with a name: each connection parses it once and keeps it (pg prepares a named
 * statement on first use, per connection), rather than parsing and analysing its text every time.
 */
function named(name: string, text: string): Statement {
  return { name, text };
}

interface Statement {
  name: string;
  text: string;
}

export interface WrittenRow {
  xid: string;
  version: string;
  removed: boolean;
  doc: StoredDocument;
}

/** A collection as rows of one shared table (schema-migrations.ts), written in single statements. */
export class PostgresCollection<D extends StoredDocument> implements DocumentCollection<D> {
  constructor(
    private readonly pool: Pool,
    private readonly name: CollectionName,
    private readonly feed: ChangeFeed,
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

  async insert(document: NewDocument<D>): Promise<D> {
    const rows = await this.write(INSERT, [this.name, document._id, JSON.stringify(document)]);
    if (rows.length === 0) throw new UniqueViolation('_id');
    return rows[0].doc as D;
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
          const removed = removedIds.length > 0 ? await this.statement(client, REMOVE, [this.name, [...removedIds]]) : [];
          const inserted = added.length > 0 ? await this.statement(client, INSERT_MANY, [this.name, JSON.stringify(added)]) : [];
          if (inserted.length < added.length) throw new UniqueViolation('_id');
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
      const rows = await this.statement(this.pool, sql, values);
      this.feed.applyWritten(this.name, rows);
      return rows;
    });
  }

  private async statement(client: Pool | PoolClient, { name, text }: Statement, values: unknown[]): Promise<WrittenRow[]> {
    try {
      return (await reachingDatabase(() => client.query<WrittenRow>({ name, text, values }))).rows;
    } catch (error) {
      throw translated(error);
    }
  }
}

/** PostgreSQL's unique violation (23505) on the name index is the engine's UniqueViolation. */
function translated(error: unknown): unknown {
  const { code, constraint } = (error ?? {}) as { code?: string; constraint?: string };
  if (code !== '23505') return error;
  return new UniqueViolation(constraint === 'label_gateway_documents_unique_key' ? 'uniqueKey' : '_id');
}
