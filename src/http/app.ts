import { createServer, IncomingMessage, ServerResponse, type Server } from 'node:http';
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
 * The gateway's HTTP server: the Express app, except that a vendor request under its prefix
 * (`/kirim/…`) goes straight down the app's own middleware list, without Express's router: no layer
 * but those can match such a path (the admin surface is mounted on `/__admin`), and the router's
 * matching, parameter and `next` bookkeeping were a tenth of a create's busy time.
 *
 * Its requests and responses are born Express's: their classes' prototypes are the app's request
 * and response, so a vendor request needs no `Object.setPrototypeOf` (Express's app.handle swaps the
 * prototype of every request and response; on this machine, the swap alone cost a bare node:http
 * server ~70-100 µs of CPU per request, more than any stage of the pipeline). With CORS on, and for
 * OPTIONS (the router has its own default answer), every request goes through Express as before.
 */
export function createGatewayServer(gateway: GatewayDependencies, admin: AdminDependencies, options: Options = {}): Server {
  const handleVendorRequest = createGatewayHandler(gateway);
  const recordExchange = recordExchanges(gateway.logger, admin.journal);
  const app = buildApp(gateway, admin, options, handleVendorRequest, recordExchange);
  const classes = { IncomingMessage: expressRequestClass(app), ServerResponse: expressResponseClass(app) };
  if (options.cors) return createServer(classes, app);
  const failed = lastResort(gateway.logger);

  return createServer(classes, function serve(req: IncomingMessage, res: ServerResponse): void {
    if (!underVendorPrefix(req)) return void app(req, res);
    // What Express's app.handle and router.handle add before the first middleware (the prototypes are already its own).
    const request = req as Request;
    const response = res as Response;
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
  });
}

/** node:http's request class, its instances inheriting from the app's Express request (`app.request`). */
function expressRequestClass(app: express.Express): typeof IncomingMessage {
  class ExpressRequest extends IncomingMessage {}
  Object.setPrototypeOf(ExpressRequest.prototype, app.request);
  return ExpressRequest;
}

/** node:http's response class, its instances inheriting from the app's Express response (`app.response`). */
function expressResponseClass(app: express.Express): typeof ServerResponse {
  class ExpressResponse extends ServerResponse {}
  Object.setPrototypeOf(ExpressResponse.prototype, app.response);
  // node:http types the class as generic in its request type; this one serves the class above.
  return ExpressResponse as typeof ServerResponse;
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
