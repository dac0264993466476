import autocannon from 'autocannon';

/** One kind of request, sent over and over by every connection. */
export interface LoadTarget {
  url: string;
  method: 'GET' | 'POST';
  /** Path and query. */
  path: string;
  headers: Record<string, string>;
  /** A new JSON body for each request (creates with a new name each time); none for a GET. */
  body?: () => unknown;
}

export interface LoadPhases {
  warmupSeconds: number;
  seconds: number;
  connections: number;
}

/** What one measured phase gave. Latencies are the bench's own (sub-millisecond), over every answer. */
export interface LoadStats {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
  /** Answers per status code, so a wall of 404s is visible at once. */
  statuses: Record<string, number>;
  /**
   * Answers that closed their connection (`Connection: close`). autocannon keeps a stale entry per
   * reconnection in its queue, so its latencies are wrong when this is above 0 (req/s stay right).
   */
  closedConnections: number;
}

/** Whether the latencies of a phase can be trusted (see `closedConnections`). */
export const latenciesValid = (stats: LoadStats): boolean => stats.closedConnections === 0;

/**
 * Runs a short warm-up (results dropped: JIT, connection set-up) and then the measured phase, with
 * autocannon in this process and the server in its own. autocannon's histogram keeps whole
 * milliseconds, so latencies are recorded here from its `response` event instead.
 */
export async function measure(target: LoadTarget, phases: LoadPhases): Promise<LoadStats> {
  if (phases.warmupSeconds > 0) await runPhase(target, phases.warmupSeconds, phases.connections);
  return runPhase(target, phases.seconds, phases.connections);
}

async function runPhase(target: LoadTarget, seconds: number, connections: number): Promise<LoadStats> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let closedConnections = 0;
  const makeBody = target.body;
  const headers = makeBody ? { ...target.headers, 'content-type': 'application/json' } : target.headers;
  const started = process.hrtime.bigint();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        connections,
        pipelining: 1,
        duration: seconds,
        timeout: 10,
        setupClient: (client: autocannon.Client) => {
          // autocannon's parser hands over its whole header info, not only the headers the types name.
          client.on('headers', (info: unknown) => {
            if ((info as { shouldKeepAlive?: unknown }).shouldKeepAlive === false) closedConnections++;
          });
        },
        requests: [
          {
            method: target.method,
            path: target.path,
            headers,
            ...(makeBody ? { setupRequest: (request: autocannon.Request) => ({ ...request, body: JSON.stringify(makeBody()) }) } : {}),
          },
        ],
      },
      (error: unknown, finished: autocannon.Result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(finished)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds: round(elapsed, 2),
    requestsPerSecond: Math.round(latencies.length / elapsed),
    p50Ms: round(percentile(latencies, 0.5), 3),
    p99Ms: round(percentile(latencies, 0.99), 3),
    errors: result.errors,
    non2xx: result.non2xx,
    statuses,
    closedConnections,
  };
}

/** Nearest-rank percentile of sorted values; 0 when there are none. */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

export const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;

/** The middle value (the upper one of an even count), as the cold-start line has always taken it. */
export const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Several phases of one target as one: req/s and latencies averaged, counts summed. */
export function meanOfPhases(phases: readonly LoadStats[]): LoadStats {
  const [first] = phases;
  const statuses: Record<string, number> = {};
  for (const phase of phases) for (const [status, count] of Object.entries(phase.statuses)) statuses[status] = (statuses[status] ?? 0) + count;
  return {
    ...first,
    requests: phases.reduce((sum, phase) => sum + phase.requests, 0),
    seconds: phases.reduce((sum, phase) => sum + phase.seconds, 0),
    requestsPerSecond: Math.round(mean(phases.map((phase) => phase.requestsPerSecond))),
    p50Ms: Number(mean(phases.map((phase) => phase.p50Ms)).toFixed(3)),
    p99Ms: Number(mean(phases.map((phase) => phase.p99Ms)).toFixed(3)),
    errors: phases.reduce((sum, phase) => sum + phase.errors, 0),
    non2xx: phases.reduce((sum, phase) => sum + phase.non2xx, 0),
    closedConnections: phases.reduce((sum, phase) => sum + phase.closedConnections, 0),
    statuses,
  };
}
