import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What to do with one request: answer 429 (with a Retry-After, or without one), or 500 — before
 * forwarding (nothing happened upstream) or after it (the upstream did the work, the answer is lost).
 */
export type Fault = { status: 429; retryAfterSeconds?: number } | { status: 500; afterForwarding?: boolean };

export interface Arrival {
  /** Date.now() when the request arrived, and when its answer was sent. */
  at: number;
  answeredAt: number;
  method: string;
  path: string;
  status: number;
  injected: boolean;
}

export interface FaultProxy {
  /** Its origin; append the vendor prefix as for the gateway behind it. */
  url: string;
  arrivals: Arrival[];
  close(): Promise<void>;
}

/** A SuperSend-v2-shaped error body, so the injected answers also meet the target's spec. */
const errorBody = (code: string, message: string) => JSON.stringify({ success: false, error: { code, message }, request_id: 'req_000000000000000000000000' });

/**
 * A loopback HTTP proxy in front of a test gateway that injects faults into chosen requests
 * (`decide` is asked with the request's 1-based number). Stands in for the gateway's own fault
 * injection until that exists.
 */
export async function startFaultProxy(upstreamOrigin: string, decide: (requestNumber: number, method: string, path: string) => Fault | undefined): Promise<FaultProxy> {
  const upstream = new URL(upstreamOrigin);
  const agent = new http.Agent({ keepAlive: true });
  const arrivals: Arrival[] = [];
  let count = 0;
  const server = http.createServer((req, res) => {
    const at = Date.now();
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const fault = decide(++count, method, path);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer = (status: number, headers: http.OutgoingHttpHeaders, body: Buffer | string, injected: boolean) => {
        res.writeHead(status, headers);
        res.end(body);
        arrivals.push({ at, answeredAt: Date.now(), method, path, status, injected });
      };
      const inject = () => {
        if (fault?.status === 429) {
          const headers: http.OutgoingHttpHeaders = { 'Content-Type': 'application/json' };
          if (fault.retryAfterSeconds !== undefined) headers['Retry-After'] = String(fault.retryAfterSeconds);
          answer(429, headers, errorBody('RATE_LIMITED', 'Too many requests'), true);
        } else answer(500, { 'Content-Type': 'application/json' }, errorBody('INTERNAL_ERROR', 'Injected failure'), true);
      };
      if (fault && !(fault.status === 500 && fault.afterForwarding)) return inject();
      const forwarded = http.request(
        { host: upstream.hostname, port: upstream.port, method, path, headers: { ...req.headers, host: upstream.host }, agent },
        (incoming) => {
          const body: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => body.push(chunk));
          incoming.on('end', () => {
            if (fault) return inject();
            const headers = { ...incoming.headers };
            delete headers['transfer-encoding'];
            delete headers.connection;
            answer(incoming.statusCode ?? 502, headers, Buffer.concat(body), false);
          });
        },
      );
      forwarded.on('error', (error) => answer(502, { 'Content-Type': 'application/json' }, errorBody('BAD_GATEWAY', error.message), true));
      forwarded.end(Buffer.concat(chunks));
    });
  });
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals,
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
