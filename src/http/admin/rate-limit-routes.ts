import type { Response } from 'express';
import { DIALECT_IDS, isDialectId, type DialectId } from '../../core/dialects';
import { checkRateLimit, type DialectRateLimits } from '../../faults/rate-limits';
import { sendAdminError } from './admin-errors';
import { adminRouter, type AdminRouteList } from './route-list';

export const RATE_LIMIT_ROUTES = {
  'GET /rate-limits': 'the rate limits in force, per dialect: { limit, windowSeconds }',
  'GET /rate-limits/:dialect': "one dialect's rate limit",
  'PUT /rate-limits/:dialect': "puts a rate limit in force for the dialect (JSON body: limit, windowSeconds), replacing its old one; every credential's window starts afresh",
  'DELETE /rate-limits': 'lifts every rate limit',
  'DELETE /rate-limits/:dialect': "lifts the dialect's rate limit",
} as const satisfies AdminRouteList;

export interface RateLimitRouteDependencies {
  rateLimits: DialectRateLimits;
}

/**
 * The vendors' rate limits at run time, as `--rate-limit` and `"rateLimits"` set them at start. A
 * limit belongs to the gateway it is given to (as a fault does): on a shared store, give it to every
 * replica that should enforce it; the counts are shared between those that do.
 */
export function rateLimitRoutes({ rateLimits }: RateLimitRouteDependencies) {
  const dialectOf = (value: unknown): DialectId | undefined => (typeof value === 'string' && isDialectId(value) ? value : undefined);
  const unknownDialect = (res: Response, value: unknown) =>
    sendAdminError(res, 404, 'not_found', `"${String(value)}" is not a dialect (use ${DIALECT_IDS.join(', ')}).`);
  const noLimit = (res: Response, dialect: DialectId) => sendAdminError(res, 404, 'not_found', `${dialect} has no rate limit.`);

  return adminRouter(RATE_LIMIT_ROUTES, {
    'GET /rate-limits': (_req, res) => {
      res.json({ rateLimits: rateLimits.list() });
    },
    'GET /rate-limits/:dialect': (req, res) => {
      const dialect = dialectOf(req.params.dialect);
      if (!dialect) return unknownDialect(res, req.params.dialect);
      const limit = rateLimits.get(dialect);
      if (limit) res.json({ dialect, ...limit });
      else noLimit(res, dialect);
    },
    'PUT /rate-limits/:dialect': (req, res) => {
      const dialect = dialectOf(req.params.dialect);
      if (!dialect) return unknownDialect(res, req.params.dialect);
      const checked = checkRateLimit(req.body);
      if (!checked.ok) return sendAdminError(res, 400, 'validation_error', checked.message, { field: checked.field || 'body' });
      rateLimits.set(dialect, checked.limit);
      res.json({ dialect, ...checked.limit });
    },
    'DELETE /rate-limits': (_req, res) => {
      res.json({ status: 'cleared', removed: rateLimits.clear() });
    },
    'DELETE /rate-limits/:dialect': (req, res) => {
      const dialect = dialectOf(req.params.dialect);
      if (!dialect) return unknownDialect(res, req.params.dialect);
      if (rateLimits.remove(dialect)) res.json({ status: 'removed', dialect });
      else noLimit(res, dialect);
    },
  });
}
