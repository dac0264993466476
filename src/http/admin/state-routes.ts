import type { Request, Response } from 'express';
import { DIALECT_IDS, isDialectId, VENDOR_IDS, VENDOR_OF, type DialectId, type VendorId } from '../../core/dialects';
import type { ResetScope } from '../../core/reset-scope';
import { sendAdminError as adminError } from './admin-errors';
import { adminRouter, type AdminRouteList } from './route-list';

export type ReplaceOutcome =
  | { ok: true; form: 'export' | 'seed'; vendors: VendorId[]; tenants: number; labels: number }
  | { ok: false; path: string; reason: string };

/** `POST /__admin/reset`: the query's `dialect` or `vendor`, the body's `credential` (all optional). */
export interface ResetRequest {
  dialect?: DialectId;
  vendor?: VendorId;
  /** An Authorization header value, as the tenant's client sends it. */
  credential?: string;
}

export type ResetOutcome = { ok: true; scope: ResetScope } | { ok: false; field: string; message: string };

/** What the state routes need (src/state/state-service.ts provides it). */
export interface StateControl {
  exportState(vendors: readonly VendorId[]): object;
  /** A state document in either form; invalid → where and why, and nothing changed. */
  replaceState(document: unknown): Promise<ReplaceOutcome>;
  reset(request: ResetRequest): Promise<ResetOutcome>;
}

export const STATE_ROUTES = {
  'GET /state': 'exports the whole state as one JSON document (?dialect= or ?vendor= narrows it)',
  'PUT /state': 'replaces the state with an exported document or a seed, atomically (400 naming the path)',
  'POST /reset': 'empties the store: everything, ?dialect= / ?vendor= one vendor, body {"credential": …} one tenant',
} as const satisfies AdminRouteList;

/**
 * `GET /__admin/state` (export), `PUT /__admin/state` (replace), `POST /__admin/reset` (all, one
 * vendor, or one tenant). Every parameter is checked: an admin route never ignores what it was asked.
 */
export function stateRoutes({ state }: { state: StateControl }) {
  return adminRouter(STATE_ROUTES, {
    'GET /state': (req, res) => {
      const scope = scopeOf(req, res);
      if (!scope) return;
      const vendors = scope.dialect ? [VENDOR_OF[scope.dialect]] : scope.vendor ? [scope.vendor] : VENDOR_IDS;
      res.json(state.exportState(vendors));
    },
    'PUT /state': async (req, res) => {
      const [parameter] = Object.keys(req.query);
      if (parameter !== undefined) {
        const message = `Unknown parameter '${parameter}': a document replaces the vendors (or, as a seed, the tenants) it names.`;
        return adminError(res, 400, 'validation_error', message, { field: parameter });
      }
      if (req.body === undefined) return adminError(res, 400, 'validation_error', 'A state document is required as the JSON body.', { field: 'body' });
      const outcome = await state.replaceState(req.body);
      if (!outcome.ok) {
        const path = outcome.path || '/';
        return adminError(res, 400, 'invalid_state', `${path}: ${outcome.reason}`, { path, reason: outcome.reason });
      }
      const { ok, ...summary } = outcome;
      res.json({ status: 'replaced', ...summary });
    },
    'POST /reset': async (req, res) => {
      const scope = scopeOf(req, res);
      if (!scope) return;
      const credential = credentialOf(req, res);
      if (credential === null) return;
      const outcome = await state.reset({ ...scope, credential });
      if (!outcome.ok) return adminError(res, 400, 'validation_error', outcome.message, { field: outcome.field });
      res.json({ status: 'reset', ...describeScope(outcome.scope) });
    },
  });
}

/** `?dialect=` or `?vendor=` (or both, when they agree); anything else is refused with a 400. */
function scopeOf(req: Request, res: Response): { dialect?: DialectId; vendor?: VendorId } | undefined {
  const scope: { dialect?: DialectId; vendor?: VendorId } = {};
  for (const [name, value] of Object.entries(req.query)) {
    if (name !== 'dialect' && name !== 'vendor') {
      adminError(res, 400, 'validation_error', `Unknown parameter '${name}': this route takes dialect or vendor.`, { field: name });
      return undefined;
    }
    if (typeof value !== 'string') {
      adminError(res, 400, 'validation_error', `${name} must be given once.`, { field: name });
      return undefined;
    }
    if (name === 'dialect' && !isDialectId(value)) {
      adminError(res, 400, 'validation_error', `dialect '${value}' is not a dialect (use ${DIALECT_IDS.join(', ')}).`, { field: name });
      return undefined;
    }
    if (name === 'vendor' && !(VENDOR_IDS as readonly string[]).includes(value)) {
      adminError(res, 400, 'validation_error', `vendor '${value}' is not a vendor (use ${VENDOR_IDS.join(', ')}).`, { field: name });
      return undefined;
    }
    if (name === 'dialect') scope.dialect = value as DialectId;
    else scope.vendor = value as VendorId;
  }
  if (scope.dialect && scope.vendor && VENDOR_OF[scope.dialect] !== scope.vendor) {
    adminError(res, 400, 'validation_error', `dialect '${scope.dialect}' is not a dialect of vendor '${scope.vendor}'.`, { field: 'vendor' });
    return undefined;
  }
  return scope;
}

/** The reset body: none, or `{"credential": "<Authorization header value>"}`; null when refused. */
function credentialOf(req: Request, res: Response): string | undefined | null {
  const body: unknown = req.body;
  if (body === undefined) return undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    adminError(res, 400, 'validation_error', 'The body must be a JSON object: {"credential": "<Authorization header value>"}.', { field: 'body' });
    return null;
  }
  const { credential, ...rest } = body as Record<string, unknown>;
  const [unknown] = Object.keys(rest);
  if (unknown !== undefined) {
    adminError(res, 400, 'validation_error', `Unknown field '${unknown}': the body takes credential only.`, { field: unknown });
    return null;
  }
  if (credential === undefined) return undefined;
  if (typeof credential !== 'string' || credential.trim() === '') {
    const message = 'credential must be the Authorization header value a tenant sends (a non-empty string).';
    adminError(res, 400, 'validation_error', message, { field: 'credential' });
    return null;
  }
  return credential;
}

/** What a reset answers: the vendors it emptied, and for one tenant its fingerprint in each (never the credential). */
function describeScope(scope: ResetScope): { vendors: readonly VendorId[]; tenant?: Readonly<Partial<Record<VendorId, string>>> } {
  if (scope.kind === 'everything') return { vendors: VENDOR_IDS };
  if (scope.kind === 'vendors') return { vendors: scope.vendors };
  return { vendors: scope.vendors, tenant: scope.fingerprints };
}
