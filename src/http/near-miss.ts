import type { Response } from 'express';
import { VENDOR_OF, VENDOR_PREFIX } from '../core/dialects';
import type { RouteTable } from '../specs/route-table';
import type { ExchangeNotes } from './exchange-notes';
import type { NearMiss } from './journal';

/** Response header that names the operation a request matching none most likely meant. */
export const HINT_HEADER = 'x-label-gateway-hint';

/** For a request that matched no operation: the nearest one, noted for the journal and told in a header. */
export function noteNearMiss(routes: RouteTable, method: string, path: string, notes: ExchangeNotes, res: Response): void {
  const operation = routes.nearest(method, path);
  if (!operation) return;
  const nearMiss: NearMiss = {
    dialect: operation.dialect,
    operation: operation.operationId,
    method: operation.method.toUpperCase(),
    path: VENDOR_PREFIX[VENDOR_OF[operation.dialect]] + operation.path,
  };
  notes.nearMiss = nearMiss;
  res.setHeader(HINT_HEADER, `did you mean ${nearMiss.method} ${nearMiss.path}?`);
}
