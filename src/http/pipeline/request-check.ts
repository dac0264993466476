import type { CompiledOperation } from '../../specs/compiled-operation';
import { checkBody, checkParameters } from '../request-validation';
import type { VendorExchange } from './exchange';

export interface CheckedRequest {
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
}

/** Stage 5, request check: parameters and body against the operation's spec (coerced, trimmed, defaults filled). */
export function checkRequest(exchange: VendorExchange, operation: CompiledOperation, rawBody: unknown): CheckedRequest {
  const body = operation.body ? checkBody(operation, rawBody) : undefined;
  const match = exchange.match.kind === 'operation' ? exchange.match.params : {};
  const { params, query } = checkParameters(operation, match, exchange.req.query);
  return { params, query, body };
}
