import type { Pool, PoolClient } from 'pg';
import { UniqueViolation, type NewDocument, type StoredDocument } from '../engine';
import { reachingDatabase } from './database-errors';
import type { Insert, InsertOutcome, InsertStatements } from './insert-batches';
import type { PostgresViewMark } from './change-feed';
import { INSERT, type InsertedRow, type Statement, type WrittenRow } from './statements';

/** Who writes (the process, as rows record it), and what checks the views inserts were decided on: the change feed. */
export interface ViewChecks {
  readonly writer: string;
  viewFloor(views: readonly PostgresViewMark[]): string;
  viewConfirmed(floor: string, xmin: string): void;
  viewStale(): void;
}

/** Runs a write statement: its rows; a lost database is the 503, a unique violation the engine's. */
export async function runStatement(client: Pool | PoolClient, { name, text }: Statement, values: unknown[]): Promise<WrittenRow[]> {
  try {
    return (await reachingDatabase(() => client.query<WrittenRow>({ name, text, values }))).rows;
  } catch (error) {
    throw translated(error);
  }
}

/** PostgreSQL's unique violation (23505) on the name index is the engine's UniqueViolation. */
export function translated(error: unknown): unknown {
  const { code, constraint } = (error ?? {}) as { code?: string; constraint?: string };
  if (code !== '23505') return error;
  return new UniqueViolation(constraint === 'label_gateway_documents_unique_key' ? 'uniqueKey' : '_id');
}

/**
 * Inserts in one statement (statements.ts INSERT), in their order: an outcome for each, `conflict`
 * where a live document holds its id, `stale` where it was decided on a view (`onView`) that the
 * database found behind. Errors are the database's own (a lost database is the 503): callers tell a
 * broken rule by its code.
 */
export async function insertAll(client: Pool | PoolClient, inserts: readonly Insert[], views: ViewChecks): Promise<Array<InsertOutcome<WrittenRow>>> {
  const items = inserts.map(({ collection, document, onView }) => (onView ? { collection, doc: document, onView: true } : { collection, doc: document }));
  const marked = inserts.flatMap((insert) => (insert.onView ? [insert.onView] : []));
  const floor = marked.length > 0 ? views.viewFloor(marked) : undefined;
  const values = [JSON.stringify(items), floor ?? null, views.writer];
  const { rows } = await reachingDatabase(() => client.query<InsertedRow>({ ...INSERT, values }));
  const [{ stale, xmin }] = rows;
  if (floor !== undefined && stale) views.viewStale();
  else if (floor !== undefined) views.viewConfirmed(floor, xmin);
  const written = new Map(rows.filter((row) => row.id !== null).map((row) => [`${row.collection}|${row.id}`, row]));
  return inserts.map((insert) => {
    if (stale && insert.onView) return 'stale';
    return outcomeOf(insert.document, written.get(`${insert.collection}|${insert.document._id}`));
  });
}

/** The two ways an insert reaches the database (insert-batches.ts): with others, or alone. */
export function insertStatements(pool: Pool, views: ViewChecks): InsertStatements<WrittenRow> {
  return {
    together: (batch) => insertAll(pool, batch, views),
    alone: async (insert) => {
      try {
        return (await insertAll(pool, [insert], views))[0];
      } catch (error) {
        throw translated(error);
      }
    },
    // One insert's broken rule fails the whole statement: a name taken (23505), or two inserts of
    // the batch with one id (21000, "cannot affect row a second time").
    mayPartlySucceed: (error) => ['23505', '21000'].includes((error as { code?: string } | null)?.code ?? ''),
  };
}

/** The document as stored: the one sent, with the seq the database drew (statements.ts INSERT says why). */
function outcomeOf(document: NewDocument<StoredDocument>, row: InsertedRow | undefined): InsertOutcome<WrittenRow> {
  if (!row) return 'conflict';
  return { row: { xid: row.xid!, version: row.version!, removed: false, doc: { ...document, seq: Number(row.seq) } } };
}
