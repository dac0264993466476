import type { Pool, PoolClient } from 'pg';
import { UniqueViolation, type NewDocument, type StoredDocument } from '../engine';
import { reachingDatabase } from './database-errors';
import type { Insert, InsertOutcome, InsertStatements } from './insert-batches';
import { INSERT, type InsertedRow, type Statement, type WrittenRow } from './statements';

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
 * where a live document holds its id. Errors are the database's own (a lost database is the 503):
 * callers tell a broken rule by its code.
 */
export async function insertAll(client: Pool | PoolClient, inserts: readonly Insert[]): Promise<Array<InsertOutcome<WrittenRow>>> {
  const items = inserts.map(({ collection, document }) => ({ collection, doc: document }));
  const { rows } = await reachingDatabase(() => client.query<InsertedRow>({ ...INSERT, values: [JSON.stringify(items)] }));
  const written = new Map(rows.map((row) => [`${row.collection}|${row.id}`, row]));
  return inserts.map(({ collection, document }) => outcomeOf(document, written.get(`${collection}|${document._id}`)));
}

/** The two ways an insert reaches the database (insert-batches.ts): with others, or alone. */
export function insertStatements(pool: Pool): InsertStatements<WrittenRow> {
  return {
    together: (batch) => insertAll(pool, batch),
    alone: async (collection, document) => {
      try {
        return (await insertAll(pool, [{ collection, document }]))[0];
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
  return { row: { xid: row.xid, version: row.version, removed: false, doc: { ...document, seq: Number(row.seq) } } };
}
