import type { Pool, PoolClient } from 'pg';
import { UniqueViolation, type ChangeListener, type CollectionName, type DocumentCollection, type NewDocument, type StoredDocument, type UpdateCondition } from '../engine';
import type { ChangeFeed } from './change-feed';
import { reachingDatabase } from './database-errors';

/**
 * Every write takes this advisory lock for its transaction before it draws a version, so versions
 * are drawn in commit order and a reader that has seen version N has seen every write before it.
 * It serialises writes across replicas for the length of one statement.
 */
export const WRITE_LOCK = 7_411_020_002;
const GATE = `gate AS (SELECT pg_advisory_xact_lock(${WRITE_LOCK}))`;

const INSERT = `
  WITH ${GATE}, drawn AS (SELECT nextval('label_gateway_seq') AS seq, nextval('label_gateway_version') AS version FROM gate)
  INSERT INTO label_gateway_documents AS d (collection, id, seq, version, doc)
  SELECT $1, $2, drawn.seq, drawn.version, $3::jsonb || jsonb_build_object('seq', drawn.seq) FROM drawn
  ON CONFLICT (collection, id) DO UPDATE
    SET seq = EXCLUDED.seq, version = EXCLUDED.version, doc = EXCLUDED.doc, removed = false, removed_at = NULL
    WHERE d.removed
  RETURNING d.version, d.removed, d.doc`;

const UPDATE = `
  WITH ${GATE}
  UPDATE label_gateway_documents AS d
    SET doc = (d.doc - $3::text[]) || $4::jsonb, version = nextval('label_gateway_version')
  FROM gate
  WHERE d.collection = $1 AND d.id = $2 AND NOT d.removed AND ((d.doc ->> 'deletedAt') IS NOT NULL) = $5
  RETURNING d.version, d.removed, d.doc`;

const REMOVE = `
  WITH ${GATE}
  UPDATE label_gateway_documents AS d SET removed = true, removed_at = now(), version = nextval('label_gateway_version')
  FROM gate
  WHERE d.collection = $1 AND d.id = ANY($2::text[]) AND NOT d.removed
  RETURNING d.version, d.removed, d.doc`;

const CLEAR = `
  WITH ${GATE}
  UPDATE label_gateway_documents AS d SET removed = true, removed_at = now(), version = nextval('label_gateway_version')
  FROM gate
  WHERE d.collection = $1 AND NOT d.removed
  RETURNING d.version, d.removed, d.doc`;

const INSERT_MANY = `
  WITH ${GATE}, drawn AS (
    SELECT e.doc ->> '_id' AS id, e.doc, nextval('label_gateway_seq') AS seq, nextval('label_gateway_version') AS version
    FROM gate, jsonb_array_elements($2::jsonb) WITH ORDINALITY AS e(doc, position)
  )
  INSERT INTO label_gateway_documents AS d (collection, id, seq, version, doc)
  SELECT $1, drawn.id, drawn.seq, drawn.version, drawn.doc || jsonb_build_object('seq', drawn.seq) FROM drawn
  ON CONFLICT (collection, id) DO UPDATE
    SET seq = EXCLUDED.seq, version = EXCLUDED.version, doc = EXCLUDED.doc, removed = false, removed_at = NULL
    WHERE d.removed
  RETURNING d.version, d.removed, d.doc`;

export interface WrittenRow {
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
    const rows = await this.write(this.pool, INSERT, [this.name, document._id, JSON.stringify(document)]);
    if (rows.length === 0) throw new UniqueViolation('_id');
    return rows[0].doc as D;
  }

  async update(id: string, condition: UpdateCondition, changes: Partial<D>, unset: readonly string[]): Promise<D | undefined> {
    // A field set to undefined is dropped by JSON.stringify, as NeDB's $set would store nothing for it.
    const rows = await this.write(this.pool, UPDATE, [this.name, id, [...unset], JSON.stringify(changes), condition.deleted]);
    return rows[0]?.doc as D | undefined;
  }

  async remove(id: string): Promise<boolean> {
    return (await this.write(this.pool, REMOVE, [this.name, [id]])).length > 0;
  }

  async clear(): Promise<void> {
    await this.write(this.pool, CLEAR, [this.name]);
  }

  replace(removedIds: readonly string[], added: ReadonlyArray<NewDocument<D>>): Promise<D[]> {
    return reachingDatabase(async () => {
      const client = await this.pool.connect();
      let rows: WrittenRow[] = [];
      try {
        await client.query('BEGIN');
        const removed = removedIds.length > 0 ? await this.write(client, REMOVE, [this.name, [...removedIds]], false) : [];
        const inserted = added.length > 0 ? await this.write(client, INSERT_MANY, [this.name, JSON.stringify(added)], false) : [];
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
    });
  }

  /** One statement; what it wrote reaches the listener through the feed (which keeps versions in order). */
  private async write(client: Pool | PoolClient, sql: string, values: unknown[], note = true): Promise<WrittenRow[]> {
    let rows: WrittenRow[];
    try {
      ({ rows } = await reachingDatabase(() => client.query<WrittenRow>(sql, values)));
    } catch (error) {
      throw translated(error);
    }
    if (note) this.feed.applyWritten(this.name, rows);
    return rows;
  }
}

/** PostgreSQL's unique violation (23505) on the name index is the engine's UniqueViolation. */
function translated(error: unknown): unknown {
  const { code, constraint } = (error ?? {}) as { code?: string; constraint?: string };
  if (code !== '23505') return error;
  return new UniqueViolation(constraint === 'label_gateway_documents_unique_key' ? 'uniqueKey' : '_id');
}
