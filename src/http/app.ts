import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { VENDOR_IDS, VENDOR_PREFIX } from '../core/dialects';
import { recordExchanges } from './access-log';
import { ADMIN_PREFIX, adminRoutes, type AdminDependencies } from './admin';
import { createGatewayHandler, unknownVendor, type GatewayDependencies } from './gateway-handler';
import { hostRouting } from './host-routing';
import { corsForVendors } from './cors';
import type { CorsSettings } from './cors-settings';
import type { Logger } from './logger';

type Options = { cors?: Required<CorsSettings> };

/**
 * What the gateway's server runs for each request: the Express app, except that a vendor request
 * under its prefix (`/kirim/…`) goes straight down the app's own middleware list, without Express's
 * router: no layer but those can match such a path (the admin surface is mounted on `/__admin`), and
 * the router's matching, parameter and `next` bookkeeping were a tenth of a create's busy time. The
 * request and response are set up as Express sets them up, so every handler sees the same objects.
 * With CORS on, and for OPTIONS (the router has its own default answer), every request goes through
 * Express as before.
 */
export function createRequestListener(gateway: GatewayDependencies, admin: AdminDependencies, options: Options = {}): RequestListener {
  const handleVendorRequest = createGatewayHandler(gateway);
  const recordExchange = recordExchanges(gateway.logger, admin.journal);
  const app = buildApp(gateway, admin, options, handleVendorRequest, recordExchange);
  if (options.cors) return app;
  const failed = lastResort(gateway.logger);

  return function serve(req: IncomingMessage, res: ServerResponse): void {
    if (!underVendorPrefix(req)) return void app(req, res);
    // As Express's app.handle and router.handle prepare an exchange before its first middleware.
    const request = Object.setPrototypeOf(req, app.request) as Request;
    const response = Object.setPrototypeOf(res, app.response) as Response;
    request.res = response;
    response.req = request;
    response.locals = Object.create(null) as Response['locals'];
    request.originalUrl = request.url;
    request.baseUrl = '';
    const fail = (error: unknown): void => failed(error, request, response, ignore);
    try {
      recordExchange(request, response, () =>
        hostRouting(request, response, () => {
          handleVendorRequest(request, response, () => unknownVendor(request, response)).catch(fail);
        }),
      );
    } catch (error) {
      fail(error);
    }
  };
}

function buildApp(
  gateway: GatewayDependencies,
  admin: AdminDependencies,
  options: Options,
  handleVendorRequest: ReturnType<typeof createGatewayHandler>,
  recordExchange: ReturnType<typeof recordExchanges>,
): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(recordExchange);
  app.use(hostRouting);
  // Mounted on its prefix, so vendor requests pass it with one prefix test, not one per admin route.
  app.use(ADMIN_PREFIX, adminRoutes(admin));
  // After the admin surface, so it never carries CORS headers.
  if (options.cors) app.use(corsForVendors(options.cors, gateway.routes, (dialect) => gateway.serving[dialect].kind));
  app.use(handleVendorRequest);
  app.use(unknownVendor);
  app.use(lastResort(gateway.logger));
  return app;
}

/** Last resort for failures outside the vendor pipeline (which renders its own errors). */
function lastResort(logger: Logger) {
  return (error: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    logger.error('unexpected error outside the vendor pipeline', error);
    if (!res.headersSent) res.status(500).json({ error: 'internal', message: 'An internal error occurred.' });
  };
}

const ignore = (): void => {};

const VENDOR_PATHS = VENDOR_IDS.map((vendor) => `${VENDOR_PREFIX[vendor]}/`);

/** A request for a path under a vendor's prefix, as written (case and all), other than a preflight. */
function underVendorPrefix(req: IncomingMessage): boolean {
  const url = req.url;
  if (url === undefined || req.method === 'OPTIONS') return false;
  for (const prefix of VENDOR_PATHS) if (url.startsWith(prefix)) return true;
  return false;
}
