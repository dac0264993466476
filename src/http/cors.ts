import cors from 'cors';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { DialectId } from '../core/dialects';
import type { RouteTable } from '../specs/route-table';
import { notesOf } from './exchange-notes';
import type { RouteKind } from './journal';
import { VIOLATIONS_HEADER } from './response-contract';

/** CORS for browser apps calling the mocked APIs (`--cors`, `cors` in the config, or startGateway's `cors`). */
export interface CorsSettings {
  /** Origins allowed to call, e.g. `https://app.example`; `*` (the default) allows any. */
  origins?: string[];
  /**
   * Also answer for dialects served by an upstream (pass-through or translation). Off by default:
   * the real vendor decides whether a browser may call it, and a mock that allows more than the vendor
   * would hide that until production.
   */
  proxied?: boolean;
}

/** `*`, or a scheme, host and optional port with nothing after them (what a browser sends as `Origin`). */
export const ORIGIN_PATTERN = '^(\\*|https?://[^/\\s?#]+)$';
const ORIGIN = new RegExp(ORIGIN_PATTERN);

export class CorsSettingsError extends Error {
  override name = 'CorsSettingsError';
}

/** `true` or a settings object as given by a caller, checked; `undefined` when CORS is off. */
export function corsSettingsOf(value: boolean | CorsSettings | undefined, where: string): Required<CorsSettings> | undefined {
  if (value === undefined || value === false) return undefined;
  const settings = value === true ? {} : value;
  const origins = settings.origins ?? ['*'];
  if (origins.length === 0) throw new CorsSettingsError(`${where}: cors.origins is empty (leave it out to allow any origin)`);
  const wrong = origins.find((origin) => !ORIGIN.test(origin));
  if (wrong !== undefined) throw new CorsSettingsError(`${where}: "${wrong}" is not an origin (expected * or e.g. https://app.example, without a path)`);
  return { origins, proxied: settings.proxied ?? false };
}

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
