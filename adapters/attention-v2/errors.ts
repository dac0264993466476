import type { DialectResponse } from '../../src/core/adapter';
import { ERROR_CODE, type GatewayError } from '../../src/core/errors';

/** `{"error": {"code": "snake_case", "message", "field"?}}` (inferred: the pages document no error). */
export function renderAttentionV2Error(error: GatewayError): DialectResponse {
  const detail: { code: string; message: string; field?: string } = { code: ERROR_CODE[error.kind], message: error.message };
  if (error.field !== undefined) detail.field = error.field;
  return { status: error.status, headers: error.headers, body: { error: detail } };
}
