import type { Pool } from 'pg';

/** How often a gateway prunes, and how long a removed document's tombstone is kept. */
export const TOMBSTONE_PRUNE_INTERVAL_MS = 60_000;
const TOMBSTONE_TTL = '10 minutes';

/**
 * Deletes the tombstones older than the TTL and raises the horizon past them: a gateway that has
 * not caught up since (idle for ten minutes) sees the horizon ahead of it and reloads. Any replica
 * may run it, at any time: both statements are idempotent.
 */
export async function pruneTombstones(pool: Pool): Promise<void> {
  await pool.query(`
    WITH gone AS (
      DELETE FROM label_gateway_documents WHERE removed AND removed_at < now() - interval '${TOMBSTONE_TTL}' RETURNING version
    )
    UPDATE label_gateway_horizon SET pruned_through = GREATEST(pruned_through, (SELECT max(version) FROM gone))
    WHERE EXISTS (SELECT 1 FROM gone)`);
}
