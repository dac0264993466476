import path from 'node:path';
import { isTargetDialect } from '../../adapters/clients';
import type { DialectId } from '../core/dialects';
import { cryptoRandomness } from '../core/random';
import { translationScope } from '../proxy/translation/translation-scope';
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

/** Opens the data folder's store for the pairs (the folder's lock keeps a running gateway out). */
export async function openIdMapFeed(dataDir: string | undefined, ends: FeedEnds): Promise<IdMapFeed> {
  const skipped = dataDir === undefined ? undefined : whyNoProxyRoute(ends);
  if (dataDir === undefined || skipped) return { skipped, clashes: 0, pair: async () => {}, close: async () => {} };
  let store: Store;
  try {
    // The feed only records known pairs; the store's randomness (minting client ids) is never drawn on.
    store = await openStore({ kind: 'folder', dir: path.resolve(dataDir) }, cryptoRandomness);
  } catch (error) {
    throw new MigrationInputError(`--data ${dataDir}: ${String((error as Error).message).split('\n')[0]}`);
  }
  const scope = translationScope(ends.source, ends.target, ends.targetUpstream);
  const feed = {
    scope,
    clashes: 0,
    async pair(sourceId: string, targetId: string) {
      const paired = await store.idMap.pair(scope, sourceId, targetId);
      if (paired !== sourceId) feed.clashes++;
    },
    close: () => store.close(),
  };
  return feed;
}
