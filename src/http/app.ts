import express, { type NextFunction, type Request, type Response } from 'express';
import { recordExchanges } from './access-log';
import { ADMIN_PREFIX, adminRoutes, type AdminDependencies } from './admin';
import { createGatewayHandler, unknownVendor, type GatewayDependencies } from './gateway-handler';
import { hostRouting } from './host-routing';
import { corsForVendors } from './cors';
import type { CorsSettings } from './cors-settings';

export function createApp(gateway: GatewayDependencies, admin: AdminDependencies, options: { cors?: Required<CorsSettings> } = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(recordExchanges(gateway.logger, admin.journal));
  app.use(hostRouting);
  // Mounted on its prefix, so vendor requests pass it with one prefix test, not one per admin route.
  app.use(ADMIN_PREFIX, adminRoutes(admin));
  // After the admin surface, so it never carries CORS headers.
  if (options.cors) app.use(corsForVendors(options.cors, gateway.routes, (dialect) => gateway.serving[dialect].kind));
  app.use(createGatewayHandler(gateway));
  app.use(unknownVendor);
  // Last resort for failures outside the vendor pipeline (which renders its own errors).
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    gateway.logger.error('unexpected error outside the vendor pipeline', error);
    if (!res.headersSent) res.status(500).json({ error: 'internal', message: 'An internal error occurred.' });
  });
  return app;
}
