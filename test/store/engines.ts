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
      const opened: StoreEngine[] = [];
      const open = async () => {
        const engine = await openEngine({ kind: 'folder', dir });
        opened.push(engine);
        return engine;
      };
      return {
        engine: await open(),
        reopen: open,
        dispose: async () => {
          for (const engine of opened) await engine.close().catch(() => undefined);
          fs.rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    async open() {
      const database = await freshDatabase();
      const opened: StoreEngine[] = [];
      const open = async () => {
        const engine = await openEngine({ kind: 'postgres', url: database.url });
        opened.push(engine);
        return engine;
      };
      return {
        engine: await open(),
        reopen: open,
        dispose: async () => {
          for (const engine of opened) await engine.close().catch(() => undefined);
          await database.drop();
        },
      };
    },
  },
];
