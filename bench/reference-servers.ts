import fs from 'node:fs';
import path from 'node:path';
import { freePort, removeScratchDir, scratchDir, spawnServer, stopServer, waitUntilReady, type ServerProcess } from './servers';

export type CeilingId = 'node-ceiling' | 'express-ceiling';
export const CEILING_IDS: readonly CeilingId[] = ['node-ceiling', 'express-ceiling'];

const SCRIPTS: { readonly [C in CeilingId]: string } = {
  'node-ceiling': path.join(__dirname, 'node-ceiling.js'),
  'express-ceiling': path.join(__dirname, 'express-ceiling.js'),
};

export interface ReferenceServers {
  servers: { readonly [C in CeilingId]: ServerProcess };
  bodyBytes: number;
  stop(): Promise<void>;
}

/**
 * Starts both ceilings as child processes, each answering `body` (the gateway's get-one answer, so
 * the bytes on the wire are the same) to every request.
 */
export async function startReferenceServers(body: string): Promise<ReferenceServers> {
  const dir = scratchDir('ceiling');
  const bodyFile = path.join(dir, 'body.json');
  fs.writeFileSync(bodyFile, body);
  const started: ServerProcess[] = [];
  const stop = async () => {
    await Promise.all(started.map((server) => stopServer(server)));
    removeScratchDir(dir);
  };
  try {
    const servers = {} as { [C in CeilingId]: ServerProcess };
    for (const id of CEILING_IDS) {
      const port = await freePort();
      const server = spawnServer({ name: id, args: [SCRIPTS[id], '--port', String(port), '--body-file', bodyFile], port });
      started.push(server);
      await waitUntilReady(server, '/');
      servers[id] = server;
    }
    return { servers, bodyBytes: Buffer.byteLength(body), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
