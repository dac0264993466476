import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Nedb from '@seald-io/nedb';
import { DatafileCorruptionError } from '../../src/store/nedb/datafile-reader';
import { useLeanPersistence, type DroppedTail, type NedbDatastore } from '../../src/store/nedb/nedb-persistence';

/**
 * The store loads and compacts NeDB files with its own reader and writer (src/store/nedb/datafile-*.ts).
 * These tests hold them to NeDB's own behaviour: the same documents and indexes out of the same file,
 * and files NeDB itself can read back.
 */

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'label-gateway-nedb-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** NeDB exactly as published. Loading compacts the file, so each test loads its own copy. */
async function openPlain(filename: string): Promise<Nedb> {
  const db = new Nedb({ filename });
  await db.loadDatabaseAsync();
  return db;
}

async function openLean(filename: string): Promise<Nedb> {
  const db = new Nedb({ filename });
  useLeanPersistence(db as unknown as NedbDatastore, { sharedFields: ['orgId'] });
  await db.loadDatabaseAsync();
  return db;
}

function copyOf(filename: string, name: string): string {
  const copy = path.join(dir, name);
  fs.copyFileSync(filename, copy);
  return copy;
}

function contents(db: Nedb): { docs: unknown[]; indexes: Record<string, unknown> } {
  const docs = [...db.getAllData()].sort((a, b) => String(a._id).localeCompare(String(b._id)));
  const indexes = Object.fromEntries(
    Object.entries((db as unknown as NedbDatastore).indexes).map(([key, index]) => [key, [index.unique, index.sparse]]),
  );
  return { docs, indexes };
}

/** A datafile as NeDB leaves it after a session: an append log of inserts, updates, removals and index changes. */
async function writeLogWithPlainNedb(filename: string): Promise<void> {
  const db = await openPlain(filename);
  await db.ensureIndexAsync({ fieldName: 'name', unique: true, sparse: true });
  await db.ensureIndexAsync({ fieldName: 'temporary' });
  await db.insertAsync({ _id: 'a', name: 'first', orgId: 'org-1', createdAt: new Date(1_700_000_000_000), tags: ['x'] });
  await db.insertAsync({ _id: 'b', name: 'second', orgId: 'org-1', nested: { deep: { at: new Date(0) } } });
  await db.insertAsync({ _id: 'c', name: 'third', orgId: 'org-2', description: null });
  await db.updateAsync({ _id: 'a' }, { $set: { name: 'first, renamed' } });
  await db.removeAsync({ _id: 'b' }, {});
  await db.removeIndexAsync('temporary');
}

describe('the lean NeDB datafile reader', () => {
  it('reads an append log into the same documents and indexes as NeDB does', async () => {
    const log = path.join(dir, 'log.db');
    await writeLogWithPlainNedb(log);
    expect(fs.readFileSync(log, 'utf8').trim().split('\n').length).toBeGreaterThan(6); // a log, not compacted

    const plain = contents(await openPlain(copyOf(log, 'plain.db')));
    const lean = contents(await openLean(copyOf(log, 'lean.db')));

    expect(lean).toEqual(plain);
    expect(lean.docs.map((doc) => (doc as { _id: string })._id)).toEqual(['a', 'c']);
    expect(Object.keys(lean.indexes).sort()).toEqual(['_id', 'name']);
    expect((lean.docs[0] as { createdAt: Date }).createdAt).toEqual(new Date(1_700_000_000_000));
  });

  it('still enforces the unique indexes the file declares', async () => {
    const log = path.join(dir, 'log.db');
    await writeLogWithPlainNedb(log);
    const lean = await openLean(log);
    await expect(lean.insertAsync({ name: 'third' })).rejects.toMatchObject({ errorType: 'uniqueViolated' });
  });

  it('keeps values with U+2028, U+2029 and U+0085 across a restart (NeDB splits lines on them)', async () => {
    const filename = path.join(dir, 'labels.db');
    const names = ['line\u2028separator', 'paragraph\u2029separator', 'next\u0085line'];
    const first = await openLean(filename);
    for (const name of names) await first.insertAsync({ name });
    // Reopened twice: once reading the appended lines, once reading the file compacted by the first reopening.
    await openLean(filename);
    const third = await openLean(filename);
    expect(third.getAllData().map((doc) => doc.name).sort()).toEqual([...names].sort());
  });

});

describe('damaged datafiles', () => {
  async function openLeanNoting(filename: string): Promise<{ db: Nedb; dropped: DroppedTail[] }> {
    const dropped: DroppedTail[] = [];
    const db = new Nedb({ filename });
    useLeanPersistence(db as unknown as NedbDatastore, { sharedFields: [], onTornTail: (tail) => dropped.push(tail) });
    await db.loadDatabaseAsync();
    return { db, dropped };
  }

  const line = (doc: object) => `${JSON.stringify(doc)}\n`;

  it('drops a last line cut short by a crash (no "\\n", not a document), says how many bytes, and starts', async () => {
    const filename = path.join(dir, 'teams.db');
    const whole = line({ _id: 'a', name: 'first' }) + line({ _id: 'b', name: 'second' });
    fs.writeFileSync(filename, whole.slice(0, -7)); // a two-line file, 7 bytes short: 50 % of its lines
    const { db, dropped } = await openLeanNoting(filename);
    expect(db.getAllData()).toEqual([{ _id: 'a', name: 'first' }]);
    expect(dropped).toEqual([{ line: 2, bytes: line({ _id: 'b', name: 'second' }).length - 7 }]);
  });

  it('rewrites the file without the fragment, so the next append is a line of its own', async () => {
    const filename = path.join(dir, 'teams.db');
    fs.writeFileSync(filename, line({ _id: 'a' }) + '{"_id":"b","na');
    const { db } = await openLeanNoting(filename);
    expect(fs.readFileSync(filename, 'utf8')).toBe(line({ _id: 'a' }));
    await db.insertAsync({ _id: 'c' }); // appended, not compacted
    const reopened = await openLeanNoting(filename);
    expect(reopened.db.getAllData().map((doc) => doc._id)).toEqual(['a', 'c']);
    expect(reopened.dropped).toEqual([]);
  });

  it('counts the bytes of the file, not of the text, when the cut fell inside a multi-byte character', async () => {
    const filename = path.join(dir, 'labels.db');
    const torn = Buffer.from('{"_id":"b","name":"Café', 'utf8').subarray(0, -1); // the first of é's two bytes
    fs.writeFileSync(filename, Buffer.concat([Buffer.from(line({ _id: 'a' })), torn]));
    const { dropped } = await openLeanNoting(filename);
    expect(dropped).toEqual([{ line: 2, bytes: torn.length }]);
  });

  it('drops a file that is nothing but a torn line, and starts empty', async () => {
    const filename = path.join(dir, 'idMap.db');
    fs.writeFileSync(filename, '{"_id":"a","sco');
    const { db, dropped } = await openLeanNoting(filename);
    expect(db.getAllData()).toEqual([]);
    expect(dropped).toEqual([{ line: 1, bytes: 15 }]);
    expect(fs.readFileSync(filename, 'utf8')).toBe('');
  });

  it('keeps a last document that only misses its "\\n"', async () => {
    const filename = path.join(dir, 'labels.db');
    fs.writeFileSync(filename, line({ _id: 'a' }) + JSON.stringify({ _id: 'b' }));
    const { db, dropped } = await openLeanNoting(filename);
    expect(db.getAllData().map((doc) => doc._id)).toEqual(['a', 'b']);
    expect(dropped).toEqual([]);
  });

  it('refuses an unreadable line anywhere else, naming its line number (even one line in twenty)', async () => {
    const filename = path.join(dir, 'scratched.db');
    const good = Array.from({ length: 19 }, (_, i) => JSON.stringify({ _id: `id-${i}`, n: i }));
    fs.writeFileSync(filename, [...good.slice(0, 11), 'garbage', ...good.slice(11)].join('\n') + '\n');
    await expect(openLean(filename)).rejects.toThrow(DatafileCorruptionError);
    await expect(openLean(filename)).rejects.toMatchObject({ line: 12, message: expect.stringMatching(/^line 12 is not a readable document \(/) });
    expect(fs.readFileSync(filename, 'utf8').split('\n')).toHaveLength(21); // and leaves the file as it was
  });

  it('counts blank lines in the line number, as an editor does', async () => {
    const filename = path.join(dir, 'blank.db');
    fs.writeFileSync(filename, `${line({ _id: 'a' })}\n\nnull\n${line({ _id: 'b' })}`);
    await expect(openLean(filename)).rejects.toMatchObject({ line: 4, reason: 'not a JSON object' });
  });

  it('refuses an unreadable last line that has its "\\n" (a complete write, damaged since)', async () => {
    const filename = path.join(dir, 'damaged.db');
    fs.writeFileSync(filename, line({ _id: 'a' }) + '{"_id": broken\n');
    await expect(openLean(filename)).rejects.toMatchObject({ line: 2 });
  });
});

describe('the lean NeDB datafile writer (compaction)', () => {
  it('rewrites the log as one line per live document and per index, which NeDB reads back unchanged', async () => {
    const log = path.join(dir, 'log.db');
    await writeLogWithPlainNedb(log);
    const lean = await openLean(log); // loading compacts
    await lean.compactDatafileAsync();

    const lines = fs.readFileSync(log, 'utf8').split('\n');
    expect(lines.pop()).toBe(''); // every line ends with "\n"
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { _id: 'a', name: 'first, renamed', orgId: 'org-1', createdAt: { $$date: 1_700_000_000_000 }, tags: ['x'] },
      { _id: 'c', name: 'third', orgId: 'org-2', description: null },
      { $$indexCreated: { fieldName: 'name', unique: true, sparse: true } },
    ]);
    expect(fs.existsSync(`${log}~`)).toBe(false);
    expect(contents(await openPlain(copyOf(log, 'plain.db')))).toEqual(contents(lean));
  });

  it('writes a large collection in full (more than one write batch)', async () => {
    const filename = path.join(dir, 'large.db');
    const lean = await openLean(filename);
    const docs = Array.from({ length: 5_000 }, (_, i) => ({ _id: `label-${i}`, name: `label number ${i}`, orgId: 'org' }));
    await lean.insertAsync(docs);
    await lean.compactDatafileAsync();
    expect(fs.statSync(filename).size).toBeGreaterThan(3 * 64 * 1024);
    const reread = await openPlain(copyOf(filename, 'plain.db'));
    expect(reread.getAllData()).toHaveLength(5_000);
    expect(await reread.findOneAsync({ _id: 'label-4999' })).toEqual(docs[4_999]);
  });

  it('leaves the file with the configured mode, even where the old file and a crash\'s temporary had another', async () => {
    const filename = path.join(dir, 'labels.db');
    fs.writeFileSync(filename, '{"_id":"a"}\n', { mode: 0o644 });
    fs.writeFileSync(`${filename}~`, 'half a rewrite', { mode: 0o644 });
    fs.chmodSync(filename, 0o644);
    fs.chmodSync(`${filename}~`, 0o644);
    const db = new Nedb({ filename, modes: { fileMode: 0o600, dirMode: 0o700 } });
    useLeanPersistence(db as unknown as NedbDatastore, { sharedFields: [] });
    await db.loadDatabaseAsync(); // loading rewrites the file through the temporary
    expect(fs.statSync(filename).mode & 0o777).toBe(0o600);
    expect(db.getAllData()).toEqual([{ _id: 'a' }]);
  });

  it('refuses, at start-up, a NeDB whose internals it does not know', () => {
    const unknownShape = { persistence: {}, getAllData: () => [] } as unknown as NedbDatastore;
    expect(() => useLeanPersistence(unknownShape, { sharedFields: [] })).toThrow('Unsupported NeDB version');
  });
});

describe('the lean NeDB appender (every insert, update and removal)', () => {
  it('appends the lines NeDB would, so plain NeDB reads the log into the same documents', async () => {
    const filename = path.join(dir, 'appended.db');
    const lean = await openLean(filename);
    await lean.ensureIndexAsync({ fieldName: 'name', unique: true, sparse: true });
    await lean.insertAsync({ _id: 'a', name: 'first', orgId: 'org-1', createdAt: new Date(1_700_000_000_000) });
    await lean.insertAsync([
      { _id: 'b', name: 'second', orgId: 'org-1' },
      { _id: 'c', name: 'third', orgId: 'org-2', nested: { at: new Date(0) } },
    ]);
    await lean.updateAsync({ _id: 'a' }, { $set: { name: 'first, renamed' } });
    await lean.removeAsync({ _id: 'b' }, {});
    const log = fs.readFileSync(filename, 'utf8');
    expect(log.endsWith('\n')).toBe(true);
    expect(log.trim().split('\n').length).toBeGreaterThan(4); // a log of every write, not compacted
    expect(contents(await openPlain(copyOf(filename, 'plain.db')))).toEqual(contents(lean));
  });

  it('writes to the file a compaction renamed into place, not to the one it replaced', async () => {
    const filename = path.join(dir, 'compacted.db');
    const lean = await openLean(filename);
    await lean.insertAsync({ _id: 'before', orgId: 'org' });
    await lean.compactDatafileAsync(); // a new file is renamed over the one the appends went to
    await lean.insertAsync({ _id: 'after', orgId: 'org' });
    // Read as a restart after SIGKILL would: the file as it is, with no compaction on the way out.
    const reread = await openPlain(copyOf(filename, 'plain.db'));
    expect(reread.getAllData().map((doc) => doc._id).sort()).toEqual(['after', 'before']);
  });

  it('creates a missing file with the configured mode', async () => {
    const filename = path.join(dir, 'private.db');
    const db = new Nedb({ filename, modes: { fileMode: 0o600, dirMode: 0o700 } });
    useLeanPersistence(db as unknown as NedbDatastore, { sharedFields: [] });
    await db.loadDatabaseAsync();
    fs.rmSync(filename);
    await db.insertAsync({ _id: 'a' });
    expect(fs.statSync(filename).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(filename, 'utf8')).toBe('{"_id":"a"}\n');
  });
});
