import type { DialectId } from '../../core/dialects';
import type { Store } from '../../store/store';
import { adminRouter, type AdminRouteList } from './route-list';

export const HEALTH_ROUTES = {
  'GET /health': 'readiness probe: { status, dialects, store } (needs no admin token); 503 while a shared database is unreachable',
} as const satisfies AdminRouteList;

export interface HealthRouteDependencies {
  dialects: readonly DialectId[];
  store: Pick<Store, 'engine' | 'catchUp'>;
}

/** The store's kind as the health answer names it (`folder` for NeDB files, as it always has). */
const STORE_NAMES = { memory: 'memory', nedb: 'folder', postgres: 'postgres' } as const;

export function healthRoutes(deps: HealthRouteDependencies) {
  return adminRouter(HEALTH_ROUTES, {
    'GET /health': async (_req, res) => {
      const store = STORE_NAMES[deps.store.engine.kind];
      try {
        await deps.store.catchUp();
      } catch {
        res.status(503).json({ status: 'unavailable', dialects: deps.dialects, store, reason: 'the database cannot be reached' });
        return;
      }
      res.json({ status: 'ok', dialects: deps.dialects, store });
    },
  });
}
