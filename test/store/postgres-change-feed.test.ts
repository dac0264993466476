import type { Pool } from 'pg';
import { UniqueViolation, type StoredDocument } from '../../src/store/engine';
import { ChangeFeed } from '../../src/store/postgres/change-feed';
import { StaleView } from '../../src/store/speculation';

/**
 * The change feed's bookkeeping without a database: a pool whose catch-up answers when the test
 * says, so that a catch-up can be held open across writes of this process.
 */
interface Doc extends StoredDocument {
  name: string;
}

function heldPool() {
  const answers: Array<(rows: unknown[]) => void> = [];
  const pool = { query: () => new Promise<{ rows: unknown[] }>((resolve) => answers.push((rows) => resolve({ rows }))) } as unknown as Pool;
  return { pool, answer: (rows: unknown[]) => answers.shift()!(rows) };
}

const row = (id: string, version: number, name: string) => ({ xid: '20', version: String(version), removed: false, doc: { _id: id, seq: 1, name } as Doc });

/** A feed started at xid 10 over a held pool, with the labels it puts and removes gathered in `heard`. */
function listeningFeed() {
  const { pool, answer } = heldPool();
  const feed = new ChangeFeed(pool, 'this process');
  feed.start('10');
  const heard = new Map<string, Doc>();
  feed.listen<Doc>('labels', { put: (document) => heard.set(document._id, document), removed: (document) => heard.delete(document._id), reload: () => undefined });
  return { feed, answer, heard };
}

describe('PostgreSQL change feed', () => {
  it('keeps what a write applied past the forgetting limit while a catch-up that read before it is still under way', async () => {
    const { feed, answer, heard } = listeningFeed();

    const catchingUp = feed.catchUp(); // reads before the writes below: it will bring version 4 of 'a'
    await feed.writing(async () => feed.applyWritten('labels', [row('a', 5, 'written here')]));
    // More than the feed remembers: it forgets what no operation under way can contradict, not 'a'.
    for (let n = 0; n < 1100; n++) await feed.writing(async () => feed.applyWritten('labels', [row(`other${n}`, 10 + n, 'other')]));
    answer([{ xmin: '15', pruned_xid: '0', ...row('a', 4, 'read before'), collection: 'labels' }]);
    await catchingUp;
    expect(heard.get('a')?.name).toBe('written here');
  });

  it("does not put back a write's copy when its answer comes after a catch-up brought a newer one", async () => {
    const { feed, answer, heard } = listeningFeed();

    let answerWrite!: () => void;
    const writing = feed.writing(() => new Promise<void>((resolve) => (answerWrite = resolve)).then(() => feed.applyWritten('labels', [row('a', 6, 'written here')])));
    const catchingUp = feed.catchUp();
    answer([{ xmin: '15', pruned_xid: '0', ...row('a', 7, 'written since, elsewhere'), collection: 'labels' }]);
    await catchingUp;
    answerWrite();
    await writing;
    expect(heard.get('a')?.name).toBe('written since, elsewhere');
  });

  it('starts the next catch-up where an insert confirmed its view, but from before a write that failed (it may have committed)', async () => {
    const readFrom: unknown[] = [];
    const nothingNew = { xmin: '60', pruned_xid: '0', xid: null, writer: null, collection: null, version: null, removed: null, doc: null };
    const pool = { query: async (config: { values: unknown[] }) => (readFrom.push(config.values[0]), { rows: [nothingNew] }) } as unknown as Pool;
    const feed = new ChangeFeed(pool, 'this process');
    feed.start('10');

    feed.viewConfirmed('10', '30');
    await feed.catchUp();
    expect(readFrom).toEqual(['30']); // every row below 30 was this process's or applied

    await expect(feed.writing(() => Promise.reject(new Error('connection lost during commit')))).rejects.toThrow();
    feed.viewConfirmed('60', '90');
    await feed.catchUp();
    await feed.catchUp();
    expect(readFrom).toEqual(['30', '60', '60']); // not 90: the failed write's rows, past 60, are read

    await expect(feed.writing(() => Promise.reject(new Error('connection lost during commit')))).rejects.toThrow();
    await feed.catchUp();
    expect(readFrom).toEqual(['30', '60', '60', '60']);
  });

  it('does not read again after a write the database refused outright (a name taken): its outcome is known', async () => {
    const readFrom: unknown[] = [];
    const nothingNew = { xmin: '60', pruned_xid: '0', xid: null, writer: null, collection: null, version: null, removed: null, doc: null };
    const pool = { query: async (config: { values: unknown[] }) => (readFrom.push(config.values[0]), { rows: [nothingNew] }) } as unknown as Pool;
    const feed = new ChangeFeed(pool, 'this process');
    feed.start('10');

    await expect(feed.writing(() => Promise.reject(new UniqueViolation('uniqueKey')))).rejects.toThrow(UniqueViolation);
    await expect(feed.writing(() => Promise.reject(new StaleView('another gateway wrote')))).rejects.toThrow(StaleView);
    expect(feed.markView()).toBeDefined();
    feed.viewConfirmed('10', '30');
    await feed.catchUp();
    expect(readFrom).toEqual(['30']);
  });

  it('decides no create on its own view while a failed write of unknown outcome waits to be read again', async () => {
    const nothingNew = { xmin: '60', pruned_xid: '0', xid: null, writer: null, collection: null, version: null, removed: null, doc: null };
    const pool = { query: async () => ({ rows: [nothingNew] }) } as unknown as Pool;
    const feed = new ChangeFeed(pool, 'this process');
    feed.start('10');

    await expect(feed.writing(() => Promise.reject(new Error('connection lost during commit')))).rejects.toThrow();
    expect(feed.markView()).toBeUndefined();
    await feed.catchUp();
    expect(feed.markView()).toBeDefined();
  });
});
