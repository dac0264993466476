import type { StoreEngine, StoredDocument } from '../../src/store/engine';
import { SCHEMA_STEPS } from '../../src/store/postgres/schema-migrations';
import { pruneTombstones } from '../../src/store/postgres/tombstones';
import { openEngine } from '../../src/store/store-location';
import { Pool } from 'pg';
import { freshDatabase, withClient, type FreshDatabase } from '../support/postgres';

interface Doc extends StoredDocument {
  name: string;
}

/** A database the previous release made (schema steps 1 and 2), with what it wrote. */
async function previousRelease(url: string): Promise<void> {
  await withClient(url, async (client) => {
    await client.query('CREATE TABLE label_gateway_schema (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    for (const step of SCHEMA_STEPS.filter((candidate) => candidate.version <= 2)) {
      await client.query(step.sql);
      await client.query('INSERT INTO label_gateway_schema (version, name) VALUES ($1, $2)', [step.version, step.name]);
    }
    await client.query(`
      INSERT INTO label_gateway_documents (collection, id, seq, version, removed, removed_at, doc) VALUES
        ('labels', 'kept', nextval('label_gateway_seq'), nextval('label_gateway_version'), false, NULL, '{"_id": "kept", "seq": 1, "name": "kept"}'),
        ('labels', 'gone', nextval('label_gateway_seq'), nextval('label_gateway_version'), true, now() - interval '1 day', '{"_id": "gone", "seq": 2, "name": "gone"}')`);
  });
}

describe('PostgreSQL schema upgrade', () => {
  let database: FreshDatabase;
  let engines: StoreEngine[] = [];

  beforeEach(async () => {
    database = await freshDatabase();
    engines = [];
  });
  afterEach(async () => {
    for (const engine of engines) await engine.close();
    await database.drop();
  });

  it('opens a database of the previous release: its documents load, its tombstones are pruned, and writes reach the other replicas', async () => {
    await previousRelease(database.url);
    for (let n = 0; n < 2; n++) engines.push(await openEngine({ kind: 'postgres', url: database.url }));
    const reloads: number[] = [0, 0];
    const heard = engines.map((engine, n) => {
      const seen = new Map<string, Doc>();
      engine.collection<Doc>('labels').listen({
        put: (document) => seen.set(document._id, document),
        removed: (document) => seen.delete(document._id),
        reload: () => (reloads[n] += 1),
      });
      return seen;
    });
    expect((await engines[1].collection<Doc>('labels').load()).map((document) => document._id)).toEqual(['kept']);

    const pool = new Pool({ connectionString: database.url, max: 1 });
    try {
      await pruneTombstones(pool);
    } finally {
      await pool.end();
    }
    await engines[0].collection<Doc>('labels').update('kept', { deleted: false }, { name: 'renamed' }, []);
    await engines[0].collection<Doc>('labels').insert({ _id: 'new', name: 'new' });
    await engines[1].catchUp!();
    expect(heard[1].get('kept')?.name).toBe('renamed');
    expect(heard[1].get('new')?.name).toBe('new');
    // The old tombstone was pruned, and no replica had to reload for it (they started after it).
    expect(reloads).toEqual([0, 0]);
    const left = await withClient(database.url, (client) => client.query<{ id: string }>(`SELECT id FROM label_gateway_documents ORDER BY id`));
    expect(left.rows.map((row) => row.id)).toEqual(['kept', 'new']);
  });

  it('makes a gateway of the previous release still running fail its writes instead of writing what the feed cannot order', async () => {
    await previousRelease(database.url);
    engines.push(await openEngine({ kind: 'postgres', url: database.url }));
    await expect(
      withClient(database.url, (client) =>
        client.query(`UPDATE label_gateway_documents SET version = nextval('label_gateway_version') WHERE id = 'kept'`),
      ),
    ).rejects.toMatchObject({ code: '42P01' });
  });
});
