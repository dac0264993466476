import type { NextFunction, Request, Response } from 'express';
import type { DialectAdapter } from '../core/adapter';
import type { LabelBackend, TeamDirectory } from '../core/backend';
import { VENDOR_OF, VENDOR_PREFIX, VENDOR_IDS, type DialectId } from '../core/dialects';
import { GatewayError } from '../core/errors';
import type { Randomness } from '../core/random';
import { asGatewayError, sendDialectResponse } from './send';
import type { TenantResolver } from '../tenancy/tenant-resolver';
import type { RouteTable } from '../specs/route-table';
import { credentialFrom } from './authenticate';
import { createJsonBodyReader } from './read-json-body';
import { checkBody, checkParameters } from './request-validation';
import { checkResponse, VIOLATIONS_HEADER, violationsHeaderValue } from './response-contract';
import type { Logger } from './logger';
import { notesOf, type ExchangeNotes } from './exchange-notes';
import type { PassThrough } from '../proxy/pass-through';
import { translationContext } from '../proxy/translation/exchange-context';

/** Response header naming the fields a translation target could not hold. */
export const LOST_FIELDS_HEADER = 'x-label-gateway-lost-fields';

/** What stands behind a dialect: the mock (or a translating upstream) as a backend, or a pass-through. */
export type DialectServing =
  | { kind: 'mock'; backend: LabelBackend }
  | { kind: 'translation'; backend: LabelBackend }
  | { kind: 'pass-through'; forward: PassThrough };

export interface GatewayDependencies {
  routes: RouteTable;
  adapters: { readonly [D in DialectId]: DialectAdapter };
  serving: { readonly [D in DialectId]: DialectServing };
  teams: TeamDirectory;
  tenants: TenantResolver;
  bodyLimitBytes: number;
  /** Check every response against the spec and report findings in a header and the log. */
  checkResponses: boolean;
  logger: Logger;
  /** Request ids and whatever handlers pick at random (seeded with `--random-seed`). */
  random: Randomness;
}

/**
 * The pipeline every vendor request travels: route → credential → body → spec checks → adapter →
 * backend → adapter → response check. Every failure is rendered in the request's own dialect.
 */
export function createGatewayHandler(deps: GatewayDependencies) {
  const readJsonBody = createJsonBodyReader(deps.bodyLimitBytes);

  return async function handleVendorRequest(req: Request, res: Response, next: NextFunction): Promise<void> {
    const match = deps.routes.match(req.method, req.path);
    if (match.kind === 'unknown_vendor') return next();
    const dialect = match.kind === 'operation' ? match.operation.dialect : match.dialect;
    const serving = deps.serving[dialect];
    const notes = notesOf(res);
    notes.dialect = dialect;
    notes.route = serving.kind;
    const adapter = deps.adapters[dialect];
    const requestId = adapter.newRequestId?.(deps.random);
    if (serving.kind === 'pass-through') return serving.forward.handle(req, res, match, requestId);
    try {
      if (match.kind === 'unknown_path') throw new GatewayError('not_found', `No such endpoint: ${req.method} ${req.path}.`);
      if (match.kind === 'method_not_allowed') {
        throw new GatewayError('method_not_allowed', `${req.method} is not supported on ${req.path}.`, {
          headers: { Allow: match.allowed.join(', ') },
        });
      }
      const { operation } = match;
      const vendor = VENDOR_OF[dialect];
      const credential = credentialFrom(req.headers.authorization, adapter.credentials);
      const tenant = deps.tenants.resolve(vendor, credential);
      if (!tenant) throw new GatewayError('unauthenticated', 'Invalid API key.');
      const body = operation.body ? checkBody(operation, await readJsonBody(req, res)) : undefined;
      const { params, query } = checkParameters(operation, match.params, req.query);
      const { teams, random } = deps;
      const handle = () => adapter.operations[operation.operationId]({ params, query, body, tenant, backend: serving.backend, teams, requestId, random });
      const response = serving.kind === 'translation' ? await translationContext.run({ notes, clientToken: credential }, handle) : await handle();
      if (deps.checkResponses) {
        const violations = checkResponse(operation, response.status, response.body);
        if (violations.length > 0) {
          notes.violations.push(...violations);
          deps.logger.warn(`contract: ${dialect} ${operation.operationId} ${response.status}: ${violations[0].message}`);
        }
      }
      setNoteHeaders(res, notes);
      sendDialectResponse(res, response);
    } catch (error) {
      setNoteHeaders(res, notes);
      sendDialectResponse(res, adapter.renderError(asGatewayError(error, deps.logger), requestId));
    }
  };
}

/** Contract findings and lost fields travel with the response, as warnings rather than errors. */
function setNoteHeaders(res: Response, notes: ExchangeNotes): void {
  if (notes.violations.length > 0) res.setHeader(VIOLATIONS_HEADER, violationsHeaderValue(notes.violations));
  if (notes.lostFields.length > 0) res.setHeader(LOST_FIELDS_HEADER, [...new Set(notes.lostFields)].join(', '));
}

/** The answer for a path under no vendor prefix: a plain JSON 404 that lists the known ones. */
export function unknownVendor(req: Request, res: Response): void {
  res.status(404).json({
    error: 'not_found',
    message: `No vendor is served at ${req.path}.`,
    knownPrefixes: VENDOR_IDS.map((vendor) => VENDOR_PREFIX[vendor]),
  });
}
