/**
 * The single table of error kinds. Handlers throw a GatewayError; the error middleware asks the
 * request's dialect to render it, so every failure reaches the client in its own envelope.
 */
export const ERROR_STATUS = {
  validation: 400,
  malformed_json: 400,
  unauthenticated: 401,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  not_implemented: 501,
  upstream_unavailable: 502,
  upstream_invalid: 502,
  upstream_timeout: 504,
} as const;

export type ErrorKind = keyof typeof ERROR_STATUS;

/** Where an error was decided: by the gateway itself, or passed on from an upstream vendor. */
export type ErrorSource = 'gateway' | 'upstream';

export interface GatewayErrorDetails {
  /** The request field at fault, in the caller's own naming (`team_id`, `name`). */
  field?: string;
  source?: ErrorSource;
  /** Extra response headers, such as `Allow` or `Retry-After`. */
  headers?: Record<string, string>;
}

export class GatewayError extends Error {
  readonly status: number;
  readonly field?: string;
  readonly source: ErrorSource;
  readonly headers: Record<string, string>;

  constructor(
    readonly kind: ErrorKind,
    message: string,
    details: GatewayErrorDetails = {},
  ) {
    super(message);
    this.name = 'GatewayError';
    this.status = ERROR_STATUS[kind];
    this.field = details.field;
    this.source = details.source ?? 'gateway';
    this.headers = details.headers ?? {};
  }
}

export const validationError = (field: string, message: string): GatewayError =>
  new GatewayError('validation', message, { field });

export const notFound = (what = 'Label'): GatewayError => new GatewayError('not_found', `${what} not found.`);

export function isGatewayError(value: unknown): value is GatewayError {
  return value instanceof GatewayError;
}
