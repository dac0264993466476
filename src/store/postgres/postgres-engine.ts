import crypto from 'node:crypto';
import { Pool } from 'pg';
import { isGatewayError } from '../../core/errors';
import { RateLimiterPostgres } from 'rate-limiter-flexible';
import { COLLECTION_NAMES, type CollectionName, type DocumentCollection, type StoreEngine, type StoredDocument } from '../engine';
import { StoreLoadError } from '../store-errors';
import type { StoreOptions } from '../store-location';
import { ChangeFeed, currentXmin } from './change-feed';
import { reachingDatabase } from './database-errors';
import { redactedUrl } from './connection-url';
import { DEFAULT_LIMITS, InsertBatches } from './insert-batches';
import { PostgresCollection } from './postgres-collection';
import { upgradeSchema } from './schema-migrations';
import { insertStatements } from './statement-runner';
import { pruneTombstones, TOMBSTONE_PRUNE_INTERVAL_MS } from './tombstones';

/** Connections per gateway: enough for concurrent writes on two cores, few enough for many replicas. */
const POOL_SIZE = 10;
/**
 * A request waits this long for a connection before it gets the dialect's 503. Long enough that a
 * burst queued for the pool (100 concurrent creates of one tenant, waiting on one name's unique
 * index) is not taken for an outage; a server that is down refuses at once, so an outage is
 * answered far sooner.
 */
const CONNECT_TIMEOUT_MS = 10_000;
/** A statement that takes longer is abandoned (a lost server must not hang requests). */
const STATEMENT_TIMEOUT_MS = 5000;

/**
 * The PostgreSQL engine (`--store postgres://…`): any number of gateways share one database. Each
 * keeps the read side in memory, as with the other engines, and catches up with the others'
 * writes before every request (change-feed.ts); the vendors' rules are the database's constraints.
 */
export async function openPostgresEngine(url: string, options: StoreOptions = {}): Promise<StoreEngine> {
  const where = redactedUrl(url);
  const pool = new Pool({
    connectionString: url,
    max: POOL_SIZE,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: STATEMENT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    application_name: 'label-gateway',
    // The engine's statements are few and fixed (statements.ts, the catch-up), each planned once per
    // connection instead of per execution: PostgreSQL kept re-planning the insert (0.3 ms of 0.6 ms
    // for five rows, EXPLAIN ANALYZE here), its generic plan costed above the custom ones. Every
    // generic plan here was checked to walk its index (the xid index for the catch-up and the check).
    options: '-c plan_cache_mode=force_generic_plan',
  });
  // An idle connection the server dropped (a restart) is reported here; without a listener it would
  // crash the process. The next query opens a new one.
  let lost = false;
  const noteLost = () => {
    if (!lost) options.warn?.(`the database at ${where} cannot be reached; requests get 503 until it is back`);
    lost = true;
  };
  pool.on('error', noteLost);
  try {
    await upgradeSchema(pool);
    const collections = new Map<CollectionName, PostgresCollection<StoredDocument>>();
    const feed = new ChangeFeed(pool, crypto.randomUUID());
    // Read before the collections load: writes landing in between are caught up with again.
    feed.start(await currentXmin(pool));
    const inserts = new InsertBatches(insertStatements(pool, feed), { ...DEFAULT_LIMITS, mostUnderWay: POOL_SIZE - 2 });
    for (const name of COLLECTION_NAMES) collections.set(name, new PostgresCollection(pool, name, feed, inserts));
    const pruning = setInterval(() => void pruneTombstones(pool).catch(() => undefined), TOMBSTONE_PRUNE_INTERVAL_MS);
    pruning.unref();
    return {
      kind: 'postgres',
      where,
      collection: <D extends StoredDocument>(name: CollectionName) => collections.get(name) as unknown as DocumentCollection<D>,
      catchUp: async () => {
        try {
          await feed.catchUp();
        } catch (error) {
          if (isGatewayError(error) && error.kind === 'service_unavailable') noteLost();
          throw error;
        }
        if (lost) options.warn?.(`the database at ${where} is reachable again`);
        lost = false;
      },
      markView: () => feed.markView(),
      sharedLimiter: ({ points, duration, keyPrefix }) => {
        const limiter = new RateLimiterPostgres({
          storeClient: pool,
          storeType: 'pool',
          tableName: 'label_gateway_rate_limits',
          tableCreated: true,
          points,
          duration,
          keyPrefix,
        });
        // Over the limit it rejects with a RateLimiterRes (passed on as it is); a lost database is the 503.
        return { consume: (key: string) => reachingDatabase(() => limiter.consume(key)) };
      },
      flush: async () => {},
      close: async () => {
        clearInterval(pruning);
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new StoreLoadError(`Cannot open the PostgreSQL store at ${where}: ${(error as Error).message}`);
  }
}
