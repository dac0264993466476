import type { DialectResponse } from '../../core/adapter';
import type { TeamDirectory } from '../../core/backend';
import type { Tenant } from '../../core/tenant';
import type { CompiledOperation } from '../../specs/compiled-operation';
import type { BackendServing } from '../dialect-serving';
import type { VendorExchange } from './exchange';
import type { CheckedRequest } from './request-check';

/**
 * Stage 6, backend: the dialect's adapter turns the checked request into canonical calls on the
 * backend (mock or translating upstream) and their result into the dialect's answer. The backend
 * runs inside its own per-exchange context; the pipeline does not know what that holds.
 */
export function callBackend(
  exchange: VendorExchange,
  serving: BackendServing,
  operation: CompiledOperation,
  request: CheckedRequest,
  tenant: Tenant,
  teams: TeamDirectory,
): Promise<DialectResponse> {
  const handle = exchange.adapter.operations[operation.operationId];
  // A literal, not a spread of `request`: one object of a known shape per exchange.
  const call = { params: request.params, query: request.query, body: request.body, tenant, backend: serving.backend, teams, requestId: exchange.requestId, random: exchange.random };
  return serving.run({ notes: exchange.notes, credential: exchange.credential ?? '' }, () => handle(call));
}
