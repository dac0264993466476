import type { Response } from 'express';
import type { CapturedBody } from './captured-body';
import type { ContractViolation } from './response-contract';
import type { NearMiss, RouteKind } from './journal';
import type { NetworkFault } from '../faults/fault-definition';

/** What the pipeline learns about an exchange, kept on `res.locals` for the access log and journal. */
export interface ExchangeNotes {
  dialect?: string;
  route?: RouteKind;
  /** The spec's operationId the request matched. */
  operationId?: string;
  /** `credentialFingerprint()` of the request's credential; the credential itself is never noted. */
  credentialFingerprint?: string;
  /** For a request that matched no operation: the closest one. */
  nearMiss?: NearMiss;
  requestBody?: CapturedBody;
  responseBody?: CapturedBody;
  /** The armed fault that answered, delayed or broke this exchange. */
  faultId?: string;
  /** How a network fault broke the connection, and the status line it sent first (`malformed` only). */
  brokenConnection?: { fault: NetworkFault; status: number | null };
  upstreamStatus?: number;
  violations: ContractViolation[];
  lostFields: string[];
}

export function notesOf(res: Response): ExchangeNotes {
  let notes = res.locals.exchange as ExchangeNotes | undefined;
  if (!notes) {
    notes = { violations: [], lostFields: [] };
    res.locals.exchange = notes;
  }
  return notes;
}
