import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StoreEngine } from '../../src/store/engine';
import { openEngine } from '../../src/store/store-location';
import { freshDatabase } from '../support/postgres';

/**
 * Each store engine as the contract suite opens it: a fresh, empty one; `reopen` opens the same
 * state again in a new engine (a restart, or for a shared engine another process); `dispose`
 * removes what `open` made.
 */
export interface EngineUnderTest {
  name: 'memory' | 'nedb' | 'postgres';
  open(): Promise<OpenedEngine>;
}

export interface OpenedEngine {
  engine: StoreEngine;
  /** Another engine on the same state (after the first is closed, for engines one process holds). */
  reopen(): Promise<StoreEngine>;
  dispose(): Promise<void>;
}

export const ENGINES: EngineUnderTest[] = [
  {
    name: 'memory',
    async open() {
      const engine = await openEngine({ kind: 'memory' });
      return { engine, reopen: async () => engine, dispose: () => engine.close() };
    },
  },
  {
    name: 'nedb',
    async open() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lg-engine-'));
      return reopenable(() => openEngine({ kind: 'folder', dir }), async () => fs.rmSync(dir, { recursive: true, force: true }));
    },
  },
  {
    name: 'postgres',
    async open() {
      const database = await freshDatabase();
      return reopenable(() => openEngine({ kind: 'postgres', url: database.url }), () => database.drop());
    },
  },
];

/** An engine that can be opened again on the same state; `dispose` closes every one opened, then `remove`s the state. */
async function reopenable(open: () => Promise<StoreEngine>, remove: () => Promise<void>): Promise<OpenedEngine> {
  const opened: StoreEngine[] = [];
  const reopen = async () => {
    const engine = await open();
    opened.push(engine);
    return engine;
  };
  return {
    engine: await reopen(),
    reopen,
    dispose: async () => {
      for (const engine of opened) await engine.close().catch(() => undefined);
      await remove();
    },
  };
}
