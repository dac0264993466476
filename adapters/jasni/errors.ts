import type { DialectResponse } from '../../src/core/adapter';
import type { GatewayError } from '../../src/core/errors';

/**
 * `{"success": false, "error": "<sentence>"}` (inferred: the page shows no error). The envelope has no
 * code, so every ErrorKind is told apart by its status alone, and the sentence names the field.
 */
export function renderJasniError(error: GatewayError): DialectResponse {
  return {
    status: error.status,
    headers: error.headers,
    body: { success: false, error: error.message },
  };
}
