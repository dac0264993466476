import fs from 'node:fs';
import Ajv from 'ajv';
import { MigrationInputError } from './errors';
import { MAX_CONCURRENCY } from './settings';
import { lazy } from '../core/lazy';

/** `--config FILE`: the same settings as the flags, in camelCase; a flag given as well wins. */
export interface MigrationConfigFile {
  from?: string;
  fromCredentialEnv?: string;
  fromParams?: Record<string, string>;
  to?: string;
  toCredentialEnv?: string;
  params?: Record<string, string>;
  state?: string;
  report?: string;
  data?: string;
  concurrency?: number;
  overwrite?: boolean;
  timeoutMs?: number;
  maxAttempts?: number;
}

const ENV_NAME = { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' } as const;
const PARAMS = { type: 'object', additionalProperties: { type: 'string', minLength: 1 } } as const;

const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { type: 'string', minLength: 1 },
    fromCredentialEnv: ENV_NAME,
    fromParams: PARAMS,
    to: { type: 'string', minLength: 1 },
    toCredentialEnv: ENV_NAME,
    params: PARAMS,
    state: { type: 'string', minLength: 1 },
    report: { type: 'string', minLength: 1 },
    data: { type: 'string', minLength: 1 },
    concurrency: { type: 'integer', minimum: 1, maximum: MAX_CONCURRENCY },
    overwrite: { type: 'boolean' },
    timeoutMs: { type: 'integer', minimum: 1, maximum: 600_000 },
    maxAttempts: { type: 'integer', minimum: 1, maximum: 20 },
  },
} as const;

const configValidator = lazy(() => new Ajv({ allErrors: true }).compile<MigrationConfigFile>(CONFIG_SCHEMA));

/** Reads and checks a migration config, naming the file and each mistake on one line. */
export function readMigrationConfig(file: string): MigrationConfigFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new MigrationInputError(`cannot read the config file ${file}: ${(error as Error).message}`);
  }
  const validateConfig = configValidator();
  if (!validateConfig(parsed)) {
    const problems = (validateConfig.errors ?? []).map((error) =>
      error.keyword === 'additionalProperties'
        ? `unknown setting "${String(error.params.additionalProperty)}"`
        : `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`,
    );
    throw new MigrationInputError(`${file} is not a valid migration config: ${[...new Set(problems)].join('; ')}`);
  }
  return parsed;
}
