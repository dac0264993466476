import type { NextFunction, Request, Response } from 'express';
import type { DialectAdapter } from '../core/adapter';
import type { TeamDirectory } from '../core/backend';
import { VENDOR_PREFIX, VENDOR_IDS, type DialectId } from '../core/dialects';
import type { TestControls } from '../faults/test-controls';
import type { Randomness } from '../core/random';
import type { RouteTable } from '../specs/route-table';
import type { TenantResolver } from '../tenancy/tenant-resolver';
import type { DialectServing } from './dialect-serving';
import type { Logger } from './logger';
import { asGatewayError } from './send';
import { callBackend } from './pipeline/backend';
import { bodyStage } from './pipeline/body';
import { authenticate, observeCredential } from './pipeline/credential';
import type { VendorExchange } from './pipeline/exchange';
import { applyFaultsAndLimits } from './pipeline/faults-and-limits';
import { checkRequest } from './pipeline/request-check';
import { checkAnswer } from './pipeline/response-check';
import { requireOperation, routeExchange } from './pipeline/route';
import { sendAnswer } from './pipeline/send';

export type { DialectServing } from './dialect-serving';
export { LOST_FIELDS_HEADER } from './pipeline/send';

export interface GatewayDependencies {
  routes: RouteTable;
  adapters: { readonly [D in DialectId]: DialectAdapter };
  serving: { readonly [D in DialectId]: DialectServing };
  teams: TeamDirectory;
  tenants: TenantResolver;
  /** What the mock picks at random (ids, request ids, Jasni's colour): seeded with --random-seed. */
  random: Randomness;
  /** Armed faults and rate limits. */
  controls: TestControls;
  /**
   * Runs the backend's work on a view of the state that holds the writes other gateways sharing
   * the store acknowledged (PostgreSQL); with `speculate`, one the database confirms at the work's
   * inserts rather than one caught up first (store/speculation.ts). At once on other stores.
   */
  onCurrentView: <T>(work: () => Promise<T>, speculate: boolean) => Promise<T>;
  bodyLimitBytes: number;
  /** Check every response against the spec and report findings in a header and the log. */
  checkResponses: boolean;
  logger: Logger;
}

/**
 * The pipeline every vendor request travels, one stage per file under `pipeline/`:
 * route → credential → faults and limits → body → request check → backend → response check → send.
 * A pass-through takes the first three, then forwards (so a fault answers before anything goes
 * upstream). Every failure is rendered in the request's own dialect, and checked against its spec
 * like any answer. The faults stage answers a plain `false` when nothing applies, so it is awaited
 * only when it has work: an unarmed gateway pays one test for it, not a promise.
 */
export function createGatewayHandler(deps: GatewayDependencies) {
  const readBody = bodyStage(deps.bodyLimitBytes);

  return async function handleVendorRequest(req: Request, res: Response, next: NextFunction): Promise<void> {
    const exchange = routeExchange(deps, req, res);
    if (!exchange) return next();
    const { serving } = exchange;
    try {
      if (serving.kind === 'pass-through') {
        observeCredential(exchange);
        const broken = applyFaultsAndLimits(exchange, deps.controls);
        if (broken !== false && (broken === true || (await broken))) return;
        return await serving.forward.handle(req, res, exchange.match, exchange.requestId);
      }
      const operation = requireOperation(exchange);
      const tenant = authenticate(exchange, deps.tenants);
      // Awaited only when something applies: faults armed for others leave no extra turn here.
      const broken = applyFaultsAndLimits(exchange, deps.controls);
      if (broken !== false && (broken === true || (await broken))) return;
      const body = await readBody(exchange, operation);
      const request = checkRequest(exchange, operation, body);
      // Only the mock's own writes carry the database's view check; a translation writes the id map.
      const speculate = serving.kind === 'mock' && exchange.adapter.confirmedAtInsert?.has(operation.operationId) === true;
      const response = await deps.onCurrentView(() => callBackend(exchange, serving, operation, request, tenant, deps.teams), speculate);
      if (deps.checkResponses) checkAnswer(exchange, response, deps.logger);
      sendAnswer(exchange, response);
    } catch (error) {
      sendFailure(exchange, error, deps);
    }
  };
}

/** Any failure as the dialect's error answer, checked against the spec like a success. */
function sendFailure(exchange: VendorExchange, error: unknown, deps: GatewayDependencies): void {
  if (exchange.res.headersSent) {
    // Only a failure in the middle of a pass-through's answer gets here: too late to render an error.
    deps.logger.error('failure after the answer had begun', error);
    exchange.res.destroy();
    return;
  }
  const response = exchange.adapter.renderError(asGatewayError(error, deps.logger), exchange.requestId);
  if (deps.checkResponses) checkAnswer(exchange, response, deps.logger);
  sendAnswer(exchange, response);
}

/** The answer for a path under no vendor prefix: a plain JSON 404 that lists the known ones. */
export function unknownVendor(req: Request, res: Response): void {
  res.status(404).json({
    error: 'not_found',
    message: `No vendor is served at ${req.path}.`,
    knownPrefixes: VENDOR_IDS.map((vendor) => VENDOR_PREFIX[vendor]),
  });
}
