// Real PostgreSQL for tests. jest's globalSetup (test/support/postgres/global-setup.mjs) starts one
// server for the whole run (or uses $TEST_DATABASE_URL); these helpers give each test its own state:
//
//   const db = await freshDatabase();          // a new, empty database on the shared server
//   ... connect to db.url ...
//   await db.drop();                            // ends its connections and drops it
//
//   const server = await privateServer();      // a server of your own, to stop and start
//   const db = await server.freshDatabase();
//   await server.stop();  await server.start();  // same data, same port
//   await server.destroy();
//
// Test files run in parallel in two workers and share the one server, so nothing here stops or
// restarts it: stopping it would break the other worker's tests. privateServer() initialises a
// cluster of the test's own instead (~1.5-2 s, initdb dominates); it lives in the run's folder, so
// the global teardown stops any that a test left running.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { ENV_CLUSTER, ENV_URL, SUPERUSER, clusterFromEnv, initCluster, isRunning, logFileOf, startCluster, startOnFreePort, stopCluster } from './postgres/cluster.cjs';

/** Admin (superuser) URL of the suite's server, database `postgres`. */
export function testServerUrl(): string {
  const url = process.env[ENV_URL];
  if (!url) {
    throw new Error(
      `${ENV_URL} is not set: run tests through jest with jest.config.js, whose globalSetup ` +
        '(test/support/postgres/global-setup.mjs) starts PostgreSQL or passes on $TEST_DATABASE_URL',
    );
  }
  return url;
}

export interface FreshDatabase {
  /** Database name (lg_test_…): unique across workers and runs. */
  name: string;
  /** Superuser URL of this database alone. */
  url: string;
  /** Terminates its connections and drops it. Safe to call twice. */
  drop(): Promise<void>;
}

let created = 0;

/** Creates a uniquely named, empty database on the suite's server (or on `adminUrl`'s server). */
export async function freshDatabase(adminUrl: string = testServerUrl()): Promise<FreshDatabase> {
  created += 1;
  const name = `lg_test_${process.env.JEST_WORKER_ID ?? '0'}_${process.pid}_${created}_${crypto.randomBytes(3).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
  let dropped = false;
  return {
    name,
    url: databaseUrl(adminUrl, name),
    async drop() {
      if (dropped) return;
      // FORCE terminates the database's sessions first (and refuses new ones while it drops).
      await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`));
      dropped = true;
    },
  };
}

/** The same server and credentials as `url`, another database. */
export function databaseUrl(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** Runs `fn` with a connected client of `url`, then closes it. */
export async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10000 });
  client.on('error', () => {}); // a server going away while idle must not crash the test process
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

export interface PrivateServer {
  /** Superuser URL, database `postgres`. Stays the same across stop()/start() (same port). */
  url: string;
  port: number;
  /** Server log (appended across restarts). */
  logFile: string;
  /** A fresh database on this server. */
  freshDatabase(): Promise<FreshDatabase>;
  /**
   * Stops the server: sessions are terminated, new connections are refused (ECONNREFUSED).
   * `fast` (default) shuts down cleanly; `immediate` is like a crash (recovery on the next start).
   * Data survives both. No-op when stopped.
   */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts it again on the same port with the same data; resolves once it accepts connections. No-op when running. */
  start(): Promise<void>;
  running(): boolean;
  /** Stops it and deletes its files. */
  destroy(): Promise<void>;
}

/**
 * A PostgreSQL server of the calling test's own (for "database lost while running" tests), made
 * with the binaries and run folder of the suite's server. Needs the suite's own server: with
 * $TEST_DATABASE_URL the suite started nothing, and this throws.
 */
export async function privateServer(): Promise<PrivateServer> {
  const cluster = clusterFromEnv();
  if (!cluster) {
    const why = process.env.TEST_DATABASE_URL
      ? 'TEST_DATABASE_URL is set, so the suite did not start PostgreSQL itself and cannot make a server to stop and start; unset it to run this test'
      : `${ENV_CLUSTER} is not set: run tests through jest with jest.config.js (globalSetup test/support/postgres/global-setup.mjs)`;
    throw new Error(`privateServer(): ${why}`);
  }
  const dataDir = path.join(cluster.root, `private-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  let port: number;
  try {
    await initCluster(cluster, dataDir);
    port = await startOnFreePort(cluster, dataDir);
  } catch (err) {
    removeFiles(dataDir);
    throw err;
  }
  const url = `postgres://${SUPERUSER}:${cluster.password}@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    logFile: logFileOf(dataDir),
    freshDatabase: () => freshDatabase(url),
    stop: (mode = 'fast') => stopCluster(cluster, dataDir, mode),
    async start() {
      if (!isRunning(dataDir)) await startCluster(cluster, dataDir, port);
    },
    running: () => isRunning(dataDir),
    async destroy() {
      await stopCluster(cluster, dataDir, 'immediate');
      removeFiles(dataDir);
    },
  };
}

function removeFiles(dataDir: string): void {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(logFileOf(dataDir), { force: true });
}
