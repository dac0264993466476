import type { DialectId } from '../../core/dialects';
import { adminRouter, type AdminRouteList } from './route-list';

export const HEALTH_ROUTES = {
  'GET /health': 'readiness probe: { status, dialects, store } (needs no admin token)',
} as const satisfies AdminRouteList;

export interface HealthRouteDependencies {
  dialects: readonly DialectId[];
  storeKind: 'memory' | 'folder';
}

export function healthRoutes(deps: HealthRouteDependencies) {
  return adminRouter(HEALTH_ROUTES, {
    'GET /health': (_req, res) => {
      res.json({ status: 'ok', dialects: deps.dialects, store: deps.storeKind });
    },
  });
}
