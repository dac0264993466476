/**
 * The single table of error kinds. Handlers throw a GatewayError; the error middleware asks the
 * request's dialect to render it, so every failure reaches the client in its own envelope.
 */
export const ERROR_STATUS = {
  validation: 400,
  malformed_json: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  not_implemented: 501,
  upstream_unavailable: 502,
  upstream_invalid: 502,
  service_unavailable: 503,
  upstream_timeout: 504,
  /** A 4xx with no kind of its own (an injected fault's 418): the status comes with the error. */
  client_error: 400,
  /** A 5xx with no kind of its own (an injected fault's 507): the status comes with the error. */
  server_error: 500,
} as const;

export type ErrorKind = keyof typeof ERROR_STATUS;

/** The code each kind carries in dialects whose envelopes have one (snake_case; SuperSend upper-cases it). */
export const ERROR_CODE: { readonly [K in ErrorKind]: string } = {
  validation: 'validation_error',
  malformed_json: 'invalid_json',
  unauthenticated: 'unauthorized',
  forbidden: 'forbidden',
  not_found: 'not_found',
  method_not_allowed: 'method_not_allowed',
  conflict: 'already_exists',
  payload_too_large: 'payload_too_large',
  unsupported_media_type: 'unsupported_media_type',
  unprocessable: 'unprocessable_entity',
  rate_limited: 'rate_limited',
  internal: 'internal_error',
  not_implemented: 'not_implemented',
  upstream_unavailable: 'upstream_unavailable',
  upstream_invalid: 'upstream_invalid_response',
  service_unavailable: 'service_unavailable',
  upstream_timeout: 'upstream_timeout',
  client_error: 'client_error',
  server_error: 'server_error',
};

/** Where an error was decided: by the gateway itself, or passed on from an upstream vendor. */
export type ErrorSource = 'gateway' | 'upstream';

/** For validation errors: whether the field was missing or present with a bad value. */
export type ValidationReason = 'missing' | 'invalid';

export interface GatewayErrorDetails {
  /** The request field at fault, in the caller's own naming (`team_id`, `name`). */
  field?: string;
  reason?: ValidationReason;
  source?: ErrorSource;
  /** Extra response headers, such as `Allow` or `Retry-After`. */
  headers?: Record<string, string>;
  /** Only for `client_error` (4xx) and `server_error` (5xx): the exact status. */
  status?: number;
}

export class GatewayError extends Error {
  readonly status: number;
  readonly field?: string;
  readonly reason?: ValidationReason;
  readonly source: ErrorSource;
  readonly headers: Record<string, string>;

  constructor(
    readonly kind: ErrorKind,
    message: string,
    details: GatewayErrorDetails = {},
  ) {
    super(message);
    this.name = 'GatewayError';
    this.status = (kind === 'client_error' || kind === 'server_error') && details.status !== undefined ? details.status : ERROR_STATUS[kind];
    this.field = details.field;
    this.reason = details.reason;
    this.source = details.source ?? 'gateway';
    this.headers = details.headers ?? {};
  }
}

export const validationError = (field: string, message: string, reason: ValidationReason = 'invalid'): GatewayError =>
  new GatewayError('validation', message, { field, reason });

export const notFound = (what = 'Label'): GatewayError => new GatewayError('not_found', `${what} not found.`);

export function isGatewayError(value: unknown): value is GatewayError {
  return value instanceof GatewayError;
}
