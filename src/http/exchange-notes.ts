import type { Response } from 'express';
import type { ContractViolation } from './response-contract';
import type { RouteKind } from './journal';

/** What the pipeline learns about an exchange, kept on `res.locals` for the access log and journal. */
export interface ExchangeNotes {
  dialect?: string;
  route?: RouteKind;
  /** The spec's operationId, once the route matched one. */
  operationId?: string;
  /** `credentialFingerprint()` of the credential as the dialect reads it; never the credential itself. */
  credentialFingerprint?: string;
  /** The armed fault that answered (or delayed) this exchange. */
  faultId?: string;
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
