import type { Response } from 'express';
import type { DialectResponse } from '../core/adapter';
import { GatewayError, isGatewayError } from '../core/errors';
import { captureBody } from './captured-body';
import { notesOf } from './exchange-notes';
import type { Logger } from './logger';

/**
 * Writes a dialect's answer straight to the socket: the body is serialised once and sent with its
 * length (Express's `res.json` would re-check the content type, charset and freshness
 * of every answer, which costs a visible share of a small request).
 */
export function sendDialectResponse(res: Response, response: DialectResponse): void {
  if (response.headers) for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  res.statusCode = response.status;
  if (response.body === undefined) {
    res.end();
    return;
  }
  // Encoded once: measuring a string's length and then writing it would each convert it again (a
  // page of labels is a string of several parts, which both would first copy into one).
  const payload = Buffer.from(JSON.stringify(response.body));
  // The journal keeps a reference to these bytes, not a second serialisation.
  notesOf(res).responseBody = captureBody(payload);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', payload.length);
  res.end(payload);
}

/** Any failure as a GatewayError; an unexpected one is logged in full and shown to the client as a plain 500. */
export function asGatewayError(error: unknown, logger: Logger): GatewayError {
  if (isGatewayError(error)) return error;
  logger.error('unexpected error while handling a request', error);
  return new GatewayError('internal', 'An internal error occurred.');
}
