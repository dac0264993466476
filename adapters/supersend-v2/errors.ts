import type { DialectResponse } from '../../src/core/adapter';
import { ERROR_CODE, type GatewayError } from '../../src/core/errors';

/** `{"success": false, "error": {"code": "UPPER_SNAKE", "message"}, "request_id"}` (inferred). */
export function renderSuperSendV2Error(error: GatewayError, requestId?: string): DialectResponse {
  return {
    status: error.status,
    headers: error.headers,
    body: { success: false, error: { code: ERROR_CODE[error.kind].toUpperCase(), message: error.message }, request_id: requestId },
  };
}
