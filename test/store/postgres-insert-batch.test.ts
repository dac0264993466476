import { Pool } from 'pg';
import { ChangeFeed } from '../../src/store/postgres/change-feed';
import { upgradeSchema } from '../../src/store/postgres/schema-migrations';
import { insertStatements } from '../../src/store/postgres/statement-runner';
import { freshDatabase, type FreshDatabase } from '../support/postgres';

/**
 * The statement that writes a batch of inserts (statements.ts INSERT), on a real server: what
 * each insert of a batch is answered, and what the table then holds.
 */
/** A document of any shape (the engine keeps what it is given). */
const doc = (id: string, fields: Record<string, string> = {}) => ({ _id: id, ...fields });

describe('PostgreSQL: several inserts in one statement', () => {
  let database: FreshDatabase;
  let pool: Pool;

  beforeAll(async () => {
    database = await freshDatabase();
    pool = new Pool({ connectionString: database.url, max: 2 });
    await upgradeSchema(pool);
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('writes each in its order with the next seq, refuses a live id, takes the place of a tombstone, in any collection', async () => {
    const statements = insertStatements(pool, new ChangeFeed(pool, 'this process'));
    await statements.alone({ collection: 'labels', document: { _id: 'live' } });
    await statements.alone({ collection: 'labels', document: { _id: 'tombstone' } });
    await pool.query(`UPDATE label_gateway_documents SET removed = true, removed_at = now() WHERE id = 'tombstone'`);

    const outcomes = await statements.together([
      { collection: 'labels', document: doc('one', { name: 'one' }) },
      { collection: 'labels', document: doc('live', { name: 'again' }) },
      { collection: 'teams', document: doc('live', { name: 'a team' }) },
      { collection: 'labels', document: doc('tombstone', { name: 'back' }) },
      { collection: 'labels', document: doc('two', { name: 'two' }) },
    ]);

    expect(outcomes[1]).toBe('conflict');
    const written = outcomes.flatMap((outcome) => (typeof outcome === 'string' ? [] : [outcome.row]));
    expect(written.map((row) => row.doc)).toEqual([
      expect.objectContaining({ _id: 'one', name: 'one' }),
      expect.objectContaining({ _id: 'live', name: 'a team' }),
      expect.objectContaining({ _id: 'tombstone', name: 'back' }),
      expect.objectContaining({ _id: 'two', name: 'two' }),
    ]);
    const seqs = written.map((row) => row.doc.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    for (const row of written) expect(row).toMatchObject({ removed: false, xid: expect.stringMatching(/^\d+$/), version: expect.stringMatching(/^\d+$/) });
    // One statement, one transaction.
    expect(new Set(written.map((row) => row.xid)).size).toBe(1);

    const { rows } = await pool.query(`SELECT collection, id, removed, doc ->> 'name' AS name, (doc ->> 'seq')::bigint = seq AS seq_kept FROM label_gateway_documents ORDER BY seq`);
    expect(rows).toEqual([
      { collection: 'labels', id: 'live', removed: false, name: null, seq_kept: true },
      { collection: 'labels', id: 'one', removed: false, name: 'one', seq_kept: true },
      { collection: 'teams', id: 'live', removed: false, name: 'a team', seq_kept: true },
      { collection: 'labels', id: 'tombstone', removed: false, name: 'back', seq_kept: true },
      { collection: 'labels', id: 'two', removed: false, name: 'two', seq_kept: true },
    ]);
  });

  it('fails as a whole when one insert takes a name in use, with the code that has the batch run again insert by insert', async () => {
    const statements = insertStatements(pool, new ChangeFeed(pool, 'this process'));
    await statements.alone({ collection: 'labels', document: doc('holder', { uniqueKey: 'org|name' }) });
    const failure = await statements
      .together([
        { collection: 'labels', document: { _id: 'innocent' } },
        { collection: 'labels', document: doc('taker', { uniqueKey: 'org|name' }) },
      ])
      .catch((error: unknown) => error);
    expect(statements.mayPartlySucceed(failure)).toBe(true);
    const { rows } = await pool.query(`SELECT id FROM label_gateway_documents WHERE id IN ('innocent', 'taker')`);
    expect(rows).toEqual([]);
  });

  it('fails as a whole when two of its inserts hold one id, with the same code: neither is told it was written', async () => {
    const statements = insertStatements(pool, new ChangeFeed(pool, 'this process'));
    const failure = await statements
      .together([
        { collection: 'assignments', document: doc('same pair') },
        { collection: 'assignments', document: doc('same pair') },
      ])
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: '21000' });
    expect(statements.mayPartlySucceed(failure)).toBe(true);
    const { rows } = await pool.query(`SELECT id FROM label_gateway_documents WHERE collection = 'assignments'`);
    expect(rows).toEqual([]);
  });
});
