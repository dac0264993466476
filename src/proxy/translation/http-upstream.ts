import { VENDOR_OF, VENDOR_PREFIX, type DialectId } from '../../core/dialects';
import { GatewayError } from '../../core/errors';
import type { ContractViolation } from '../../http/response-contract';
import { checkResponse } from '../../http/response-contract';
import type { RouteTable } from '../../specs/route-table';
import type { ContractMode } from '../proxy-config';
import type { SendUpstream, UpstreamAnswer, UpstreamRequest } from './dialect-client';
import { textClient, UpstreamTimeout, type TextAnswer } from './json-request';

export interface HttpUpstreamOptions {
  target: DialectId;
  /** The vendor's origin plus base path. */
  upstream: string;
  timeoutMs: number;
  contract: ContractMode;
  /** The target dialect's routes, to check its answers against its spec. */
  routes: RouteTable;
}

/** What differs from one client exchange to the next. */
export interface UpstreamExchange {
  /** The Authorization header value presented upstream. */
  authorization: string;
  /** Called with each answer's status and contract findings (for the journal and headers). */
  observe(status: number, violations: ContractViolation[]): void;
}

/** One upstream's sender; `forExchange` binds it to a client exchange's credential and notes. */
export interface HttpUpstream {
  forExchange(exchange: UpstreamExchange): SendUpstream;
}

/**
 * Sends target-dialect requests over a keep-alive connection pool. Never hangs: a slow upstream is a 504, an unreachable
 * one a 502, an answer that is not JSON (or, in enforce mode, breaks the target's spec) a 502.
 */
export function httpUpstream(options: HttpUpstreamOptions): HttpUpstream {
  const base = options.upstream.replace(/\/+$/, '');
  const basePath = new URL(base).pathname.replace(/\/$/, '');
  const vendorPrefix = VENDOR_PREFIX[VENDOR_OF[options.target]];
  const send = textClient(new URL(base));
  const forExchange = (exchange: UpstreamExchange): SendUpstream => async (request: UpstreamRequest): Promise<UpstreamAnswer> => {
    const headers: Record<string, string> = { Authorization: exchange.authorization, Accept: 'application/json' };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    const url = new URL(base + request.path);
    for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, String(value));
    let response: TextAnswer;
    try {
      response = await send({
        method: request.method,
        url,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        timeoutMs: options.timeoutMs,
      });
    } catch (error) {
      throw networkFailure(error, options);
    }
    const { text } = response;
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      exchange.observe(response.status, [{ where: 'response', path: '', message: `the upstream answered ${response.status} with a body that is not JSON` }]);
      throw new GatewayError('upstream_invalid', `The upstream (${options.target}) answered ${response.status} with a body that is not JSON.`, { source: 'upstream' });
    }
    const match = options.routes.match(request.method, vendorPrefix + url.pathname.slice(basePath.length));
    const violations = match.kind === 'operation' ? checkResponse(match.operation, response.status, body) : [];
    exchange.observe(response.status, violations);
    if (violations.length > 0 && options.contract === 'enforce') {
      throw new GatewayError('upstream_invalid', `The upstream (${options.target}) answer breaks its contract: ${violations[0].message}`, { source: 'upstream' });
    }
    return response.retryAfter === undefined ? { status: response.status, body } : { status: response.status, body, retryAfter: response.retryAfter };
  };
  return { forExchange };
}

function networkFailure(error: unknown, options: HttpUpstreamOptions): GatewayError {
  if (error instanceof UpstreamTimeout) {
    return new GatewayError('upstream_timeout', `The upstream (${options.target}) did not answer within ${options.timeoutMs} ms.`, { source: 'upstream' });
  }
  const cause = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new GatewayError('upstream_unavailable', `The upstream (${options.target}) could not be reached (${cause}).`, { source: 'upstream' });
}
