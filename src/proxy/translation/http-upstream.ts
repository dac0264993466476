import { VENDOR_OF, VENDOR_PREFIX, type DialectId } from '../../core/dialects';
import { GatewayError } from '../../core/errors';
import type { ContractViolation } from '../../http/response-contract';
import { checkResponse } from '../../http/response-contract';
import type { RouteTable } from '../../specs/route-table';
import type { ContractMode } from '../proxy-config';
import type { SendUpstream, UpstreamAnswer, UpstreamRequest } from './dialect-client';

export interface HttpUpstreamOptions {
  target: DialectId;
  /** The vendor's origin plus base path. */
  upstream: string;
  /** The Authorization header value presented upstream. */
  authorization: string;
  timeoutMs: number;
  contract: ContractMode;
  /** The target dialect's routes, to check its answers against its spec. */
  routes: RouteTable;
  /** Called with each answer's status and contract findings (for the journal and headers). */
  observe(status: number, violations: ContractViolation[]): void;
}

/**
 * Sends target-dialect requests with fetch. Never hangs: a slow upstream is a 504, an unreachable
 * one a 502, an answer that is not JSON (or, in enforce mode, breaks the target's spec) a 502.
 */
export function httpUpstream(options: HttpUpstreamOptions): SendUpstream {
  const base = options.upstream.replace(/\/+$/, '');
  const vendorPrefix = VENDOR_PREFIX[VENDOR_OF[options.target]];
  return async (request: UpstreamRequest): Promise<UpstreamAnswer> => {
    const url = new URL(base + request.path);
    for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, String(value));
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method: request.method,
        headers: {
          Authorization: options.authorization,
          Accept: 'application/json',
          ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw networkFailure(error, options);
    }
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      options.observe(response.status, [{ where: 'response', path: '', message: `the upstream answered ${response.status} with a body that is not JSON` }]);
      throw new GatewayError('upstream_invalid', `The upstream (${options.target}) answered ${response.status} with a body that is not JSON.`, { source: 'upstream' });
    }
    const match = options.routes.match(request.method, vendorPrefix + url.pathname.slice(new URL(base).pathname.replace(/\/$/, '').length));
    const violations = match.kind === 'operation' ? checkResponse(match.operation, response.status, body) : [];
    options.observe(response.status, violations);
    if (violations.length > 0 && options.contract === 'enforce') {
      throw new GatewayError('upstream_invalid', `The upstream (${options.target}) answer breaks its contract: ${violations[0].message}`, { source: 'upstream' });
    }
    return { status: response.status, body };
  };
}

function networkFailure(error: unknown, options: HttpUpstreamOptions): GatewayError {
  const name = (error as Error).name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new GatewayError('upstream_timeout', `The upstream (${options.target}) did not answer within ${options.timeoutMs} ms.`, { source: 'upstream' });
  }
  const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
  return new GatewayError('upstream_unavailable', `The upstream (${options.target}) could not be reached (${cause}).`, { source: 'upstream' });
}
