import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { DIALECT_IDS, isDialectId, type DialectId } from '../core/dialects';
import type { FaultDefinition } from '../faults/fault-definition';
import { RATE_LIMIT_SCHEMA, type RateLimits } from '../faults/rate-limits';
import { ORIGIN_PATTERN, type CorsSettings } from '../http/cors-settings';
import { lazy } from '../core/lazy';

/** How a dialect is served when an upstream stands behind it instead of the mock. */
export interface UpstreamRoute {
  /** The vendor's origin plus any base path; the dialect's own path is appended. */
  upstream: string;
  /** Translate into this dialect; absent: a validating pass-through to the same dialect. */
  as?: DialectId;
  /**
   * Translation only: the Authorization header value the gateway presents upstream… (absent: the
   * client's own token, presented in the target dialect's scheme).
   */
  credential?: string;
  /** …or the name of an environment variable that holds it. */
  credentialEnv?: string;
  /** Translation only: what the target needs and the client's dialect cannot say (team_id). */
  params?: Record<string, string>;
}

export type ContractMode = 'report' | 'enforce';

/** The gateway config (`--config FILE`, or startGateway's `proxy`). */
export interface ProxyConfig {
  contract: ContractMode;
  upstreamTimeoutMs: number;
  routes: Partial<Record<DialectId, UpstreamRoute>>;
  /** Faults armed at start, in this order (each is checked against the specs when it is armed). */
  faults?: FaultDefinition[];
  /** Rate limits per dialect, counted per credential. */
  rateLimits?: RateLimits;
  /** A state document loaded at start, as `--seed` (in a file: relative to the file's folder). */
  seed?: string;
  /** As `--random-seed`. */
  randomSeed?: number;
  /** As `--store`: a PostgreSQL URL. */
  store?: string;
  /** CORS for browser apps (`true`: any origin, mocked dialects only); the `--cors…` flags win over it. */
  cors?: boolean | CorsSettings;
}

export const DEFAULT_PROXY_CONFIG: ProxyConfig = { contract: 'report', upstreamTimeoutMs: 10_000, routes: {} };

const ROUTE_SCHEMA = {
  type: 'object',
  required: ['upstream'],
  additionalProperties: false,
  properties: {
    upstream: { type: 'string', pattern: '^https?://[^\\s]+$' },
    as: { enum: [...DIALECT_IDS] },
    credential: { type: 'string', minLength: 1 },
    credentialEnv: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
    params: { type: 'object', additionalProperties: { type: 'string' } },
  },
} as const;

const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    contract: { enum: ['report', 'enforce'] },
    upstreamTimeoutMs: { type: 'integer', minimum: 1, maximum: 600_000 },
    routes: {
      type: 'object',
      propertyNames: { enum: [...DIALECT_IDS] },
      additionalProperties: ROUTE_SCHEMA,
    },
    // Each fault's fields are checked when it is armed, against the specs, with the field named.
    faults: { type: 'array', items: { type: 'object' } },
    rateLimits: {
      type: 'object',
      propertyNames: { enum: [...DIALECT_IDS] },
      additionalProperties: RATE_LIMIT_SCHEMA,
    },
    seed: { type: 'string', minLength: 1 },
    randomSeed: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
    store: { type: 'string', pattern: '^postgres(ql)?://' },
    cors: {
      anyOf: [
        { type: 'boolean' },
        {
          type: 'object',
          additionalProperties: false,
          properties: {
            origins: { type: 'array', minItems: 1, items: { type: 'string', pattern: ORIGIN_PATTERN } },
            proxied: { type: 'boolean' },
          },
        },
      ],
    },
  },
} as const;

// The rate limit's schema carries the admin route's messages (`x-error-message`); the config reports ajv's own.
const configValidator = lazy(() => new Ajv({ allErrors: true, keywords: ['x-error-message'] }).compile(CONFIG_SCHEMA));

export class ProxyConfigError extends Error {
  override name = 'ProxyConfigError';
}

/** Reads `--config FILE`, with a message for every mistake in it. */
export function readProxyConfig(file: string, env: NodeJS.ProcessEnv = process.env): ProxyConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ProxyConfigError(`Cannot read the config file ${file}: ${(error as Error).message}`);
  }
  const config = checkProxyConfig(parsed, file, env);
  return config.seed === undefined ? config : { ...config, seed: path.resolve(path.dirname(file), config.seed) };
}

export function checkProxyConfig(parsed: unknown, where: string, env: NodeJS.ProcessEnv = process.env): ProxyConfig {
  const validateConfig = configValidator();
  if (!validateConfig(parsed)) {
    // The enum inside propertyNames repeats what its propertyNames error says better; and `cors` is
    // `true | {…}`: when the object has a mistake inside, the other branch's complaint is noise.
    const all = (validateConfig.errors ?? []).filter((error) => !error.schemaPath.includes('/propertyNames/'));
    const insideCors = all.some((error) => error.instancePath.startsWith('/cors/'));
    const problems = all.filter((error) => !(insideCors && error.instancePath === '/cors')).map((error) => {
      const at = error.instancePath || '/';
      if (error.keyword === 'propertyNames') return `  ${at}: "${String(error.params.propertyName)}" is not a dialect (use ${DIALECT_IDS.join(', ')})`;
      if (error.keyword === 'additionalProperties') return `  ${at}: unknown setting "${String(error.params.additionalProperty)}"`;
      if (error.keyword === 'enum') return `  ${at}: must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
      if (error.keyword === 'pattern' && at.endsWith('/upstream')) return `  ${at}: must be an http:// or https:// URL, without spaces`;
      if (error.keyword === 'pattern' && at.startsWith('/cors/origins')) return `  ${at}: not an origin (expected * or e.g. https://app.example, without a path)`;
      // The other branch of `cors: true | {…}`: its own finding says more.
      if (at === '/cors' && (error.keyword === 'anyOf' || error.keyword === 'type')) return `  ${at}: must be true, false or { "origins": [...], "proxied": true|false }`;
      return `  ${at}: ${error.message}`;
    });
    throw configError(where, [...new Set(problems)]);
  }
  const config = { ...DEFAULT_PROXY_CONFIG, ...(parsed as Partial<ProxyConfig>) };
  const problems: string[] = [];
  for (const [dialect, route] of Object.entries(config.routes) as Array<[DialectId, UpstreamRoute]>) {
    problems.push(...routeProblems(dialect, route, env));
  }
  if (problems.length > 0) throw configError(where, problems.map((problem) => `  ${problem}`));
  return config;
}

/** One problem is one line; several are listed under it, one a line. */
function configError(where: string, indentedProblems: string[]): ProxyConfigError {
  const [only] = indentedProblems;
  return indentedProblems.length === 1
    ? new ProxyConfigError(`${where} is not a valid gateway config: ${only.trim()}`)
    : new ProxyConfigError(`${where} is not a valid gateway config:\n${indentedProblems.join('\n')}`);
}

function routeProblems(dialect: DialectId, route: UpstreamRoute, env: NodeJS.ProcessEnv): string[] {
  const at = `/routes/${dialect}`;
  const urlProblem = upstreamUrlProblem(route.upstream);
  if (urlProblem) return [`${at}/upstream: ${urlProblem}`];
  if (!route.as || route.as === dialect) {
    return route.credential || route.credentialEnv || route.params
      ? [`${at}: credential, credentialEnv and params are for translation ("as"); a pass-through sends the client's own credential`]
      : [];
  }
  const problems: string[] = [];
  if (route.credential && route.credentialEnv) problems.push(`${at}: give "credential" or "credentialEnv", not both`);
  if (route.credentialEnv && env[route.credentialEnv] === undefined) problems.push(`${at}: the environment variable ${route.credentialEnv} is not set`);
  return problems;
}

/** The dialect's paths are appended to the upstream: it must be a plain http(s) origin and base path. */
function upstreamUrlProblem(upstream: string): string | undefined {
  let url: URL;
  try {
    url = new URL(upstream);
  } catch {
    return `${JSON.stringify(upstream)} is not a URL`;
  }
  if (url.search || url.hash) return 'must not have a query or a fragment (the dialect\'s paths are appended to it)';
  if (url.username || url.password) return 'must not carry a user or password (give the credential in credential or credentialEnv)';
  return undefined;
}

/** `--upstream kirim=https://…` (pass-through) or `--upstream jasni=kirim@http://…` (translation). */
export function parseUpstreamFlag(flag: string): [DialectId, UpstreamRoute] {
  const match = /^([a-z0-9-]+)=(?:([a-z0-9-]+)@)?(https?:\/\/\S+)$/.exec(flag);
  if (!match) throw new ProxyConfigError(`--upstream ${flag}: expected DIALECT=URL or DIALECT=TARGET@URL`);
  const [, dialect, target, upstream] = match;
  if (!isDialectId(dialect)) throw new ProxyConfigError(`--upstream ${flag}: "${dialect}" is not a dialect (use ${DIALECT_IDS.join(', ')})`);
  if (target !== undefined && !isDialectId(target)) throw new ProxyConfigError(`--upstream ${flag}: "${target}" is not a dialect`);
  const urlProblem = upstreamUrlProblem(upstream);
  if (urlProblem) throw new ProxyConfigError(`--upstream ${flag}: the upstream ${urlProblem}`);
  return [dialect, target === undefined ? { upstream } : { upstream, as: target as DialectId }];
}

/** The Authorization value a translating route presents upstream. */
export function upstreamCredential(route: UpstreamRoute, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return route.credential ?? (route.credentialEnv ? env[route.credentialEnv] : undefined);
}
