import path from 'node:path';
import { ADAPTERS } from '../adapters';
import type { Randomness } from './core/random';
import type { ResetScope } from './core/reset-scope';
import type { DialectServing } from './http/dialect-serving';
import { silentLogger } from './http/logger';
import type { ProxyConfig } from './proxy/proxy-config';
import { buildServing } from './serving';
import type { RouteTable } from './specs/route-table';
import { loadSeedFile } from './state/seed-file';
import { mockedCreateOperations } from './state/seed-form';
import { StateService } from './state/state-service';
import { openStore, type Store } from './store/store';
import type { TenantResolver } from './tenancy/tenant-resolver';
import type { DialectId } from './core/dialects';

export interface StateServiceParts {
  store: Store;
  routes: RouteTable;
  serving: { readonly [D in DialectId]: DialectServing };
  tenants: TenantResolver;
  random: Randomness;
  /** What a reset also forgets of the journal. */
  forgetExchanges: (scope: ResetScope) => void;
}

/** The state routes' and `--seed`'s service: a seed's labels go through each mocked dialect's own create. */
export function createStateService(parts: StateServiceParts): StateService {
  const { store, routes, serving, tenants, random, forgetExchanges } = parts;
  return new StateService({ store, seed: { adapters: ADAPTERS, createOperations: mockedCreateOperations(routes, serving), tenants, random }, forgetExchanges });
}

/**
 * Loads a `--seed` file into a throw-away memory store, as start-up would load it into the real one:
 * `label-gateway lint` names the file's first mistake (a SeedFileError) without opening the gateway's
 * store or a port.
 */
export async function drySeed(file: string, parts: { config: ProxyConfig; routes: RouteTable; tenants: TenantResolver; random: Randomness; bodyLimitBytes: number }): Promise<void> {
  const store = await openStore({ kind: 'memory' }, parts.random, { warn: () => undefined });
  try {
    const serving = buildServing(parts.config, { store, routes: parts.routes, bodyLimitBytes: parts.bodyLimitBytes, logger: silentLogger, random: parts.random });
    const state = createStateService({ store, routes: parts.routes, serving, tenants: parts.tenants, random: parts.random, forgetExchanges: () => undefined });
    await loadSeedFile(state, path.resolve(file));
  } finally {
    await store.close();
  }
}
