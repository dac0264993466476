import { Router, type RequestHandler } from 'express';
import { ADMIN_PREFIX } from './prefix';

export type AdminMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One family's routes, `'GET /requests'` (path under ADMIN_PREFIX, in Express's form: `/faults/:id`)
 * → what it does. This list is the only place a route is named: the router is built from it, and
 * the admin 404, `--help` and the README's table read it.
 */
export type AdminRouteList = Readonly<Record<`${AdminMethod} /${string}`, string>>;

export interface AdminRouteInfo {
  method: AdminMethod;
  /** The full path: `/__admin/requests`. */
  path: string;
  summary: string;
}

/**
 * A router with exactly the listed routes: the handlers are keyed by the same strings, so a listed
 * route without a handler, or a handler for a route not listed, does not compile.
 */
export function adminRouter<List extends AdminRouteList>(routes: List, handlers: { readonly [Key in keyof List]: RequestHandler }): Router {
  const router = Router();
  for (const key of Object.keys(routes) as Array<keyof List & string>) {
    const { method, path } = parseRouteKey(key);
    router[method.toLowerCase() as Lowercase<AdminMethod>](path, handlers[key]);
  }
  return router;
}

export function describeAdminRoutes(...families: AdminRouteList[]): AdminRouteInfo[] {
  return families.flatMap((family) =>
    Object.entries(family).map(([key, summary]) => {
      const { method, path } = parseRouteKey(key);
      return { method, path: ADMIN_PREFIX + path, summary };
    }),
  );
}

/** The methods the list serves on `path` (a full path), for a 405 and its `Allow` header. */
export function methodsServedAt(routes: readonly AdminRouteInfo[], path: string): AdminMethod[] {
  const segments = trimSlash(path).split('/');
  return routes.filter((route) => samePattern(route.path.split('/'), segments)).map((route) => route.method);
}

function samePattern(pattern: string[], segments: string[]): boolean {
  return pattern.length === segments.length && pattern.every((part, position) => (part.startsWith(':') ? segments[position].length > 0 : part === segments[position]));
}

function parseRouteKey(key: string): { method: AdminMethod; path: string } {
  const space = key.indexOf(' ');
  return { method: key.slice(0, space) as AdminMethod, path: key.slice(space + 1) };
}

function trimSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
