import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { DIALECT_IDS, isDialectId, type DialectId } from '../core/dialects';
import { lazy } from '../core/lazy';
import { createBodyAjv } from '../specs/ajv';
import { describeAjvError } from '../specs/describe-error';

/** A vendor's limit: `limit` requests per credential in each window of `windowSeconds`. */
export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

export type RateLimits = Partial<Record<DialectId, RateLimit>>;

/** One request counted against its key's window. */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  /** Requests left in the current window. */
  remaining: number;
  /** Milliseconds until the window resets. */
  resetMs: number;
}

/**
 * Counts requests per key in fixed windows: in memory, or over the shared store when several
 * gateways serve one test run (rate-limiter-flexible's Postgres limiter, through `flexibleCounter`).
 */
export interface RateCounter {
  take(key: string): Promise<RateDecision>;
}

/** A RateCounter over any rate-limiter-flexible limiter (which rejects with a RateLimiterRes past the limit). */
export function flexibleCounter(limiter: Pick<RateLimiterAbstract, 'consume'>, limit: number): RateCounter {
  const decision = (allowed: boolean, result: RateLimiterRes): RateDecision => ({
    allowed,
    limit,
    remaining: Math.max(0, result.remainingPoints),
    resetMs: Math.max(0, result.msBeforeNext),
  });
  return {
    take: (key) =>
      limiter.consume(key).then(
        (result) => decision(true, result),
        (rejection: unknown) => {
          // A store failure is an Error, not a RateLimiterRes: it is the gateway's own fault, not a 429.
          if (rejection instanceof RateLimiterRes) return decision(false, rejection);
          throw rejection;
        },
      ),
  };
}

export const memoryCounter = ({ limit, windowSeconds }: RateLimit): RateCounter =>
  flexibleCounter(new RateLimiterMemory({ points: limit, duration: windowSeconds }), limit);

/** Makes the counter of one dialect's limit. */
export type CounterFactory = (limit: RateLimit, dialect: DialectId) => RateCounter;

/**
 * The limits in force, one counter per dialect, counted per credential fingerprint: those of the
 * config and options at start, changed at run time through the admin API (`/__admin/rate-limits`).
 */
export class DialectRateLimits {
  private readonly limits = new Map<DialectId, RateLimit>();
  private readonly counters = new Map<DialectId, RateCounter>();
  private counterFor: CounterFactory;

  constructor(limits: RateLimits, counterFor: CounterFactory = memoryCounter) {
    this.counterFor = counterFor;
    for (const dialect of DIALECT_IDS) {
      const limit = limits[dialect];
      if (limit) this.set(dialect, limit);
    }
  }

  /** Counts from now on with counters `counterFor` makes (the shared store's, once it is open). */
  countWith(counterFor: CounterFactory): void {
    this.counterFor = counterFor;
    for (const [dialect, limit] of this.limits) this.counters.set(dialect, counterFor(limit, dialect));
  }

  /** Puts `limit` in force for the dialect, replacing any other: every credential's window starts afresh. */
  set(dialect: DialectId, limit: RateLimit): void {
    const copy = { limit: limit.limit, windowSeconds: limit.windowSeconds };
    this.limits.set(dialect, copy);
    this.counters.set(dialect, this.counterFor(copy, dialect));
  }

  /** Lifts the dialect's limit; false when it had none. */
  remove(dialect: DialectId): boolean {
    this.counters.delete(dialect);
    return this.limits.delete(dialect);
  }

  /** Lifts every limit; answers how many there were. */
  clear(): number {
    const lifted = this.limits.size;
    this.limits.clear();
    this.counters.clear();
    return lifted;
  }

  get(dialect: DialectId): RateLimit | undefined {
    const limit = this.limits.get(dialect);
    return limit && { ...limit };
  }

  /** The limits in force, in the dialects' order. */
  list(): RateLimits {
    const limits: RateLimits = {};
    for (const dialect of DIALECT_IDS) {
      const limit = this.get(dialect);
      if (limit) limits[dialect] = limit;
    }
    return limits;
  }

  get configured(): boolean {
    return this.counters.size > 0;
  }

  /** Counts the request; undefined when its dialect has no limit. A request without a credential counts as one anonymous caller. */
  take(dialect: DialectId, credentialFingerprint: string | undefined): Promise<RateDecision> | undefined {
    return this.counters.get(dialect)?.take(credentialFingerprint ?? 'anonymous');
  }
}

export const RATE_LIMIT_SCHEMA = {
  type: 'object',
  required: ['limit', 'windowSeconds'],
  additionalProperties: false,
  'x-error-message': 'A rate limit must be a JSON object: {"limit": N, "windowSeconds": S}.',
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 1_000_000, 'x-error-message': 'limit must be a whole number of requests from 1 to 1000000.' },
    windowSeconds: { type: 'integer', minimum: 1, maximum: 86_400, 'x-error-message': 'windowSeconds must be whole seconds from 1 to 86400.' },
  },
} as const;

const limitValidator = lazy(() => createBodyAjv().compile(RATE_LIMIT_SCHEMA));

/** A rate limit given at run time, checked: the limit, or its first mistake with the field it names (`''`: the body as a whole). */
export type CheckedRateLimit = { ok: true; limit: RateLimit } | { ok: false; field: string; message: string };

export function checkRateLimit(input: unknown): CheckedRateLimit {
  const validate = limitValidator();
  if (validate(input)) return { ok: true, limit: { limit: input.limit, windowSeconds: input.windowSeconds } };
  const { field, message } = describeAjvError(validate.errors![0], '');
  return { ok: false, field, message };
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600 };

/** `--rate-limit kirim=10/1s` (also `/30s`, `/1m`, `/1h`; a bare `/5` is seconds). */
export function parseRateLimitFlag(flag: string): [DialectId, RateLimit] {
  const match = /^([a-z0-9-]+)=(\d+)\/(\d+)([smh]?)$/.exec(flag);
  if (!match) throw new Error(`--rate-limit ${flag}: expected DIALECT=LIMIT/WINDOW, e.g. kirim=10/1s`);
  const [, dialect, limit, window, unit] = match;
  if (!isDialectId(dialect)) throw new Error(`--rate-limit ${flag}: "${dialect}" is not a dialect (use ${DIALECT_IDS.join(', ')})`);
  const windowSeconds = Number(window) * UNIT_SECONDS[unit || 's'];
  const { limit: maxLimit, windowSeconds: maxWindow } = RATE_LIMIT_SCHEMA.properties;
  if (Number(limit) < 1 || Number(limit) > maxLimit.maximum) throw new Error(`--rate-limit ${flag}: the limit must be from 1 to ${maxLimit.maximum}`);
  if (windowSeconds < 1 || windowSeconds > maxWindow.maximum) throw new Error(`--rate-limit ${flag}: the window must be from 1 second to ${maxWindow.maximum / 3600} hours`);
  return [dialect, { limit: Number(limit), windowSeconds }];
}
