import { Client } from 'pg';
import { freshDatabase, privateServer, testServerUrl, withClient, type FreshDatabase, type PrivateServer } from '../support/postgres';

async function connectError(url: string): Promise<NodeJS.ErrnoException & { code?: string }> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (err) {
    return err as NodeJS.ErrnoException;
  } finally {
    await client.end().catch(() => {});
  }
  throw new Error(`connecting to ${url} worked`);
}

describe('the test PostgreSQL server', () => {
  const databases: FreshDatabase[] = [];
  const fresh = async () => {
    const db = await freshDatabase();
    databases.push(db);
    return db;
  };
  afterAll(async () => {
    await Promise.all(databases.map((db) => db.drop()));
  });

  it('is a real PostgreSQL on the loopback interface', async () => {
    expect(new URL(testServerUrl()).hostname).toBe('127.0.0.1');
    const version = await withClient(testServerUrl(), async (client) => (await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0].v);
    expect(Number(version)).toBeGreaterThanOrEqual(130000); // DROP DATABASE ... WITH (FORCE)
  });

  it('gives a fresh database that takes a table, rows and queries', async () => {
    const db = await fresh();
    const rows = await withClient(db.url, async (client) => {
      expect((await client.query<{ d: string }>('SELECT current_database() AS d')).rows[0].d).toBe(db.name);
      await client.query('CREATE TABLE labels (id serial PRIMARY KEY, name text NOT NULL UNIQUE)');
      await client.query('INSERT INTO labels (name) VALUES ($1), ($2)', ['urgent', 'later']);
      return (await client.query('SELECT id, name FROM labels ORDER BY id')).rows;
    });
    expect(rows).toEqual([
      { id: 1, name: 'urgent' },
      { id: 2, name: 'later' },
    ]);
  });

  it('keeps two fresh databases apart', async () => {
    const [a, b] = await Promise.all([fresh(), fresh()]);
    expect(a.name).not.toBe(b.name);
    expect(a.url).not.toBe(b.url);
    await withClient(a.url, async (client) => {
      await client.query('CREATE TABLE labels (name text)');
      await client.query("INSERT INTO labels VALUES ('only in a')");
    });
    await withClient(b.url, async (client) => {
      expect((await client.query("SELECT to_regclass('labels') AS t")).rows[0].t).toBeNull();
      await client.query('CREATE TABLE labels (name text)');
      await client.query("INSERT INTO labels VALUES ('only in b')");
    });
    const names = (url: string) => withClient(url, async (client) => (await client.query('SELECT name FROM labels')).rows.map((r) => r.name));
    expect(await names(a.url)).toEqual(['only in a']);
    expect(await names(b.url)).toEqual(['only in b']);
  });

  it('drops a database, ending the sessions still connected to it', async () => {
    const db = await freshDatabase();
    const open = new Client({ connectionString: db.url });
    const openErrors: Error[] = [];
    open.on('error', (err) => openErrors.push(err));
    await open.connect();
    await open.query('SELECT 1');

    await db.drop();
    await db.drop(); // twice is fine

    const exists = await withClient(testServerUrl(), async (client) => (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [db.name])).rowCount);
    expect(exists).toBe(0);
    expect((await connectError(db.url)).code).toBe('3D000'); // invalid_catalog_name: database does not exist
    await expect(open.query('SELECT 1')).rejects.toThrow();
    await open.end().catch(() => {});
  });
});

describe('a private test server', () => {
  let server: PrivateServer;
  beforeAll(async () => {
    server = await privateServer();
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it('is not the shared server', () => {
    expect(server.url).not.toBe(testServerUrl());
    expect(server.running()).toBe(true);
  });

  it.each(['fast', 'immediate'] as const)('refuses connections once stopped (%s) and answers again, same port and data, once started', async (mode) => {
    const db = await server.freshDatabase();
    await withClient(db.url, async (client) => {
      await client.query('CREATE TABLE IF NOT EXISTS labels (name text)');
      await client.query('INSERT INTO labels VALUES ($1)', [mode]);
    });
    const open = new Client({ connectionString: db.url });
    const openErrors: Error[] = [];
    open.on('error', (err) => openErrors.push(err));
    await open.connect();

    await server.stop(mode);
    expect(server.running()).toBe(false);
    await expect(open.query('SELECT 1')).rejects.toThrow();
    expect((await connectError(db.url)).code).toBe('ECONNREFUSED');
    await server.stop(mode); // already stopped: no-op

    await server.start();
    expect(server.running()).toBe(true);
    const rows = await withClient(db.url, async (client) => (await client.query('SELECT name FROM labels')).rows);
    expect(rows).toEqual([{ name: mode }]);
    await open.end().catch(() => {});
    await db.drop();
  });

  it('is gone after destroy()', async () => {
    await server.destroy();
    expect(server.running()).toBe(false);
    expect((await connectError(server.url)).code).toBe('ECONNREFUSED');
    await server.destroy(); // twice is fine (afterAll calls it again)
  });
});
