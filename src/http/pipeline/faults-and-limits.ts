import { setTimeout as sleep } from 'node:timers/promises';
import { GatewayError } from '../../core/errors';
import { injectedError } from '../../faults/injected-error';
import { readPreference } from '../../faults/prefer-header';
import type { RateDecision } from '../../faults/rate-limits';
import type { FaultDefinition } from '../../faults/fault-definition';
import type { TestControls } from '../../faults/test-controls';
import type { VendorExchange } from './exchange';
import { breakConnection } from './network-faults';

/**
 * Stage 3, faults and limits: what a test asked the gateway to fail with,
 * before any body is read or anything goes upstream. In order: this request's `Prefer` header, then
 * the first armed fault that matches, then the dialect's rate limit. An error answer is thrown (the
 * dialect renders it); true means the connection was broken on purpose and nothing is left to send.
 * When nothing applies to the request (faults armed for other tenants or operations), the answer is
 * a plain `false`, not a promise: armed faults that do not match cost a request no extra turn.
 */
export function applyFaultsAndLimits(exchange: VendorExchange, controls: TestControls): boolean | Promise<boolean> {
  if (exchange.req.headers.prefer !== undefined) return applyPreference(exchange, controls);
  // Nothing armed, no limit configured: an unarmed gateway pays this one test.
  if (!controls.engaged) return false;
  return applyArmed(exchange, controls);
}

async function applyPreference(exchange: VendorExchange, controls: TestControls): Promise<boolean> {
  const preference = readPreference(exchange.req.headers.prefer!);
  if (preference.delayMs) await sleep(preference.delayMs);
  if (preference.status !== undefined) throw injectedError({ status: preference.status });
  return applyArmed(exchange, controls);
}

/** The first matching armed fault, else the rate limit; `false` at once when neither applies. */
function applyArmed(exchange: VendorExchange, controls: TestControls): boolean | Promise<boolean> {
  const { dialect, notes } = exchange;
  const fault = controls.faults.fire({ dialect, operationId: exchange.operation?.operationId, credentialFingerprint: notes.credentialFingerprint });
  if (fault) {
    notes.faultId = fault.id;
    return applyFault(exchange, fault.definition);
  }
  const counting = controls.limits.take(dialect, notes.credentialFingerprint);
  return counting ? applyLimit(exchange, counting) : false;
}

async function applyFault(exchange: VendorExchange, { delayMs, respond, fault: failure }: FaultDefinition): Promise<boolean> {
  if (delayMs) await sleep(delayMs);
  if (respond) throw injectedError(respond);
  if (failure) {
    breakConnection(exchange, failure);
    return true;
  }
  return false;
}

async function applyLimit(exchange: VendorExchange, counting: Promise<RateDecision>): Promise<boolean> {
  const decision = await counting;
  const headers = rateLimitHeaders(decision);
  for (const [name, value] of Object.entries(headers)) exchange.res.setHeader(name, value);
  if (!decision.allowed) throw new GatewayError('rate_limited', 'Rate limit exceeded', { headers: { ...headers, 'Retry-After': headers['RateLimit-Reset'] } });
  return false;
}

/**
 * The usual rate-limit headers, on every answer of a limited dialect [inferred: no vendor page
 * documents its headers]. `RateLimit-*` as the IETF draft has them (reset in seconds from now),
 * `X-RateLimit-*` as GitHub and many others send them (reset as a Unix time in seconds).
 */
export function rateLimitHeaders(decision: RateDecision, now = Date.now()): Record<string, string> {
  const resetSeconds = Math.max(1, Math.ceil(decision.resetMs / 1000));
  return {
    'RateLimit-Limit': String(decision.limit),
    'RateLimit-Remaining': String(decision.remaining),
    'RateLimit-Reset': String(resetSeconds),
    'X-RateLimit-Limit': String(decision.limit),
    'X-RateLimit-Remaining': String(decision.remaining),
    'X-RateLimit-Reset': String(Math.ceil((now + decision.resetMs) / 1000)),
  };
}
