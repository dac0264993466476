// Several real gateway processes (`node bin/label-gateway.js serve`, see gateway-process.ts) sharing
// one store, and a small HTTP client for talking to them without supertest: these are separate
// processes on their own ports, and a test here often needs to know how long each answer took.
import net from 'node:net';
import { spawnGateway, type GatewayProcess } from './gateway-process';

/**
 * Starts `count` gateways with the same arguments, all at once. If any fails to start, the ones that
 * did are stopped before the error is thrown, so a failed beforeAll leaves no process behind.
 */
export async function startReplicas(count: number, args: string[], env: NodeJS.ProcessEnv = {}): Promise<GatewayProcess[]> {
  const started = await Promise.allSettled(Array.from({ length: count }, () => spawnGateway(args, env)));
  const running = started.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const failed = started.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) {
    await stopGateways(running);
    throw failed.reason;
  }
  return running;
}

/** SIGTERM (a graceful stop), then SIGKILL if a gateway has not exited within `graceMs`. Never throws. */
export async function stopGateways(gateways: ReadonlyArray<GatewayProcess | undefined>, graceMs = 5000): Promise<void> {
  await Promise.all(
    gateways.map(async (gateway) => {
      if (!gateway || gateway.child.exitCode !== null || gateway.child.signalCode !== null) return;
      const timer = setTimeout(() => gateway.child.kill('SIGKILL'), graceMs);
      try {
        await gateway.kill('SIGTERM');
      } finally {
        clearTimeout(timer);
      }
    }),
  );
}

/** Whether the process is still running (it has not exited nor been killed). */
export const isAlive = (gateway: GatewayProcess): boolean => gateway.child.exitCode === null && gateway.child.signalCode === null;

export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- vendor envelopes, checked by each test
  body: any;
  headers: Headers;
  /** From sending the request to having read the whole answer. */
  ms: number;
}

export interface CallOptions {
  headers?: Record<string, string>;
  body?: unknown;
  query?: Record<string, string | number>;
  /** The request is abandoned (and the call rejects) past this; default 15 s. */
  timeoutMs?: number;
}

/** One HTTP request to `baseUrl + path`; JSON in and out. Rejects only when no answer came at all. */
export async function call(baseUrl: string, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const url = new URL(baseUrl + path);
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, String(value));
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const startedAt = performance.now();
  const res = await fetch(url, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(options.timeoutMs ?? 15000),
  });
  const text = await res.text();
  const ms = performance.now() - startedAt;
  let body: unknown = text;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    // not JSON: kept as text, for the assertion that fails to show it
  }
  return { status: res.status, body, headers: res.headers, ms };
}

/** A loopback port nothing listens on (bound, then released). */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Counts of each status, for failure messages that show what came back instead: `{ "201": 1, "409": 99 }`. */
export function statusCounts(answers: readonly Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of answers) counts[answer.status] = (counts[answer.status] ?? 0) + 1;
  return counts;
}
