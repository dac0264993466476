import path from 'node:path';
import { isTargetDialect } from '../../adapters/clients';
import type { DialectId } from '../core/dialects';
import { cryptoRandomness } from '../core/random';
import { translationScope } from '../proxy/translation/translation-scope';
import { isPostgresUrl, redactedUrl } from '../store/postgres/connection-url';
import type { StoreLocation } from '../store/store-location';
import { openStore, type Store } from '../store/store';
import { MigrationInputError } from './errors';

/**
 * The source id → target id pairs, written into a gateway's id map (`--data`) under the scope of
 * the translating route `source → as target @ target upstream`, so that route answers a client's
 * old ids with the migrated labels.
 */
export interface IdMapFeed {
  /** The id-map scope written, or why nothing is written. */
  readonly scope?: string;
  readonly skipped?: string;
  /** How many pairs were refused because the target id was already paired with another source id. */
  readonly clashes: number;
  pair(sourceId: string, targetId: string): Promise<void>;
  close(): Promise<void>;
}

export interface FeedEnds {
  source: DialectId;
  target: DialectId;
  targetUpstream: string;
}

/** Why no translating route can use the pairs of this migration, if none can. */
export function whyNoProxyRoute(ends: FeedEnds): string | undefined {
  if (ends.source === ends.target) return `a ${ends.source} client reaches ${ends.target} through a pass-through, which keeps the vendor's ids`;
  if (!isTargetDialect(ends.target)) return `${ends.target} cannot be a translation target (it has no operation to get one label)`;
  return undefined;
}

/**
 * Opens the store for the pairs: a data folder (its lock keeps a running gateway out: stop it
 * first), or a PostgreSQL URL, which running gateways share (they see each pair at their next request).
 */
export async function openIdMapFeed(dataDir: string | undefined, ends: FeedEnds): Promise<IdMapFeed> {
  const skipped = dataDir === undefined ? undefined : whyNoProxyRoute(ends);
  if (dataDir === undefined || skipped) return { skipped, clashes: 0, pair: async () => {}, close: async () => {} };
  let store: Store;
  try {
    // The feed only records known pairs; the store's randomness (minting client ids) is never drawn on.
    const location: StoreLocation = isPostgresUrl(dataDir) ? { kind: 'postgres', url: dataDir } : { kind: 'folder', dir: path.resolve(dataDir) };
    store = await openStore(location, cryptoRandomness);
  } catch (error) {
    throw new MigrationInputError(`--data ${shown(dataDir)}: ${String((error as Error).message).split('\n')[0]}`);
  }
  const scope = translationScope(ends.source, ends.target, ends.targetUpstream);
  const feed = {
    scope,
    clashes: 0,
    async pair(sourceId: string, targetId: string) {
      // On a shared store, pairs another process recorded count too (a rerun after a crash).
      await store.catchUp();
      const paired = await store.idMap.pair(scope, sourceId, targetId);
      if (paired !== sourceId) feed.clashes++;
    },
    close: () => store.close(),
  };
  return feed;
}

/** A folder as given; a database URL without its password (for messages and the report). */
export const shown = (dataDir: string): string => (isPostgresUrl(dataDir) ? redactedUrl(dataDir) : dataDir);
