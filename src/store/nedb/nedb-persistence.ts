import fs from 'node:fs/promises';
import { readDatafile, type DatafileContents } from './datafile-reader';
import { writeFileCrashSafely } from './datafile-writer';
import { HeldAppender } from './held-appender';
import { hasNedbCacheInternals, MemoryUndo } from './memory-undo';
import type { FileModes } from './file-modes';

/**
 * The parts of an @seald-io/nedb 4.x datastore (the one nedb-promises wraps) that the store reaches
 * past nedb-promises for. `getAllData()`, `compactDatafileAsync()`, `insertAsync()` and
 * `removeAsync()` are public NeDB API; `persistence` and `indexes` are NeDB's internals, so
 * `useLeanPersistence` checks their shape at start-up.
 */
export interface NedbDatastore {
  filename: string;
  getAllData(): object[];
  compactDatafileAsync(): Promise<void>;
  insertAsync(documents: object[]): Promise<object[]>;
  removeAsync(query: object, options: { multi: boolean }): Promise<number>;
  indexes: Record<string, { fieldName: string; unique: boolean; sparse: boolean }>;
  emit(event: string): boolean;
  persistence: {
    inMemoryOnly: boolean;
    modes: FileModes;
    treatRawStreamAsync(stream: AsyncIterable<string>): Promise<DatafileContents>;
    persistCachedDatabaseAsync(): Promise<void>;
    persistNewStateAsync(documents: object[]): Promise<void>;
  };
}

export interface LeanPersistenceOptions {
  /** Fields whose values repeat across this collection's documents (see readDatafile). */
  sharedFields: readonly string[];
  /**
   * Told when a load left out a torn last line (see readDatafile). The rewrite that ends every
   * load then replaces the file without it, so the next append starts on a line of its own
   * instead of being glued to the fragment.
   */
  onTornTail?: (tail: DroppedTail) => void;
}

export interface DroppedTail {
  /** Its line number in the file as it was. */
  line: number;
  /** How many bytes of the file it was. */
  bytes: number;
}

/**
 * Replaces the parts of NeDB's persistence that hold the whole collection more than once, and the
 * append that every write waits for:
 *
 * - loading (`treatRawStreamAsync`): see readDatafile;
 * - rewriting the file (`persistCachedDatabaseAsync`, run at every load and every compaction, i.e.
 *   on stop and on reset): NeDB serialises every document into one array of lines, then queues them
 *   all on a write stream without waiting for it to drain, so with 100,000 labels the load briefly
 *   held two more copies of the file (≈ 150 MB). Here the lines are produced and written a batch
 *   at a time;
 * - appending (`persistNewStateAsync`, every insert, update and removal): NeDB's `fs.appendFile`
 *   opens, writes and closes the file, three thread-pool round trips that every write waits for in
 *   turn (NeDB runs one operation at a time). Here the file stays open and the lines are written
 *   synchronously: one system call of a few microseconds into the page cache, the same durability
 *   (in the file before the write is acknowledged, so a SIGKILL loses nothing). The handle is
 *   closed before every rewrite, which renames a new file over the one it points to.
 *
 * The file format, the order of the steps and the events are NeDB's; only how much is in memory at
 * once changes. No serialisation hooks are configured on our datastores, so none are bypassed.
 */
export function useLeanPersistence(datastore: NedbDatastore, options: LeanPersistenceOptions): void {
  const { persistence } = datastore;
  if (
    typeof persistence?.treatRawStreamAsync !== 'function' ||
    typeof persistence.persistCachedDatabaseAsync !== 'function' ||
    typeof datastore.getAllData !== 'function'
  ) {
    // Fail at start-up, not at the first load or compaction, if NeDB's internals ever change shape.
    throw new Error('Unsupported NeDB version: its persistence has no treatRawStreamAsync / persistCachedDatabaseAsync.');
  }
  if (typeof persistence.persistNewStateAsync !== 'function') throw new Error('Unsupported NeDB version: its persistence has no persistNewStateAsync.');
  if (!hasNedbCacheInternals(datastore)) throw new Error('Unsupported NeDB version: its datastore has no _insertAsync/_updateAsync/_removeAsync or index helpers.');
  const memoryUndo = new MemoryUndo(datastore);
  const sharedFields = new Set(options.sharedFields);
  const appender = new HeldAppender(datastore.filename, persistence.modes.fileMode);
  persistence.treatRawStreamAsync = async (stream) => {
    const contents = await readDatafile(stream, { sharedFields });
    if (contents.tornTail) {
      const bytes = await bytesAfterLastNewline(datastore.filename, Buffer.byteLength(contents.tornTail.text));
      options.onTornTail?.({ line: contents.tornTail.line, bytes });
    }
    return contents;
  };
  persistence.persistNewStateAsync = async (documents) => {
    if (persistence.inMemoryOnly) return;
    let lines = '';
    for (const doc of documents) lines += `${serialize(doc)}\n`;
    if (lines.length === 0) return;
    try {
      appender.append(lines);
    } catch (error) {
      memoryUndo.undo();
      throw error;
    }
    memoryUndo.written();
  };
  persistence.persistCachedDatabaseAsync = async () => {
    if (persistence.inMemoryOnly) return;
    appender.close();
    await writeFileCrashSafely(datastore.filename, datafileLines(datastore), persistence.modes);
    datastore.emit('compaction.done');
  };
}

/** The datafile's lines, produced one at a time: every document, then every index but `_id`. */
function* datafileLines(datastore: NedbDatastore): Generator<string> {
  for (const doc of datastore.getAllData()) yield serialize(doc);
  for (const index of Object.values(datastore.indexes)) {
    if (index.fieldName === '_id') continue; // NeDB always recreates the _id index itself
    yield serialize({ $$indexCreated: { fieldName: index.fieldName, unique: index.unique, sparse: index.sparse } });
  }
}

/** NeDB's serialisation: JSON, with a Date written as `{"$$date": milliseconds}` (which the reader revives). */
function serialize(doc: object): string {
  return JSON.stringify(doc, function (this: Record<string, unknown>, key: string, value: unknown) {
    return this[key] instanceof Date ? { $$date: (this[key] as Date).getTime() } : value;
  });
}

/**
 * The size of what follows the file's last "\n", read from the file itself: the reader saw text,
 * where an incomplete UTF-8 sequence at the cut (a crash inside a multi-byte character) reads as
 * U+FFFD, three bytes for one or two. `atMost` (that text's UTF-8 length) bounds it from above.
 */
async function bytesAfterLastNewline(filename: string, atMost: number): Promise<number> {
  const handle = await fs.open(filename, 'r');
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, atMost + 1); // the fragment and the "\n" before it, if any
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(length), 0, length, size - length);
    const newline = buffer.subarray(0, bytesRead).lastIndexOf(0x0a);
    return newline === -1 ? size : bytesRead - newline - 1;
  } finally {
    await handle.close();
  }
}
