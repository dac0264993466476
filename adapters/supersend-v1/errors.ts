import type { DialectResponse } from '../../src/core/adapter';
import type { GatewayError } from '../../src/core/errors';

/** `{"success": false, "message": "<sentence>"}` (inferred); v1 answers carry no request id. */
export function renderSuperSendV1Error(error: GatewayError): DialectResponse {
  return { status: error.status, headers: error.headers, body: { success: false, message: error.message } };
}
