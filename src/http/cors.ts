import cors from 'cors';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { DialectId } from '../core/dialects';
import type { RouteTable } from '../specs/route-table';
import { notesOf } from './exchange-notes';
import type { RouteKind } from './journal';
import { VIOLATIONS_HEADER } from './response-contract';
import type { CorsSettings } from './cors-settings';

/** Headers of the gateway's own that a browser app may read from an answer. */
const EXPOSED_HEADERS = [VIOLATIONS_HEADER, 'x-label-gateway-lost-fields', 'Retry-After', 'Allow'];

/**
 * Answers preflights and adds the CORS headers on vendor paths whose dialect is mocked (and, with
 * `proxied`, on those served by an upstream). Never on `/__admin`: the admin surface can reset the
 * store, and a web page must not be able to reach it from the browser of someone running the gateway.
 * Requested headers (`Authorization` included) are allowed as asked, so every vendor's scheme works.
 */
export function corsForVendors(settings: Required<CorsSettings>, routes: RouteTable, servedBy: (dialect: DialectId) => RouteKind): RequestHandler {
  const withCors = cors({
    origin: settings.origins.includes('*') ? '*' : settings.origins,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
  return function corsForVendor(req: Request, res: Response, next: NextFunction): void {
    const match = routes.match('GET', req.path);
    if (match.kind === 'unknown_vendor') return next();
    const dialect = match.kind === 'operation' ? match.operation.dialect : match.dialect;
    const route = servedBy(dialect);
    if (route !== 'mock' && !settings.proxied) return next();
    if (req.method === 'OPTIONS') Object.assign(notesOf(res), { dialect, route });
    withCors(req, res, next);
  };
}
