import { UniqueViolation, type DocumentCollection, type StoreEngine, type StoredDocument } from '../../src/store/engine';
import { openEngine } from '../../src/store/store-location';
import { freshDatabase, withClient, type FreshDatabase } from '../support/postgres';

/** What only a shared engine promises: several processes' engines on one database agree. */
interface Doc extends StoredDocument {
  name: string;
  deletedAt: string | null;
}

describe('PostgreSQL engine shared by several gateways', () => {
  let database: FreshDatabase;
  let replicas: StoreEngine[];
  let heard: Array<Map<string, Doc>>;

  beforeEach(async () => {
    database = await freshDatabase();
    replicas = [];
    heard = [];
    for (let n = 0; n < 3; n++) {
      const engine = await openEngine({ kind: 'postgres', url: database.url });
      const seen = new Map<string, Doc>();
      engine.collection<Doc>('labels').listen({
        put: (document) => seen.set(document._id, document),
        removed: (document) => seen.delete(document._id),
        reload: (documents) => {
          seen.clear();
          for (const document of documents) seen.set(document._id, document);
        },
      });
      replicas.push(engine);
      heard.push(seen);
    }
  });
  afterEach(async () => {
    for (const engine of replicas) await engine.close();
    await database.drop();
  });

  const labels = (n: number): DocumentCollection<Doc> => replicas[n].collection<Doc>('labels');

  it('a write acknowledged through one engine is heard by every other at its next catch-up', async () => {
    await labels(0).insert({ _id: 'a', name: 'one', deletedAt: null, uniqueKey: 'k|one' });
    await replicas[1].catchUp!();
    expect(heard[1].get('a')?.name).toBe('one');
    await labels(1).update('a', { deleted: false }, { name: 'two' }, []);
    await replicas[2].catchUp!();
    await replicas[0].catchUp!();
    expect(heard[2].get('a')?.name).toBe('two');
    expect(heard[0].get('a')?.name).toBe('two');
    await labels(2).remove('a');
    await Promise.all(replicas.map((engine) => engine.catchUp!()));
    expect(heard.map((seen) => seen.has('a'))).toEqual([false, false, false]);
  });

  it('decides concurrent inserts of one name across engines by the database: one wins', async () => {
    const attempts = Array.from({ length: 60 }, (_, n) =>
      labels(n % 3).insert({ _id: `id${n}`, name: 'contested', deletedAt: null, uniqueKey: 'k|contested' }),
    );
    const outcomes = await Promise.allSettled(attempts);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes) if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(UniqueViolation);
  });

  it('never lets a catch-up that read before a write put the older copy back over it', async () => {
    await labels(0).insert({ _id: 'a', name: 'v1', deletedAt: null });
    // Many writes from two engines to one document, with catch-ups running in between.
    for (let round = 0; round < 20; round++) {
      await Promise.all([
        labels(0).update('a', { deleted: false }, { name: `r${round}-0` }, []),
        replicas[0].catchUp!(),
        labels(1).update('a', { deleted: false }, { name: `r${round}-1` }, []),
        replicas[1].catchUp!(),
      ]);
    }
    await Promise.all(replicas.map((engine) => engine.catchUp!()));
    const [stored] = await labels(2).load();
    expect(heard.map((seen) => seen.get('a')?.name)).toEqual([stored.name, stored.name, stored.name]);
  });

  it('hears a write that committed after a write with a higher version, caught up with in between', async () => {
    // Another transaction holds a name without committing. Replica 0's insert of that name draws its
    // version, then waits on the unique index; its next insert draws a higher version and commits first.
    await withClient(database.url, async (holder) => {
      await holder.query('BEGIN');
      await holder.query(`INSERT INTO label_gateway_documents (collection, id, seq, version, doc) VALUES ('labels', 'holder', 0, 0, '{"_id": "holder", "uniqueKey": "k|held"}')`);
      const early = labels(0).insert({ _id: 'early', name: 'early', deletedAt: null, uniqueKey: 'k|held' });
      await until(async () => {
        const { rows } = await holder.query(`SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        return rows[0].waiting === 1;
      });
      await labels(0).insert({ _id: 'late', name: 'late', deletedAt: null });
      await replicas[1].catchUp!();
      expect([...heard[1].keys()]).toEqual(['late']);

      await holder.query('ROLLBACK');
      await early;
      const { rows } = await holder.query<{ id: string; version: string }>(`SELECT id, version FROM label_gateway_documents WHERE id IN ('early', 'late') ORDER BY version`);
      expect(rows.map((row) => row.id)).toEqual(['early', 'late']); // committed out of version order
    });
    await replicas[1].catchUp!();
    expect([...heard[1].keys()].sort()).toEqual(['early', 'late']);
  });

  it('hears a clear made elsewhere, and what is inserted after it', async () => {
    await labels(0).insert({ _id: 'a', name: 'a', deletedAt: null });
    await replicas[1].catchUp!();
    await labels(0).clear();
    await labels(0).insert({ _id: 'b', name: 'b', deletedAt: null });
    await replicas[1].catchUp!();
    expect([...heard[1].keys()]).toEqual(['b']);
  });
});

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the condition');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
