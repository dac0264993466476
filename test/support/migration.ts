import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VENDOR_OF, VENDOR_PREFIX, type DialectId } from '../../src/core/dialects';
import { migrateMain } from '../../src/migrate/main';
import type { MigrationTuning } from '../../src/migrate/migrate';

const BIN = path.join(__dirname, '..', '..', 'bin', 'label-gateway.js');

/** Short waits, so retries and further passes do not slow the suite (the policy is the same). */
export const FAST: MigrationTuning = { backoff: { initialDelayMs: 20, maxDelayMs: 200 }, roundPauseMs: 50 };

/** A dialect's base URL on a gateway (what a client, a proxy route or `migrate --from` is given). */
export const baseUrlOf = (gatewayUrl: string, dialect: DialectId): string => gatewayUrl + VENDOR_PREFIX[VENDOR_OF[dialect]];

export interface MigrationEnds {
  from: DialectId;
  fromUrl: string;
  to: DialectId;
  toUrl: string;
  state: string;
}

/** The command line for these ends; the credentials come from $MIGRATE_FROM and $MIGRATE_TO. */
export function migrateArgs(ends: MigrationEnds, ...extra: string[]): string[] {
  return [
    '--from', `${ends.from}=${ends.fromUrl}`, '--from-credential-env', 'MIGRATE_FROM',
    '--to', `${ends.to}=${ends.toUrl}`, '--to-credential-env', 'MIGRATE_TO',
    '--state', ends.state, ...extra,
  ];
}

export interface CapturedRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs `label-gateway migrate` in this process, with its output captured (never a terminal). */
export async function migrate(args: string[], env: NodeJS.ProcessEnv, tuning: MigrationTuning = FAST): Promise<CapturedRun> {
  let stdout = '';
  let stderr = '';
  const exitCode = await migrateMain(
    args,
    {
      env,
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      stdin: process.stdin,
      onInterrupt: () => () => {},
    },
    tuning,
  );
  return { exitCode, stdout, stderr };
}

export interface MigrateProcess {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves once stderr (progress lines) matches. */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<number | NodeJS.Signals>;
}

/** Runs the installed command (`bin/label-gateway.js migrate`, built by `npm run build`) as a child process. */
export function spawnMigrate(args: string[], env: NodeJS.ProcessEnv): MigrateProcess {
  const child = spawn(process.execPath, [BIN, 'migrate', ...args], { env: { ...process.env, ...env } });
  let out = '';
  let err = '';
  const waiters: Array<{ pattern: RegExp; resolve: () => void }> = [];
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(err)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal!)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForStderr: (pattern, timeoutMs = 30_000) =>
      new Promise<void>((resolve, reject) => {
        if (pattern.test(err)) return resolve();
        const timer = setTimeout(() => reject(new Error(`no ${pattern} on stderr in time\nstdout: ${out}\nstderr: ${err}`)), timeoutMs);
        waiters.push({ pattern, resolve: () => (clearTimeout(timer), resolve()) });
        void exited.then(() => reject(new Error(`migrate exited before ${pattern}\nstdout: ${out}\nstderr: ${err}`)));
      }),
  };
}

/** A fresh folder under the system's temporary one. */
export function scratch(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'label-gateway-migrate-'));
}

type Wire = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- vendor wire labels, asserted field by field

/** Creates labels through a dialect's API, a few at a time; returns the created wire labels. */
export async function seedLabels(baseUrl: string, collection: string, authorization: string, bodies: Wire[], concurrency = 8): Promise<Wire[]> {
  const created: Wire[] = new Array(bodies.length);
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const index = next++;
      const res = await fetch(baseUrl + collection, {
        method: 'POST',
        headers: { Authorization: authorization, 'Content-Type': 'application/json' },
        body: JSON.stringify(bodies[index]),
      });
      const body = (await res.json()) as Wire;
      if (res.status !== 201) throw new Error(`seeding ${collection} answered ${res.status}: ${JSON.stringify(body)}`);
      created[index] = body.data.label ?? body.data;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return created;
}

/** Every label a tenant sees in a dialect, read on the wire (all pages), as the vendor shows them. */
export async function readLabels(gatewayUrl: string, dialect: DialectId, authorization: string, teamId?: string): Promise<Wire[]> {
  const base = baseUrlOf(gatewayUrl, dialect);
  const get = async (pathAndQuery: string): Promise<Wire> => {
    const res = await fetch(base + pathAndQuery, { headers: { Authorization: authorization } });
    if (res.status !== 200) throw new Error(`GET ${pathAndQuery} answered ${res.status}`);
    return (await res.json()) as Wire;
  };
  switch (dialect) {
    case 'attention-v2':
      return (await get('/v2/labels')).data;
    case 'jasni':
      return (await get('/api/v1/labels')).data.labels;
    case 'supersend-v1':
      return (await get('/v1/labels')).data;
    case 'supersend-v2': {
      const labels: Wire[] = [];
      for (let offset = 0; ; offset += 100) {
        const page = await get(`/v2/labels?team_id=${teamId}&limit=100&offset=${offset}`);
        labels.push(...page.data);
        if (!page.pagination.hasMore) return labels;
      }
    }
    case 'kirim': {
      const labels: Wire[] = [];
      for (let after = ''; ; ) {
        const page = await get(`/v1/labels?limit=100${after ? `&starting_after=${after}` : ''}`);
        labels.push(...page.data);
        if (!page.has_more) return labels;
        after = page.data[page.data.length - 1].id;
      }
    }
  }
}
