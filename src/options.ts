import path from 'node:path';
import fs from 'node:fs';
import type { FaultDefinition } from './faults/fault-definition';
import type { RateLimits } from './faults/rate-limits';
import type { CorsSettings } from './http/cors-settings';
import type { LogFormat, Logger } from './http/logger';
import type { ProxyConfig } from './proxy/proxy-config';

/** Everything `startGateway` and `label-gateway serve` accept; the flags map one to one. */
export interface GatewayOptions {
  /** TCP port; 0 picks a free one. Default 4010 (or $PORT on the command line). */
  port?: number;
  /** Interface to bind. Default 127.0.0.1 (or $HOST on the command line). */
  host?: string;
  /** Keep state in memory only: nothing is written to disk. */
  memory?: boolean;
  /** Folder for the NeDB data files. Default `./data`. */
  data?: string;
  /**
   * A PostgreSQL database that any number of gateways share (`--store postgres://…`, or
   * $DATABASE_URL on the command line): instead of `data` and `memory`.
   */
  store?: string;
  /** A tenants file: configured tenancy instead of open mode. */
  tenants?: string;
  /** Serve only operations the vendors document; inferred ones answer the dialect's 404. */
  documentedOnly?: boolean;
  /** No access log. */
  quiet?: boolean;
  /** Largest accepted request body in bytes. Default 1 MiB. */
  bodyLimitBytes?: number;
  /** Check every response against the spec (findings go to a header and the log). Default true. */
  checkResponses?: boolean;
  /** Proxy mode: a gateway config file (`--config`), routing dialects to upstreams. */
  config?: string;
  /** Proxy mode, shorthand: `kirim=https://…` (pass-through) or `jasni=kirim@http://…` (translation). */
  upstream?: string[];
  /** Proxy mode for embedders: the config as an object (checked like the file). */
  proxy?: ProxyConfig;
  /** Faults armed at start, after the config file's (see `POST /__admin/faults` for the fields). */
  faults?: FaultDefinition[];
  /** Rate limits per dialect, counted per credential (`--rate-limit kirim=10/1s`); over the config file's. */
  rateLimits?: RateLimits;
  /**
   * A state document to load at start (`--seed`): an export of `GET /__admin/state`, or a seed keyed
   * by dialect and credential. A bad one stops start-up.
   */
  seed?: string;
  /** Makes everything the mock picks at random repeatable (`--random-seed`): ids, request ids, Jasni's colour. */
  randomSeed?: number;
  /** Where the OpenAPI documents are. Default: the package's `specs/`. */
  specsDir?: string;
  /**
   * When set, every `/__admin` route but `/__admin/health` needs `Authorization: Bearer <adminToken>`
   * (`--admin-token`, or $LABEL_GATEWAY_ADMIN_TOKEN on the command line).
   */
  adminToken?: string;
  /** Serve the admin API without a token on a non-loopback host: without this, such a start is refused. */
  adminOpen?: boolean;
  /**
   * CORS for browser apps: `true` allows any origin; `{ origins, proxied }` narrows it. Off by default,
   * and only for mocked dialects unless `proxied` (the real vendors decide). Wins over the config's `cors`.
   */
  cors?: boolean | CorsSettings;
  /** `human` (default): one text line per request; `json`: one JSON object per line (pino). */
  logFormat?: LogFormat;
  /** Where log lines go. Default: stdout (access) and stderr (warnings) in `logFormat`, honouring `quiet`. */
  logger?: Logger;
}

export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = 'data';
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

/** The package's root folder, found from this file whether it runs from `src/` (tests) or `dist/`. */
export function packageRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('label-gateway: cannot find the package root');
    dir = parent;
  }
  return dir;
}

export const defaultSpecsDir = (): string => path.join(packageRoot(), 'specs');
