import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubUpstream {
  url: string;
  /** Requests it received, as `METHOD path`. */
  received: string[];
  /** TCP connections opened to it so far. */
  connections(): number;
  close(): Promise<void>;
}

/** A bare upstream on loopback that answers however the test says (off-contract, never, …). */
export async function startStubUpstream(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<StubUpstream> {
  const received: string[] = [];
  const sockets = new Set<import('node:net').Socket>();
  let connections = 0;
  const server = http.createServer((req, res) => {
    received.push(`${req.method} ${req.url}`);
    handler(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    connections++;
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    connections: () => connections,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy(); // including ones the stub never answered
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
