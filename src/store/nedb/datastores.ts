import path from 'node:path';
import Datastore from 'nedb-promises';
import { DataFolderLock } from './data-folder-lock';
import { DatafileCorruptionError } from './datafile-reader';
import { PRIVATE_MODES } from './file-modes';
import { StoreLoadError } from '../store-errors';
import type { StoreOptions } from '../store-location';
import { useLeanPersistence, type DroppedTail, type NedbDatastore } from './nedb-persistence';

export type Collection = ReturnType<typeof Datastore.create>;

export interface Datastores {
  labels: Collection;
  teams: Collection;
  assignments: Collection;
  idMap: Collection;
  tenants: Collection;
  /** Waits for queued writes and rewrites each file compactly. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Each collection, with the fields whose values repeat across its documents: loading keeps one
 * copy of each distinct value (a tenant of 100,000 labels has one organisation, a few teams…).
 */
const SHARED_FIELDS = {
  labels: ['vendor', 'orgId', 'teamId', 'userId', 'color', 'createdAt', 'updatedAt', 'deletedAt'],
  teams: ['vendor', 'orgId'],
  assignments: ['vendor', 'orgId', 'conversationId'],
  idMap: ['scope'],
  tenants: ['vendor'],
} as const;
type CollectionName = keyof typeof SHARED_FIELDS;
const COLLECTIONS = Object.keys(SHARED_FIELDS) as CollectionName[];

/** The collections' files in `dir`, which this process holds (a lock file) until `close`. */
export async function openDatastores(dir: string, options: StoreOptions = {}): Promise<Datastores> {
  const lock = DataFolderLock.acquire(dir);
  try {
    const entries = await Promise.all(
      COLLECTIONS.map(async (name) => [name, await openCollection(dir, name, options)] as const),
    );
    const collections = Object.fromEntries(entries) as Record<CollectionName, Collection>;
    const flush = async () => {
      // Compaction is queued behind every pending write, so awaiting it also flushes them.
      await Promise.all(COLLECTIONS.map((name) => compact(collections[name])));
    };
    return {
      ...collections,
      flush,
      close: async () => {
        await flush();
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function openCollection(dir: string, name: CollectionName, options: StoreOptions): Promise<Collection> {
  const filename = path.join(dir, `${name}.db`);
  // `modes` is @seald-io/nedb's own option (files it creates, appends included); nedb-promises
  // passes every option through but its types do not list this one, hence the variable.
  const nedbOptions = { filename, autoload: false, modes: { ...PRIVATE_MODES } };
  const collection = Datastore.create(nedbOptions);
  useLeanPersistence(nedbOf(collection), {
    sharedFields: SHARED_FIELDS[name],
    onTornTail: (tail) => options.warn?.(tornTailWarning(filename, tail)),
  }); // before load, which uses it
  try {
    await collection.load();
  } catch (error) {
    throw new StoreLoadError(loadFailure(filename, error));
  }
  return collection;
}

function tornTailWarning(filename: string, tail: DroppedTail): string {
  return (
    `${filename}: dropped its last line (line ${tail.line}, ${tail.bytes} byte${tail.bytes === 1 ? '' : 's'}), ` +
    'cut short by a crash in the middle of a write; that write had not been acknowledged. ' +
    'The file was rewritten without it.'
  );
}

/** Says which file, what is wrong with it and what to do, on one screen and without a stack trace. */
function loadFailure(filename: string, error: unknown): string {
  if (error instanceof DatafileCorruptionError) {
    return (
      `Cannot load ${filename}: ${error.message}.\n` +
      'Only a last line cut short by a crash is dropped on its own; a damaged line elsewhere may hold data, ' +
      'so the gateway does not start. Repair or delete that line (each line is one JSON document), ' +
      'move the damaged file aside (that collection then starts empty), or choose another --data folder.'
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  return (
    `Cannot load ${filename}: ${reason}\n` +
    'Move the damaged file aside (the gateway then starts empty for that collection) or choose another --data folder.'
  );
}

function compact(collection: Collection): Promise<void> {
  return nedbOf(collection).compactDatafileAsync();
}

/** The @seald-io/nedb datastore that nedb-promises wraps (it keeps it as `__original`). */
export function nedbOf(collection: Collection): NedbDatastore {
  return (collection as unknown as { __original: NedbDatastore }).__original;
}
