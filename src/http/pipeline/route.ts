import type { Request, Response } from 'express';
import type { DialectAdapter } from '../../core/adapter';
import type { DialectId } from '../../core/dialects';
import type { Randomness } from '../../core/random';
import { GatewayError } from '../../core/errors';
import type { CompiledOperation } from '../../specs/compiled-operation';
import type { RouteTable } from '../../specs/route-table';
import type { DialectServing } from '../dialect-serving';
import { fingerprintOfHeader } from '../authenticate';
import { notesOf } from '../exchange-notes';
import { noteNearMiss } from '../near-miss';
import type { VendorExchange } from './exchange';

export interface RouteDependencies {
  routes: RouteTable;
  adapters: { readonly [D in DialectId]: DialectAdapter };
  serving: { readonly [D in DialectId]: DialectServing };
  random: Randomness;
}

/**
 * Stage 1, route: which dialect and operation the request is for, and what serves it. Undefined for
 * a path under no vendor's prefix (the next middleware answers that).
 */
export function routeExchange(deps: RouteDependencies, req: Request, res: Response): VendorExchange | undefined {
  const match = deps.routes.match(req.method, req.path);
  if (match.kind === 'unknown_vendor') return undefined;
  const operation = match.kind === 'operation' ? match.operation : undefined;
  const dialect = match.kind === 'operation' ? match.operation.dialect : match.dialect;
  const serving = deps.serving[dialect];
  const adapter = deps.adapters[dialect];
  const notes = notesOf(res);
  notes.dialect = dialect;
  notes.route = serving.kind;
  // Noted for every request the vendor's prefix reaches, served or not: the journal says who asked what.
  notes.credentialFingerprint = fingerprintOfHeader(req.headers.authorization, adapter.credentials);
  if (operation) notes.operationId = operation.operationId;
  else noteNearMiss(deps.routes, req.method, req.path, notes, res);
  return { req, res, notes, dialect, adapter, serving, match, operation, random: deps.random, requestId: adapter.newRequestId?.(deps.random) };
}

/** The matched operation, or the dialect's 404 / 405 for a path or method its spec does not have. */
export function requireOperation(exchange: VendorExchange): CompiledOperation {
  const { match, req } = exchange;
  if (match.kind === 'operation') return match.operation;
  if (match.kind === 'method_not_allowed') {
    throw new GatewayError('method_not_allowed', `${req.method} is not supported on ${req.path}.`, { headers: { Allow: match.allowed.join(', ') } });
  }
  throw new GatewayError('not_found', `No such endpoint: ${req.method} ${req.path}.`);
}
