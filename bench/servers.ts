import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The repository root (this file runs from dist/bench/). */
export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');
const GATEWAY_BIN = path.join(PACKAGE_ROOT, 'bin', 'label-gateway.js');
const HEALTH_PATH = '/__admin/health';
const STOP_GRACE_MS = 10_000;

/** A measured server: always a child process, never code running in the bench's own event loop. */
export interface ServerProcess {
  readonly name: string;
  readonly pid: number;
  readonly url: string;
  /** When the process was spawned (process.hrtime.bigint()). */
  readonly spawnedAt: bigint;
  /** The last lines it wrote on stderr, for error messages. */
  stderrTail(): string;
  /** How many stderr lines mention a contract finding (`contract: …`). */
  contractWarnings(): number;
  readonly exited: Promise<number | null>;
}

export interface SpawnOptions {
  name: string;
  /** The script and its arguments, run with this node (process.execPath). */
  args: string[];
  port: number;
  /** Extra node flags (--cpu-prof …) placed before the script. */
  nodeFlags?: string[];
}

const running = new Map<number, ChildProcess>();
const scratchDirs = new Set<string>();

/** Last resort: whatever happens to the bench, no child outlives it and no scratch folder stays. */
process.on('exit', () => {
  for (const child of running.values()) child.kill('SIGKILL');
  for (const dir of scratchDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A new folder under the system's temporary one, removed by `removeScratchDir` or at exit. */
export function scratchDir(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `label-gateway-bench-${name}-`));
  scratchDirs.add(dir);
  return dir;
}

export function removeScratchDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  scratchDirs.delete(dir);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`bench: ${signal} received, stopping the servers\n`);
    process.exit(130);
  });
}

export function spawnServer(options: SpawnOptions): ServerProcess {
  const spawnedAt = process.hrtime.bigint();
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), ...options.args], {
    cwd: PACKAGE_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`could not start ${options.name}`);
  const pid = child.pid;
  running.set(pid, child);
  const tail: string[] = [];
  let contractWarnings = 0;
  child.stdout?.resume(); // drained, so a chatty child can never block on a full pipe
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    for (const line of chunk.split('\n')) {
      if (line.length === 0) continue;
      if (line.includes('contract:')) contractWarnings++;
      tail.push(line);
      if (tail.length > 20) tail.shift();
    }
  });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      running.delete(pid);
      resolve(code);
    });
    child.once('error', () => {
      running.delete(pid);
      resolve(null);
    });
  });
  return {
    name: options.name,
    pid,
    url: `http://127.0.0.1:${options.port}`,
    spawnedAt,
    stderrTail: () => tail.join('\n'),
    contractWarnings: () => contractWarnings,
    exited,
  };
}

/** Stops a server with SIGTERM (so it flushes and writes its CPU profile), SIGKILL after a grace period. */
export async function stopServer(server: ServerProcess): Promise<void> {
  const child = running.get(server.pid);
  if (!child) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await server.exited;
  clearTimeout(timer);
}

export async function stopAll(): Promise<void> {
  await Promise.all(
    [...running.values()].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

/** A port nothing listens on right now (bound to 0 and released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** One GET with no keep-alive; the status, or undefined when nothing answers yet. */
function probeStatus(url: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false, timeout: 1000 }, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(undefined));
  });
}

/**
 * Polls `path` every few milliseconds until it answers 200; returns the milliseconds since the
 * process was spawned. Fails if the process exits first or the time runs out.
 */
export async function waitUntilReady(server: ServerProcess, readyPath = HEALTH_PATH, timeoutMs = 30_000): Promise<number> {
  let exitCode: number | null | undefined;
  void server.exited.then((code) => (exitCode = code));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exitCode !== undefined) {
      throw new Error(`${server.name} exited (code ${exitCode}) before it was ready:\n${server.stderrTail()}`);
    }
    if ((await probeStatus(server.url + readyPath)) === 200) {
      return Number(process.hrtime.bigint() - server.spawnedAt) / 1e6;
    }
    if (Date.now() > deadline) throw new Error(`${server.name} was not ready within ${timeoutMs} ms:\n${server.stderrTail()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Peak resident set size (VmHWM) of a process, in MB (Linux /proc only). */
export function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}

export interface GatewayStart {
  name: string;
  /** A data folder (`--data`); without it (or `store`) the gateway runs with `--memory`. */
  dataDir?: string;
  /** A PostgreSQL URL (`--store`). */
  store?: string;
  /** More `serve` flags (`--config FILE`). */
  serveArgs?: string[];
  nodeFlags?: string[];
  /** Another build's `bin/label-gateway.js` (reference-gateway.ts); this checkout's by default. */
  bin?: string;
}

export interface StartedServer {
  server: ServerProcess;
  /** Milliseconds from spawn to the first 200 on the ready path. */
  readyMs: number;
}

/** `node bin/label-gateway.js serve --port <free> --memory|--data DIR --quiet`, ready to measure. */
export async function startGatewayProcess(options: GatewayStart): Promise<StartedServer> {
  const port = await freePort();
  const store = options.store !== undefined ? ['--store', options.store] : options.dataDir === undefined ? ['--memory'] : ['--data', options.dataDir];
  const server = spawnServer({
    name: options.name,
    args: [options.bin ?? GATEWAY_BIN, 'serve', '--port', String(port), ...store, ...(options.serveArgs ?? []), '--quiet'],
    port,
    nodeFlags: options.nodeFlags,
  });
  try {
    return { server, readyMs: await waitUntilReady(server) };
  } catch (error) {
    await stopServer(server);
    throw error;
  }
}

/** Runs `work` against a freshly started gateway and always stops it afterwards. */
export async function withGateway<T>(options: GatewayStart, work: (started: StartedServer) => Promise<T>): Promise<T> {
  const started = await startGatewayProcess(options);
  try {
    return await work(started);
  } finally {
    await stopServer(started.server);
  }
}
