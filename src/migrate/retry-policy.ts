import { DelegateBackoff, ExponentialBackoff, handleWhen, retry, type IBackoff, type IRetryBackoffContext, type RetryPolicy } from 'cockatiel';
import type { UpstreamAnswer } from '../proxy/translation/dialect-client';

/** The longest Retry-After honoured as given; a longer one is waited this long, then retried. */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;

export interface BackoffTiming {
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffTiming = { initialDelayMs: 250, maxDelayMs: 15_000 };

/**
 * One attempt that should be made again: the answer that said so (a 429, a 5xx), or the failure
 * (a reset connection, a timeout). `waitMs` is the wait the answer asked for (Retry-After).
 */
export class RetryableAttempt extends Error {
  override name = 'RetryableAttempt';
  constructor(
    readonly outcome: { answer: UpstreamAnswer } | { failure: unknown },
    readonly waitMs?: number,
  ) {
    super('retryable attempt');
  }
}

/** `Retry-After` as milliseconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3); undefined if absent or unreadable. */
export function retryAfterMs(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.min(Math.max(0, date - now), MAX_RETRY_AFTER_MS);
}

/**
 * Bounded retries of RetryableAttempt (cockatiel): the wait an answer asked for when it gave one,
 * otherwise exponential backoff with decorrelated jitter. `maxAttempts` counts the first try.
 */
export function retryPolicy(maxAttempts: number, timing: BackoffTiming = DEFAULT_BACKOFF): RetryPolicy {
  const exponential = new ExponentialBackoff({ initialDelay: timing.initialDelayMs, maxDelay: timing.maxDelayMs });
  const backoff = new DelegateBackoff<IRetryBackoffContext<unknown>, IBackoff<unknown>>((context, previous) => {
    const next = previous ? previous.next(context) : exponential.next();
    const asked = 'error' in context.result && context.result.error instanceof RetryableAttempt ? context.result.error.waitMs : undefined;
    return { delay: asked ?? next.duration, state: next };
  });
  return retry(
    handleWhen((error) => error instanceof RetryableAttempt),
    { maxAttempts: maxAttempts - 1, backoff },
  );
}

/**
 * Shared by every request to one end: once an answer says "come back in N seconds", no request of
 * this run goes out before then, not only the one that was told.
 */
export class RetryAfterGate {
  private openAt = 0;

  /** Closes the gate for `ms` from now (never shortens a longer closure); true when it was extended. */
  closeFor(ms: number): boolean {
    const until = Date.now() + ms;
    if (until <= this.openAt) return false;
    this.openAt = until;
    return true;
  }

  async passed(): Promise<void> {
    for (let wait = this.openAt - Date.now(); wait > 0; wait = this.openAt - Date.now()) {
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
