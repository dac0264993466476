import { UniqueViolation, type ChangeListener, type DocumentCollection, type StoreEngine, type StoredDocument } from '../../src/store/engine';
import { ENGINES, type OpenedEngine } from './engines';

/**
 * The contract every store engine keeps (Keyv's test-suite idea): one suite, run against each.
 * A fourth engine is one more entry in engines.ts.
 */
interface Doc extends StoredDocument {
  name: string;
  deletedAt: string | null;
  note?: string;
}

const doc = (id: string, name = id, extra: Partial<Doc> = {}): Omit<Doc, 'seq'> => ({ _id: id, name, deletedAt: null, uniqueKey: `key|${name}`, ...extra });

function recorder(): ChangeListener<Doc> & { events: string[] } {
  const events: string[] = [];
  return {
    events,
    put: (document) => events.push(`put ${document._id} ${document.name}`),
    removed: (document) => events.push(`removed ${document._id}`),
    reload: (documents) => events.push(`reload ${documents.length}`),
  };
}

describe.each(ENGINES)('store engine contract: $name', (engineUnderTest) => {
  let opened: OpenedEngine;
  let engine: StoreEngine;
  let labels: DocumentCollection<Doc>;

  beforeEach(async () => {
    opened = await engineUnderTest.open();
    engine = opened.engine;
    labels = engine.collection<Doc>('labels');
  });
  afterEach(() => opened.dispose());

  it('names its kind', () => {
    expect(engine.kind).toBe(engineUnderTest.name);
  });

  it('numbers inserts in the order they are made and loads them in that order', async () => {
    const stored = [];
    for (const id of ['a', 'b', 'c', 'd']) stored.push(await labels.insert(doc(id)));
    const seqs = stored.map((document) => document.seq);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    expect((await labels.load()).map((document) => document._id)).toEqual(['a', 'b', 'c', 'd']);
    // Concurrent inserts get distinct numbers (their order is the engine's to decide).
    const concurrent = await Promise.all(['e', 'f', 'g', 'h'].map((id) => labels.insert(doc(id))));
    expect(new Set([...seqs, ...concurrent.map((document) => document.seq)]).size).toBe(8);
    expect(Math.min(...concurrent.map((document) => document.seq))).toBeGreaterThan(Math.max(...seqs));
  });

  it('refuses a second document with the same _id, naming the field', async () => {
    await labels.insert(doc('a', 'one'));
    await expect(labels.insert(doc('a', 'two'))).rejects.toEqual(new UniqueViolation('_id'));
    expect((await labels.load()).map((document) => document.name)).toEqual(['one']);
  });

  it('refuses a taken uniqueKey, and frees it when its holder is removed or loses it', async () => {
    await labels.insert(doc('a', 'same'));
    const refused = await labels.insert(doc('b', 'same')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UniqueViolation);
    expect((refused as UniqueViolation).field).toBe('uniqueKey');
    await labels.update('a', { deleted: false }, { deletedAt: '2026-01-01T00:00:00.000Z' }, ['uniqueKey']);
    await expect(labels.insert(doc('b', 'same'))).resolves.toMatchObject({ _id: 'b' });
    await labels.remove('b');
    await expect(labels.insert(doc('c', 'same'))).resolves.toMatchObject({ _id: 'c' });
  });

  it('lets exactly one of many concurrent inserts of one uniqueKey win', async () => {
    const outcomes = await Promise.allSettled(Array.from({ length: 25 }, (_, n) => labels.insert(doc(`id${n}`, 'contested'))));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes) if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(UniqueViolation);
    expect(await labels.load()).toHaveLength(1);
  });

  it('answers each of many concurrent inserts on its own: one broken rule refuses that insert, not the others made with it', async () => {
    await labels.insert(doc('taken'));
    await labels.insert(doc('removed-one'));
    await labels.remove('removed-one');
    const teams = engine.collection<Doc>('teams');
    // `refused`: the insert must be refused so; `twice`: one id made twice, one of the two written, the
    // other refused (which one is the engine's to decide). On PostgreSQL all but the first go in one statement.
    const attempts: Array<{ write: () => Promise<Doc>; refused?: UniqueViolation; twice?: true }> = [
      ...Array.from({ length: 30 }, (_, n) => ({ write: () => labels.insert(doc(`fresh${n}`)) })),
      { write: () => labels.insert(doc('twice', 'first')), twice: true },
      ...Array.from({ length: 10 }, (_, n) => ({ write: () => teams.insert({ _id: `team${n}`, name: `team${n}`, deletedAt: null }) })),
      { write: () => labels.insert(doc('taken', 'another name')), refused: new UniqueViolation('_id') },
      { write: () => labels.insert(doc('renamed', 'taken')), refused: new UniqueViolation('uniqueKey') },
      { write: () => labels.insert(doc('removed-one', 'back again')) },
      { write: () => labels.insert(doc('twice', 'second')), twice: true },
    ];
    const outcomes = await Promise.allSettled(attempts.map((attempt) => attempt.write()));
    outcomes.forEach((outcome, index) => {
      const { refused, twice } = attempts[index];
      if (refused) expect(outcome).toEqual({ status: 'rejected', reason: refused });
      else if (!twice) expect(outcome.status).toBe('fulfilled');
    });
    const madeTwice = outcomes.filter((_, index) => attempts[index].twice);
    const written = madeTwice.filter((outcome) => outcome.status === 'fulfilled');
    expect(written).toHaveLength(1);
    expect(madeTwice.filter((outcome) => outcome.status === 'rejected')).toEqual([{ status: 'rejected', reason: new UniqueViolation('_id') }]);
    const stored = await labels.load();
    expect(stored).toHaveLength(1 + 30 + 1 + 1);
    expect(stored.find((document) => document._id === 'twice')?.name).toBe((written[0] as PromiseFulfilledResult<Doc>).value.name);
    expect(stored.find((document) => document._id === 'taken')?.name).toBe('taken');
    expect(stored.find((document) => document._id === 'removed-one')?.name).toBe('back again');
    expect(new Set(stored.map((document) => document.seq)).size).toBe(stored.length);
    expect(await teams.load()).toHaveLength(10);
  });

  it('updates only a document in the expected state, sets and unsets fields, keeps _id and seq', async () => {
    const inserted = await labels.insert(doc('a', 'first', { note: 'kept?' }));
    expect(await labels.update('a', { deleted: true }, { name: 'x' }, [])).toBeUndefined();
    expect(await labels.update('missing', { deleted: false }, { name: 'x' }, [])).toBeUndefined();
    const updated = await labels.update('a', { deleted: false }, { name: 'second', uniqueKey: 'key|second' }, ['note']);
    expect(updated).toEqual({ _id: 'a', seq: inserted.seq, name: 'second', deletedAt: null, uniqueKey: 'key|second' });
    const deleted = await labels.update('a', { deleted: false }, { deletedAt: '2026-01-01T00:00:00.000Z' }, []);
    expect(deleted?.deletedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(await labels.update('a', { deleted: true }, { deletedAt: null }, [])).toMatchObject({ deletedAt: null });
  });

  it('refuses an update onto a uniqueKey another document holds, leaving both as they were', async () => {
    await labels.insert(doc('a', 'one'));
    await labels.insert(doc('b', 'two'));
    await expect(labels.update('b', { deleted: false }, { name: 'one', uniqueKey: 'key|one' }, [])).rejects.toBeInstanceOf(UniqueViolation);
    expect((await labels.load()).map((document) => document.name)).toEqual(['one', 'two']);
  });

  it('removes (saying whether there was anything) and clears; a cleared _id can be used again', async () => {
    await labels.insert(doc('a'));
    await labels.insert(doc('b'));
    expect(await labels.remove('a')).toBe(true);
    expect(await labels.remove('a')).toBe(false);
    await labels.clear();
    expect(await labels.load()).toEqual([]);
    await expect(labels.insert(doc('b'))).resolves.toMatchObject({ _id: 'b' });
  });

  it('replaces all or nothing: a conflict in the added documents leaves every document as it was', async () => {
    await labels.insert(doc('a'));
    await labels.insert(doc('b'));
    await expect(labels.replace(['a'], [doc('c'), doc('b')])).rejects.toBeInstanceOf(UniqueViolation);
    expect((await labels.load()).map((document) => document._id)).toEqual(['a', 'b']);
    const added = await labels.replace(['a', 'b'], [doc('b', 'b2'), doc('c')]);
    expect(added.map((document) => document._id)).toEqual(['b', 'c']);
    expect(added[0].seq).toBeLessThan(added[1].seq);
    expect((await labels.load()).map((document) => `${document._id}:${document.name}`)).toEqual(['b:b2', 'c:c']);
  });

  it('keeps collections apart: the same _id in two collections is two documents', async () => {
    await labels.insert(doc('same'));
    await expect(engine.collection<Doc>('teams').insert({ _id: 'same', name: 'team', deletedAt: null })).resolves.toMatchObject({ _id: 'same' });
  });

  it('tells its listener of every write before the write resolves', async () => {
    const listener = recorder();
    labels.listen(listener);
    await labels.insert(doc('a'));
    expect(listener.events).toEqual(['put a a']);
    await labels.update('a', { deleted: false }, { name: 'a2', uniqueKey: 'key|a2' }, []);
    await labels.insert(doc('b'));
    await labels.remove('b');
    await labels.replace(['a'], [doc('c')]);
    await labels.clear();
    expect(listener.events.slice(1, 3)).toEqual(['put a a2', 'put b b']);
    expect(listener.events[3]).toBe('removed b');
    expect(listener.events.slice(4, 6)).toEqual(['removed a', 'put c c']);
    // A clear is told as a reload of nothing, or as each document removed.
    expect(['reload 0', 'removed c']).toContain(listener.events[6]);
  });

  it('keeps what it acknowledged when opened again', async () => {
    await labels.insert(doc('a', 'kept'));
    await labels.insert(doc('b', 'gone'));
    await labels.remove('b');
    const first = engine;
    if (engineUnderTest.name !== 'memory') await first.close();
    const again = await opened.reopen();
    expect((await again.collection<Doc>('labels').load()).map((document) => document.name)).toEqual(['kept']);
    const next = await again.collection<Doc>('labels').insert(doc('c'));
    const [kept] = await again.collection<Doc>('labels').load();
    expect(next.seq).toBeGreaterThan(kept.seq);
  });
});
