import path from 'node:path';
import fs from 'node:fs';
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
  /** Where the OpenAPI documents are. Default: the package's `specs/`. */
  specsDir?: string;
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
