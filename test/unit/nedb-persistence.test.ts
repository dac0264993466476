import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Nedb from '@seald-io/nedb';
import { useLeanPersistence, type NedbDatastore } from '../../src/store/nedb-persistence';

/**
 * The store loads and compacts NeDB files with its own reader and writer (src/store/datafile-*.ts).
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

  it('refuses a file with too many unreadable lines, with NeDB\'s message', async () => {
    const filename = path.join(dir, 'damaged.db');
    fs.writeFileSync(filename, '{"_id":"a","name":"ok"}\nnot json\n{"_id":\n');
    await expect(openLean(filename)).rejects.toThrow(
      '66% of the data file is corrupt, more than given corruptAlertThreshold (10%). Cautiously refusing to start NeDB to prevent dataloss.',
    );
  });

  it('tolerates a few unreadable lines, as NeDB does', async () => {
    const filename = path.join(dir, 'scratched.db');
    const good = Array.from({ length: 19 }, (_, i) => JSON.stringify({ _id: `id-${i}`, n: i }));
    fs.writeFileSync(filename, [...good, 'garbage'].join('\n') + '\n');
    const lean = await openLean(filename);
    expect(lean.getAllData()).toHaveLength(19);
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

  it('refuses, at start-up, a NeDB whose internals it does not know', () => {
    const unknownShape = { persistence: {}, getAllData: () => [] } as unknown as NedbDatastore;
    expect(() => useLeanPersistence(unknownShape, { sharedFields: [] })).toThrow('Unsupported NeDB version');
  });
});
