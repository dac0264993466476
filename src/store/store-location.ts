import type { StoreEngine } from './engine';
import { openMemoryEngine } from './memory/memory-engine';
import { openNedbEngine } from './nedb/nedb-engine';

/**
 * Where the mock keeps its state: memory only (tests, `--memory`), NeDB files in a folder (`--data`,
 * the default), or a PostgreSQL database that any number of gateways share (`--store postgres://…`).
 */
export type StoreLocation = { kind: 'memory' } | { kind: 'folder'; dir: string } | { kind: 'postgres'; url: string };

export interface StoreOptions {
  /**
   * Told what the store repaired on its own while opening (a torn last line left by a crash,
   * dropped), or that a shared database came back: one line. The gateway passes its logger's
   * `warn`; without it nothing is said.
   */
  warn?: (message: string) => void;
}

export function openEngine(location: StoreLocation, options: StoreOptions = {}): Promise<StoreEngine> {
  switch (location.kind) {
    case 'memory':
      return Promise.resolve(openMemoryEngine());
    case 'folder':
      return openNedbEngine(location.dir, options);
    case 'postgres':
      // Loaded only for a database: pg and its limiter cost every other start ~80 ms (node --cpu-prof).
      return import('./postgres/postgres-engine').then(({ openPostgresEngine }) => openPostgresEngine(location.url, options));
  }
}
