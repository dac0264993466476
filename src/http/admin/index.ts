import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { DialectId } from '../../core/dialects';
import { isGatewayError } from '../../core/errors';
import type { FaultRegistry } from '../../faults/fault-registry';
import type { DialectRateLimits } from '../../faults/rate-limits';
import type { Store } from '../../store/store';
import type { Journal } from '../journal';
import type { Logger } from '../logger';
import { sendAdminError } from './admin-errors';
import { EVENT_ROUTES, eventRoutes } from './event-routes';
import { FAULT_ROUTES, faultsRoutes } from './faults-routes';
import { RATE_LIMIT_ROUTES, rateLimitRoutes } from './rate-limit-routes';
import type { ExchangeEvents } from './event-stream';
import type { AdminAccess } from './exposure';
import { adminGuard, isJsonMediaType } from './guard';
import { HEALTH_ROUTES, healthRoutes } from './health-routes';
import { JOURNAL_ROUTES, journalRoutes } from './journal-routes';
import { STATE_ROUTES, stateRoutes, type StateControl } from './state-routes';
import { COVERAGE_ROUTES, coverageRoutes, type CoverageRouteDependencies } from './coverage-routes';
import { ROUTES_ROUTES, routesRoutes, type RoutingSettings } from './routes-routes';
import { browserLogin } from './ui-login';
import { UI_ROUTES, uiRoutes } from './ui-routes';
import { describeAdminRoutes, methodsServedAt, type AdminRouteInfo } from './route-list';

export { ADMIN_PREFIX } from './prefix';

export interface AdminDependencies {
  dialects: readonly DialectId[];
  /** The state: its engine (for health), and the catch-up every state route waits for first. */
  store: Pick<Store, 'engine' | 'catchUp'>;
  journal: Journal;
  faults: FaultRegistry;
  /** The rate limits in force (`/rate-limits`). */
  rateLimits: DialectRateLimits;
  events: ExchangeEvents;
  /** Every operationId the specs define. */
  operations: ReadonlySet<string>;
  access: AdminAccess;
  logger: Logger;
  /** Export, import, seed and reset (`/state`, `/reset`). */
  state: StateControl;
  /** What the traffic exercised (`/coverage`): CoveredJournal's tally. */
  coverage: CoverageRouteDependencies['coverage'];
  /** The served operations and their listed statuses (`/coverage`, `/routes`). */
  catalogue: CoverageRouteDependencies['catalogue'];
  /** How each dialect is served (`/routes`). */
  routing: RoutingSettings;
}

/** Every admin route, in one list: the 404 below, `--help` and the README read it. */
export const ADMIN_ROUTES: readonly AdminRouteInfo[] = describeAdminRoutes(HEALTH_ROUTES, JOURNAL_ROUTES, EVENT_ROUTES, FAULT_ROUTES, RATE_LIMIT_ROUTES, STATE_ROUTES, COVERAGE_ROUTES, ROUTES_ROUTES, UI_ROUTES);

/** Admin bodies may be whole state documents (100,000 labels are about 35 MB of JSON). */
const ADMIN_BODY_LIMIT = '128mb';

/** The gateway's own surface, apart from the mocked APIs (as WireMock keeps `/__admin`); mounted at ADMIN_PREFIX. */
export function adminRoutes(deps: AdminDependencies): Router {
  const router = Router();
  // A browser presents the token as a Basic password (the dashboard); the guard then checks it as any other.
  router.use(browserLogin(deps.access));
  router.use(adminGuard(deps.access));
  // The guard has already refused a changing request whose body is not JSON.
  router.use(express.json({ limit: ADMIN_BODY_LIMIT, type: (req) => isJsonMediaType(req.headers['content-type']) }));
  router.use(healthRoutes(deps), journalRoutes(deps), eventRoutes(deps), faultsRoutes(deps), rateLimitRoutes(deps), coverageRoutes(deps), routesRoutes(deps), uiRoutes(), caughtUp(deps.store), stateRoutes(deps));
  router.use(unknownAdminRoute);
  router.use(adminFailure(deps.logger));
  return router;
}

/** Never the vendor 404: an admin path that is not a route is told which ones are. */
function unknownAdminRoute(req: Request, res: Response): void {
  const path = req.originalUrl.split('?')[0];
  const allowed = methodsServedAt(ADMIN_ROUTES, path);
  if (allowed.length > 0) {
    res.setHeader('Allow', allowed.join(', '));
    return sendAdminError(res, 405, 'method_not_allowed', `${req.method} is not supported on ${path}.`, { allowed });
  }
  sendAdminError(res, 404, 'not_found', `No admin route ${req.method} ${path}.`, {
    routes: ADMIN_ROUTES.map(({ method, path: routePath, summary }) => ({ method, path: routePath, summary })),
  });
}

/** The state routes read and write the store: first, every write other gateways sharing it made. */
function caughtUp(store: Pick<Store, 'catchUp'>) {
  return function catchUpFirst(_req: Request, res: Response, next: NextFunction): void {
    const catchingUp = store.catchUp();
    if (!catchingUp) return next();
    catchingUp.then(
      () => next(),
      () => sendAdminError(res, 503, 'service_unavailable', 'The database cannot be reached; try again shortly.'),
    );
  };
}

function adminFailure(logger: Logger) {
  return function renderAdminFailure(error: unknown, _req: Request, res: Response, _next: NextFunction): void {
    if (res.headersSent) {
      res.end();
      return;
    }
    const type = (error as { type?: string }).type;
    if (type === 'entity.parse.failed') return sendAdminError(res, 400, 'validation_error', 'The request body is not valid JSON.', { field: 'body' });
    if (type === 'entity.too.large') return sendAdminError(res, 413, 'payload_too_large', `The request body is larger than ${ADMIN_BODY_LIMIT}.`, { field: 'body' });
    if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
      return sendAdminError(res, 415, 'unsupported_media_type', (error as Error).message, { field: 'body' });
    }
    if (isGatewayError(error) && error.kind === 'service_unavailable') {
      return sendAdminError(res, 503, 'service_unavailable', 'The database cannot be reached; try again shortly.');
    }
    logger.error('unexpected error in an admin route', error);
    sendAdminError(res, 500, 'internal', 'An internal error occurred.');
  };
}
