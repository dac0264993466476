import { VENDOR_OF, VENDOR_PREFIX, type DialectId } from '../../core/dialects';
import type { ProxyConfig } from '../../proxy/proxy-config';
import type { Journal } from '../journal';
import type { ContractCatalogue } from './coverage-catalogue';
import { adminRouter, type AdminRouteList } from './route-list';
import type { DialectRoute, RoutesReport } from './routes-report';
import { UpstreamSightings } from './routes-upstream-health';

export const ROUTES_ROUTES = {
  'GET /routes': 'how each dialect is served (mock, pass-through, translation: to what, which upstream), its operations, the contract mode, each upstream as last seen',
} as const satisfies AdminRouteList;

/** What the gateway was started with: the config's routes and how proxied answers are checked. */
export interface RoutingSettings {
  config: Pick<ProxyConfig, 'contract' | 'upstreamTimeoutMs' | 'routes'>;
  /** How each dialect is served, as the gateway decided it (src/serving.ts). */
  kindOf(dialect: DialectId): DialectRoute['route'];
}

export interface RoutesRouteDependencies {
  dialects: readonly DialectId[];
  routing: RoutingSettings;
  catalogue: ContractCatalogue;
  journal: Pick<Journal, 'subscribe'>;
}

export function routesRoutes(deps: RoutesRouteDependencies) {
  // Subscribed when the admin surface is built, before the first exchange, so no sighting is missed.
  const sightings = new UpstreamSightings(deps.journal);
  return adminRouter(ROUTES_ROUTES, {
    'GET /routes': (_req, res) => {
      const report: RoutesReport = {
        contract: deps.routing.config.contract,
        upstreamTimeoutMs: deps.routing.config.upstreamTimeoutMs,
        dialects: deps.dialects.map((dialect) => describeRoute(dialect, deps, sightings)),
      };
      res.json(report);
    },
  });
}

function describeRoute(dialect: DialectId, deps: RoutesRouteDependencies, sightings: UpstreamSightings): DialectRoute {
  const route = deps.routing.kindOf(dialect);
  const configured = route === 'mock' ? undefined : deps.routing.config.routes[dialect];
  return {
    dialect,
    vendor: VENDOR_OF[dialect],
    prefix: VENDOR_PREFIX[VENDOR_OF[dialect]],
    route,
    as: configured ? (configured.as ?? dialect) : null,
    upstream: configured?.upstream ?? null,
    operations: deps.catalogue[dialect].map(({ operation, method, path, inferred }) => ({ operation, method, path, inferred })),
    upstreamHealth: configured ? sightings.of(dialect) : null,
  };
}
