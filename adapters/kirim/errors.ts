import type { DialectResponse } from '../../src/core/adapter';
import { ERROR_CODE, type GatewayError } from '../../src/core/errors';
import { newKirimRequestId } from './mappers';

export type KirimErrorType = 'invalid_request_error' | 'authentication_error' | 'rate_limit_error' | 'api_error';

/** The error class of a status (inferred: the page's examples all say invalid_request_error, a copy-paste). */
export function kirimErrorType(status: number): KirimErrorType {
  if (status === 401) return 'authentication_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'api_error';
  return 'invalid_request_error';
}

/** Kirim tells a missing parameter from a bad one, and reports a duplicate name as a bad value [D]. */
export function kirimErrorCode(error: GatewayError): string {
  switch (error.kind) {
    case 'validation':
      return error.reason === 'missing' ? 'parameter_missing' : 'invalid_field_value';
    case 'conflict':
      return 'invalid_field_value';
    case 'not_found':
      return 'resource_missing';
    default:
      return ERROR_CODE[error.kind];
  }
}

/** A duplicate name is a 400 in Kirim, not the 409 other vendors answer (the page says invalid_field_value). */
export function kirimErrorStatus(error: GatewayError): number {
  return error.kind === 'conflict' ? 400 : error.status;
}

/** `{"error": {"type", "code", "message", "param"?, "request_id"}}`, the page's envelope. */
export function renderKirimError(error: GatewayError, requestId: string = newKirimRequestId()): DialectResponse {
  const status = kirimErrorStatus(error);
  return {
    status,
    headers: error.headers,
    body: {
      error: {
        type: kirimErrorType(status),
        code: kirimErrorCode(error),
        message: error.message,
        ...(error.field !== undefined && { param: error.field }),
        request_id: requestId,
      },
    },
  };
}
