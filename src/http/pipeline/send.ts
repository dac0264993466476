import type { Response } from 'express';
import type { DialectResponse } from '../../core/adapter';
import type { ExchangeNotes } from '../exchange-notes';
import { VIOLATIONS_HEADER, violationsHeaderValue } from '../response-contract';
import { sendDialectResponse } from '../send';
import type { VendorExchange } from './exchange';

/** Response header naming the fields a translation target could not hold. */
export const LOST_FIELDS_HEADER = 'x-label-gateway-lost-fields';

/** Stage 8, send: the dialect's answer, with the exchange's findings and lost fields as headers. */
export function sendAnswer(exchange: VendorExchange, response: DialectResponse): void {
  setNoteHeaders(exchange.res, exchange.notes);
  sendDialectResponse(exchange.res, response);
}

/** Contract findings and lost fields travel with the response, as warnings rather than errors. */
function setNoteHeaders(res: Response, notes: ExchangeNotes): void {
  if (notes.violations.length > 0) res.setHeader(VIOLATIONS_HEADER, violationsHeaderValue(notes.violations));
  if (notes.lostFields.length > 0) res.setHeader(LOST_FIELDS_HEADER, [...new Set(notes.lostFields)].join(', '));
}
