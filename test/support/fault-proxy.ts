import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * The two failures the gateway's own fault injection (`POST /__admin/faults`) cannot produce, because
 * its faults answer before the backend and its 429s always carry Retry-After:
 * - `lose-answer`: the request is forwarded and the target does the work, but the client gets a 500;
 * - `limit-without-retry-after`: a 429 that does not say when to come back (nothing is forwarded).
 * Everything else a test needs from a failing target, it should arm on the target gateway instead.
 */
export type ProxyFault = 'lose-answer' | 'limit-without-retry-after';

export interface FaultProxy {
  /** Its origin; append the vendor prefix as for the gateway behind it. */
  url: string;
  /** The faults injected so far, in the order they were answered. */
  injected: ProxyFault[];
  close(): Promise<void>;
}

/** A SuperSend-v2-shaped error body, so the injected answers also meet the target's spec. */
const errorBody = (code: string, message: string) => JSON.stringify({ success: false, error: { code, message }, request_id: 'req_000000000000000000000000' });

/** A loopback HTTP proxy in front of a test gateway; `decide` is asked once per request, in arrival order. */
export async function startFaultProxy(upstreamOrigin: string, decide: (method: string, path: string) => ProxyFault | undefined): Promise<FaultProxy> {
  const upstream = new URL(upstreamOrigin);
  const agent = new http.Agent({ keepAlive: true });
  const injected: ProxyFault[] = [];
  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const fault = decide(method, path);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer = (status: number, headers: http.OutgoingHttpHeaders, body: Buffer | string) => {
        res.writeHead(status, headers);
        res.end(body);
        if (fault) injected.push(fault);
      };
      if (fault === 'limit-without-retry-after') return answer(429, { 'Content-Type': 'application/json' }, errorBody('RATE_LIMITED', 'Too many requests'));
      const forwarded = http.request(
        { host: upstream.hostname, port: upstream.port, method, path, headers: { ...req.headers, host: upstream.host }, agent },
        (incoming) => {
          const body: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => body.push(chunk));
          incoming.on('end', () => {
            if (fault === 'lose-answer') return answer(500, { 'Content-Type': 'application/json' }, errorBody('INTERNAL_ERROR', 'Injected failure'));
            const headers = { ...incoming.headers };
            delete headers['transfer-encoding'];
            delete headers.connection;
            answer(incoming.statusCode ?? 502, headers, Buffer.concat(body));
          });
        },
      );
      forwarded.on('error', (error) => answer(502, { 'Content-Type': 'application/json' }, errorBody('BAD_GATEWAY', error.message)));
      forwarded.end(Buffer.concat(chunks));
    });
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    injected,
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
