import { parseArgs } from 'node:util';
import { parseRateLimitFlag, type RateLimits } from '../faults/rate-limits';
import { LOG_FORMATS, type LogFormat } from '../http/logger';
import { DEFAULT_BODY_LIMIT_BYTES, DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_PORT, type GatewayOptions } from '../options';
import { isPostgresUrl } from '../store/postgres/connection-url';
import { UsageError } from './usage-error';

/** The flags `serve` and `lint` take, as node:util's parseArgs reads them. */
export const SERVE_FLAGS = {
  port: { type: 'string' },
  host: { type: 'string' },
  data: { type: 'string' },
  memory: { type: 'boolean' },
  store: { type: 'string' },
  tenants: { type: 'string' },
  'documented-only': { type: 'boolean' },
  'body-limit': { type: 'string' },
  config: { type: 'string' },
  upstream: { type: 'string', multiple: true },
  cors: { type: 'boolean' },
  'cors-origin': { type: 'string', multiple: true },
  'cors-proxied': { type: 'boolean' },
  'admin-token': { type: 'string' },
  'admin-open': { type: 'boolean' },
  'rate-limit': { type: 'string', multiple: true },
  seed: { type: 'string' },
  'random-seed': { type: 'string' },
  quiet: { type: 'boolean' },
  'log-format': { type: 'string' },
} as const;

export type FlagName = keyof typeof SERVE_FLAGS;

export type FlagGroup = 'serving' | 'testing' | 'admin' | 'proxy' | 'cors' | 'logging';

export interface FlagDoc {
  group: FlagGroup;
  /** The value's placeholder (`N`, `FILE`); absent for a switch. */
  value?: string;
  help: string;
  /** Further forms of the same flag, each with its own line. */
  forms?: Array<{ value: string; help: string }>;
}

/** One entry per flag (the compiler holds them to SERVE_FLAGS): `--help` is printed from this. */
export const FLAG_DOCS: { readonly [F in FlagName]: FlagDoc } = {
  port: { group: 'serving', value: 'N', help: `port to listen on (default ${DEFAULT_PORT}, or $PORT; 0 picks a free port)` },
  host: { group: 'serving', value: 'ADDR', help: `interface to bind (default ${DEFAULT_HOST}, or $HOST)` },
  data: { group: 'serving', value: 'DIR', help: `folder for the NeDB data files (default ./${DEFAULT_DATA_DIR}); one gateway per folder` },
  memory: { group: 'serving', help: 'keep everything in memory; nothing is written to disk' },
  store: { group: 'serving', value: 'URL', help: 'a PostgreSQL database (postgres://user:pass@host:5432/db) that several gateways share; default $DATABASE_URL' },
  tenants: {
    group: 'serving',
    value: 'FILE',
    help: 'configured tenancy: credentials with their organisation, user, teams (default: open mode)',
  },
  'documented-only': { group: 'serving', help: "serve only operations the vendors document; inferred ones answer the dialect's 404" },
  'body-limit': { group: 'serving', value: 'BYTES', help: `largest accepted request body (default ${DEFAULT_BODY_LIMIT_BYTES}; larger: the dialect's 413)` },
  seed: {
    group: 'testing',
    value: 'FILE',
    help: 'load a state document at start (an export of GET /__admin/state, or a seed by dialect and credential); a bad file: exit 2',
  },
  'random-seed': { group: 'testing', value: 'N', help: "make everything picked at random repeatable (ids, request ids, Jasni's colour)" },
  'rate-limit': {
    group: 'testing',
    value: 'D=N/W',
    help: "dialect D answers its 429 past N requests per credential in W (10/1s, 100/1m; repeatable); also rateLimits in the config",
  },
  'admin-token': {
    group: 'admin',
    value: 'T',
    help: 'every /__admin route but /__admin/health needs Authorization: Bearer T (or $LABEL_GATEWAY_ADMIN_TOKEN, kept out of the process list)',
  },
  'admin-open': { group: 'admin', help: 'allow a non-loopback --host without an admin token (otherwise start is refused)' },
  config: {
    group: 'proxy',
    value: 'FILE',
    help: 'gateway config: contract (report|enforce), upstreamTimeoutMs, routes per dialect, faults, rateLimits, seed, randomSeed, cors',
  },
  upstream: {
    group: 'proxy',
    value: 'D=URL',
    help: 'pass-through: serve dialect D by its real vendor at URL (repeatable)',
    forms: [{ value: 'D=T@URL', help: 'translation: serve dialect D by an upstream that speaks dialect T' }],
  },
  cors: { group: 'cors', help: 'answer preflights, add CORS headers on the mocked APIs (never /__admin); any origin' },
  'cors-origin': { group: 'cors', value: 'ORIGIN', help: 'allow only this origin, e.g. https://app.example (repeatable; implies --cors)' },
  'cors-proxied': { group: 'cors', help: 'also on dialects served by an upstream (the real vendor decides otherwise); implies --cors' },
  quiet: { group: 'logging', help: 'no access log' },
  'log-format': { group: 'logging', value: 'FORMAT', help: 'human (default: one text line per request) or json (one JSON object per line)' },
};

export function parseServeOptions(args: string[], env: NodeJS.ProcessEnv): GatewayOptions {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: SERVE_FLAGS });
  } catch (error) {
    // node:util reports unknown or malformed flags as its own errors: they are usage errors here.
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 0) throw new UsageError(`unexpected argument: ${positionals[0]}`);
  if (values.memory && values.data) throw new UsageError('--memory and --data cannot be used together');
  if (values.store !== undefined && (values.memory || values.data)) throw new UsageError('--store cannot be used with --memory or --data');
  if (values.store !== undefined && !isPostgresUrl(values.store)) throw new UsageError('--store takes a PostgreSQL URL: postgres://user:password@host:5432/database');
  // $DATABASE_URL, as hosting platforms set it, unless a flag chose another store.
  const store = values.store ?? (values.memory || values.data ? undefined : env.DATABASE_URL || undefined);
  // An empty variable counts as unset (compose files expand a missing one to ""); an empty flag is a mistake.
  const adminToken = values['admin-token'] ?? (env.LABEL_GATEWAY_ADMIN_TOKEN || undefined);
  if (adminToken !== undefined && !/^\S+$/.test(adminToken)) throw new UsageError('--admin-token must be a non-empty token without spaces');
  return {
    port: integer('--port', values.port ?? env.PORT ?? String(DEFAULT_PORT), 0, 65535),
    host: values.host ?? env.HOST ?? DEFAULT_HOST,
    memory: values.memory ?? false,
    data: values.data,
    store,
    tenants: values.tenants,
    documentedOnly: values['documented-only'] ?? false,
    bodyLimitBytes: values['body-limit'] === undefined ? undefined : integer('--body-limit', values['body-limit'], 1, 2 ** 31),
    adminToken,
    adminOpen: values['admin-open'] ?? false,
    seed: values.seed,
    randomSeed: values['random-seed'] === undefined ? undefined : integer('--random-seed', values['random-seed'], 0, Number.MAX_SAFE_INTEGER),
    rateLimits: values['rate-limit'] === undefined ? undefined : rateLimitsOf(values['rate-limit']),
    quiet: values.quiet ?? false,
    logFormat: logFormat(values['log-format']),
    config: values.config,
    upstream: values.upstream,
    cors:
      values.cors || values['cors-origin'] || values['cors-proxied']
        ? { origins: values['cors-origin'], proxied: values['cors-proxied'] ?? false }
        : undefined, // the config file's `cors`, if any, decides
  };
}

function rateLimitsOf(flags: string[]): RateLimits {
  const limits: RateLimits = {};
  for (const flag of flags) {
    try {
      const [dialect, limit] = parseRateLimitFlag(flag);
      limits[dialect] = limit;
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  return limits;
}

function integer(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, not "${text}"`);
  return value;
}

function logFormat(text: string | undefined): LogFormat {
  if (text === undefined) return 'human';
  if (!(LOG_FORMATS as readonly string[]).includes(text)) throw new UsageError(`--log-format must be ${LOG_FORMATS.join(' or ')}, not "${text}"`);
  return text as LogFormat;
}
