import type { CompiledOperation } from '../../specs/compiled-operation';
import { createJsonBodyReader } from '../read-json-body';
import type { VendorExchange } from './exchange';

export type BodyStage = (exchange: VendorExchange, operation: CompiledOperation) => Promise<unknown>;

/**
 * Stage 4, body: the JSON body of an operation that takes one (an operation without a body never
 * reads it). Too large, not JSON or malformed become the dialect's 413 / 415 / 400.
 */
export function bodyStage(limitBytes: number): BodyStage {
  const readJsonBody = createJsonBodyReader(limitBytes);
  return async (exchange, operation) => (operation.body ? readJsonBody(exchange.req, exchange.res) : undefined);
}
