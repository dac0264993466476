import type { Pool } from 'pg';

/**
 * The database schema, as numbered steps applied in order at start-up. A step is never edited once
 * released: a change is a new step. Steps run under an advisory lock, each in its own transaction,
 * so replicas starting together apply each step exactly once.
 */
export const SCHEMA_STEPS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'documents',
    sql: `
      -- One row per document of every collection. A removed document stays as a tombstone
      -- (removed = true) for a while, so the replicas that held it hear of the removal.
      CREATE TABLE label_gateway_documents (
        collection text NOT NULL,
        id text NOT NULL,
        seq bigint NOT NULL,
        -- Raised on every write from one sequence, under one lock: a replica that has applied
        -- every version up to N has seen every write acknowledged before N was read.
        version bigint NOT NULL,
        removed boolean NOT NULL DEFAULT false,
        removed_at timestamptz,
        doc jsonb NOT NULL,
        unique_key text GENERATED ALWAYS AS (doc ->> 'uniqueKey') STORED,
        PRIMARY KEY (collection, id)
      );
      -- The vendors' uniqueness rules: one active label per name in its scope, across every replica.
      CREATE UNIQUE INDEX label_gateway_documents_unique_key
        ON label_gateway_documents (collection, unique_key) WHERE unique_key IS NOT NULL AND NOT removed;
      CREATE INDEX label_gateway_documents_version ON label_gateway_documents (version);
      CREATE INDEX label_gateway_documents_live ON label_gateway_documents (collection, seq) WHERE NOT removed;
      CREATE SEQUENCE label_gateway_seq;
      CREATE SEQUENCE label_gateway_version;
      -- The highest version whose tombstones were pruned: a replica behind it reloads everything.
      CREATE TABLE label_gateway_horizon (
        single boolean PRIMARY KEY DEFAULT true CHECK (single),
        pruned_through bigint NOT NULL DEFAULT 0
      );
      INSERT INTO label_gateway_horizon DEFAULT VALUES;
    `,
  },
  {
    version: 2,
    name: 'rate limits',
    // rate-limiter-flexible's RateLimiterPostgres table, created here rather than by the library at
    // first use, so that it comes with the schema and its lock.
    sql: `
      CREATE TABLE label_gateway_rate_limits (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      );
    `,
  },
  {
    version: 3,
    name: 'change feed by transaction id',
    // Step 1 drew versions in commit order under one advisory lock, so every write in the cluster
    // waited for the one before it to commit (its WAL flush included). Now writes take no lock: a row
    // records the transaction that last wrote it, and a catch-up reads the rows written by
    // transactions at or past the oldest one still running at its previous catch-up (change-feed.ts).
    // `version` stays, drawn once the row is locked, to order the copies of one document. Rows
    // written before this step get xid 0: they were committed before it, and a gateway that starts
    // on this schema loads them. The version sequence is renamed so that a gateway of the older
    // release still running fails every write loudly rather than writing rows this feed cannot see
    // in order (stop those before starting this release).
    sql: `
      ALTER SEQUENCE label_gateway_version RENAME TO label_gateway_document_version;
      ALTER TABLE label_gateway_documents ADD COLUMN xid xid8 NOT NULL DEFAULT '0';
      ALTER TABLE label_gateway_documents ALTER COLUMN xid SET DEFAULT pg_current_xact_id();
      CREATE INDEX label_gateway_documents_xid ON label_gateway_documents (xid);
      DROP INDEX label_gateway_documents_version;
      -- The highest transaction whose tombstones were pruned: a replica whose catch-ups start at or
      -- below it may have missed one of them, and reloads.
      ALTER TABLE label_gateway_horizon ADD COLUMN pruned_xid xid8 NOT NULL DEFAULT '0';
    `,
  },
  {
    version: 4,
    name: 'writer of each row',
    // Which gateway process last wrote each row (a random id per process): a create decided on the
    // view its gateway holds is confirmed by the database finding no row past that view written by
    // another (statements.ts INSERT), and a catch-up tells others' writes from its own. Rows from
    // before this step have none: every gateway counts them as another's. A gateway of an older
    // release still running would update rows without naming itself, so stop those first (as step 3
    // already asks).
    sql: `
      ALTER TABLE label_gateway_documents ADD COLUMN writer text;
    `,
  },
];

/** Any 64-bit number of our own: the advisory lock that serialises schema upgrades. */
const UPGRADE_LOCK = 7_411_020_001;

/** Brings the schema up to the newest step; returns the steps it applied. */
export async function upgradeSchema(pool: Pool): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [UPGRADE_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS label_gateway_schema (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM label_gateway_schema');
    const done = new Set(rows.map((row) => row.version));
    const newest = Math.max(0, ...done);
    const latest = SCHEMA_STEPS[SCHEMA_STEPS.length - 1].version;
    if (newest > latest) {
      throw new Error(`the database's schema is version ${newest}, newer than this gateway's (${latest}): upgrade the gateway`);
    }
    for (const step of SCHEMA_STEPS) {
      if (done.has(step.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(step.sql);
        await client.query('INSERT INTO label_gateway_schema (version, name) VALUES ($1, $2)', [step.version, step.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      applied.push(step.version);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [UPGRADE_LOCK]).catch(() => undefined);
    client.release();
  }
  return applied;
}
