import { STATUS_CODES } from 'node:http';
import { GatewayError, type ErrorKind } from '../core/errors';

/**
 * Statuses with a kind of their own in the error table. 409 is left out on purpose: `conflict` means
 * a duplicate name (Kirim even answers it with a 400), which an injected 409 is not.
 */
const KIND_OF_STATUS: Readonly<Record<number, ErrorKind>> = {
  400: 'validation',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'rate_limited',
  500: 'internal',
  501: 'not_implemented',
  502: 'upstream_unavailable',
  503: 'service_unavailable',
  504: 'upstream_timeout',
};

/**
 * Kirim's page names its 429 and 500 answers "Rate limit exceeded" and "Internal server error"
 * [documented]; every dialect uses that wording, and the HTTP reason phrase for other statuses [inferred].
 */
const WORDING: Readonly<Record<number, string>> = {
  429: 'Rate limit exceeded',
  500: 'Internal server error',
};

/** Seconds a 429 or 503 asks the client to wait when the fault does not say. */
export const DEFAULT_RETRY_AFTER_SECONDS = 1;

export interface InjectedAnswer {
  status: number;
  retryAfter?: number;
  message?: string;
  headers?: Record<string, string>;
}

/** An answer the test asked for, as a GatewayError the dialect renders in its own envelope. */
export function injectedError({ status, retryAfter, message, headers = {} }: InjectedAnswer): GatewayError {
  const kind = KIND_OF_STATUS[status] ?? (status >= 500 ? 'server_error' : 'client_error');
  const wait = retryAfter ?? (status === 429 || status === 503 ? DEFAULT_RETRY_AFTER_SECONDS : undefined);
  return new GatewayError(kind, message ?? wordingOf(status), {
    status,
    headers: wait === undefined ? headers : { ...headers, 'Retry-After': String(wait) },
  });
}

function wordingOf(status: number): string {
  const phrase = WORDING[status] ?? STATUS_CODES[status] ?? (status >= 500 ? 'Server error' : 'Request failed');
  return phrase.charAt(0) + phrase.slice(1).toLowerCase();
}
