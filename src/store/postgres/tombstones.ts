import type { Pool } from 'pg';

/** How often a gateway prunes, and how long a removed document's tombstone is kept. */
export const TOMBSTONE_PRUNE_INTERVAL_MS = 60_000;
const TOMBSTONE_TTL = '10 minutes';

/**
 * Deletes the tombstones older than the TTL and raises the horizon to the newest transaction id
 * among them: a gateway whose catch-ups start at or below it may have missed one (it has not caught
 * up since, idle for ten minutes) and reloads (change-feed.ts). Only tombstones of transactions
 * below the current snapshot's xmin are pruned: a gateway's next catch-up, or its reload, starts
 * above the horizon then, so a transaction left running elsewhere (holding the xmin back) delays
 * pruning instead of making every catch-up reload. Any replica may run it, at any time: both
 * statements are idempotent.
 */
export async function pruneTombstones(pool: Pool): Promise<void> {
  await pool.query(`
    WITH gone AS (
      DELETE FROM label_gateway_documents
      WHERE removed AND removed_at < now() - interval '${TOMBSTONE_TTL}' AND xid < pg_snapshot_xmin(pg_current_snapshot())
      RETURNING xid
    )
    UPDATE label_gateway_horizon SET pruned_xid = GREATEST(pruned_xid, (SELECT max(xid) FROM gone))
    WHERE EXISTS (SELECT 1 FROM gone)`);
}
