import type { Response } from 'express';
import type { DialectResponse } from '../core/adapter';
import { GatewayError, isGatewayError } from '../core/errors';
import type { Logger } from './logger';

export function sendDialectResponse(res: Response, response: DialectResponse): void {
  if (response.headers) res.set(response.headers);
  res.status(response.status).json(response.body);
}

/** Any failure as a GatewayError; an unexpected one is logged in full and shown to the client as a plain 500. */
export function asGatewayError(error: unknown, logger: Logger): GatewayError {
  if (isGatewayError(error)) return error;
  logger.error('unexpected error while handling a request', error);
  return new GatewayError('internal', 'An internal error occurred.');
}
