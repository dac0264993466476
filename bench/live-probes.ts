import { kirim, LIVE_KEY } from './live-client';
import { measure, percentile, type LoadPhases, type LoadStats, type LoadTarget } from './load';
import { kirimGetOneTarget } from './seed';
import type { ServerProcess } from './servers';

/**
 * What the live group reports, and what its probes share: a probe is a run of sequential creates,
 * each one sample of "the answer is whole → the event / the row is there"; some run beside a load.
 */

export type LiveProbeId = 'event-stream' | 'event-stream-loaded' | 'dashboard-row' | 'dashboard-row-busy';

export interface LatencySummary {
  samples: number;
  p50Ms: number;
  /** Nearest rank: with 100 samples or fewer, the largest. */
  p99Ms: number;
  maxMs: number;
  /** The first create's: what an e2e suite's single create on a fresh stream or page sees. */
  firstMs: number;
  /**
   * Samples below 0, counted as 0: the event or row was there before the bench read the answer's
   * last byte (both arrive at once, or the bench's own process was held up on a busy machine).
   */
  early: number;
}

export interface LiveProbe {
  id: LiveProbeId;
  title: string;
  outcome: { status: 'measured'; latency: LatencySummary } | { status: 'failed'; reason: string };
  /** What ran beside it, the page's clock offset, page errors. */
  note?: string;
}

/** 11. Live: a create's answer to its event on GET /__admin/events, and to its row on the dashboard. */
export interface LiveResults {
  probes: LiveProbe[];
}

export interface Samples {
  /** ms, one per create, in order. */
  latencies: number[];
  note?: string;
}

const round = (value: number): number => Number(value.toFixed(2));

export function summarize(latencies: readonly number[]): LatencySummary {
  const sorted = latencies.map((value) => Math.max(0, value)).sort((a, b) => a - b);
  return {
    samples: sorted.length,
    p50Ms: round(percentile(sorted, 0.5)),
    p99Ms: round(percentile(sorted, 0.99)),
    maxMs: round(sorted[sorted.length - 1] ?? 0),
    firstMs: round(Math.max(0, latencies[0] ?? 0)),
    early: latencies.filter((value) => value < 0).length,
  };
}

export const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** One probe's row: its latencies, or why there are none (a failed row fails the run). */
export async function probe(id: LiveProbeId, title: string, work: () => Promise<Samples>): Promise<LiveProbe> {
  try {
    const { latencies, note } = await work();
    return { id, title, outcome: { status: 'measured', latency: summarize(latencies) }, note };
  } catch (error) {
    return { id, title, outcome: { status: 'failed', reason: reasonOf(error) } };
  }
}

/** The load: Kirim get-one of a label created for it. */
export const getOneTarget = (server: ServerProcess): Promise<LoadTarget> => kirimGetOneTarget(server, LIVE_KEY);

/**
 * Runs `work` while `target` takes the run's usual load: its warm-up first, then 1 s phases, one
 * after the other, until `work` is done (so the load covers every sample however long they take).
 */
export async function underLoad(target: LoadTarget, phases: LoadPhases, work: () => Promise<Samples>): Promise<Samples> {
  const phase = (seconds: number) => measure(target, { warmupSeconds: 0, seconds, connections: phases.connections });
  if (phases.warmupSeconds > 0) await phase(phases.warmupSeconds);
  const ran: LoadStats[] = [];
  let done = false;
  const loop = (async () => {
    while (!done) ran.push(await phase(1));
  })();
  loop.catch(() => undefined); // awaited below; this only keeps an early failure from being "unhandled"
  let result: Samples;
  try {
    result = await work();
  } finally {
    done = true;
    await loop;
  }
  return { latencies: result.latencies, note: [loadNote(ran, phases.connections), result.note].filter(Boolean).join('; ') };
}

function loadNote(ran: readonly LoadStats[], connections: number): string {
  const requests = ran.reduce((sum, stats) => sum + stats.requests, 0);
  const seconds = ran.reduce((sum, stats) => sum + stats.seconds, 0);
  const failed = ran.reduce((sum, stats) => sum + stats.errors + stats.non2xx, 0);
  const p99 = Math.max(0, ...ran.map((stats) => stats.p99Ms));
  return (
    `beside it: kirim GET ${kirim.collection}/{id} at ${connections} connections, ${Math.round(requests / Math.max(seconds, 0.001)).toLocaleString('en-US')} req/s ` +
    `over ${seconds.toFixed(1)} s, worst phase p99 ${p99.toFixed(2)} ms${failed > 0 ? `, ${failed} errors or non-2xx` : ''}`
  );
}
