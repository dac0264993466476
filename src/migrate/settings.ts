import type { DialectId } from '../core/dialects';

/** One end of a migration, as `--from` / `--to` and their credential and params flags give it. */
export interface EndpointSettings {
  dialect: DialectId;
  /** The vendor's origin plus any base path, as a proxy route's `upstream` (`http://127.0.0.1:4011/kirim`). */
  upstream: string;
  /** The environment variable holding the Authorization value (a bare token gets the dialect's scheme). */
  credentialEnv: string;
  /** What the dialect needs and a label cannot say: `team_id` (SuperSend v2, Kirim). */
  params: Record<string, string>;
}

export interface MigrationSettings {
  from: EndpointSettings;
  to: EndpointSettings;
  /** The checkpoint: progress and the source → target id pairs, rewritten atomically after every label. */
  statePath: string;
  /** Where the final JSON report goes, if anywhere. */
  reportPath?: string;
  /** A gateway data folder whose id map receives the pairs, for the translating proxy. */
  dataDir?: string;
  /** Labels written to the target at once. */
  concurrency: number;
  /** Print the plan and stop: nothing is written anywhere (the report, if asked for, excepted). */
  dryRun: boolean;
  /** Do not ask for confirmation on a terminal. */
  yes: boolean;
  /** Update target labels of the same name whose colour or description differ, instead of leaving them. */
  overwrite: boolean;
  /** One request's whole exchange, in ms. */
  timeoutMs: number;
  /** Attempts per request when the answer is a 429, a 5xx (reads and updates) or a network failure. */
  maxAttempts: number;
}

export const DEFAULT_STATE_PATH = 'migration-state.json';
export const DEFAULT_CONCURRENCY = 4;
export const MAX_CONCURRENCY = 64;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_ATTEMPTS = 6;
