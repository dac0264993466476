import { parseArgs } from 'node:util';
import { DIALECT_IDS, isDialectId } from '../core/dialects';
import { MigrationInputError } from './errors';
import { readMigrationConfig, type MigrationConfigFile } from './migrate-config';
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_STATE_PATH,
  DEFAULT_TIMEOUT_MS,
  MAX_CONCURRENCY,
  type EndpointSettings,
  type MigrationSettings,
} from './settings';

export const MIGRATE_HELP = `label-gateway migrate: copy every label of one account from one provider to another, resumably

Usage:
  label-gateway migrate --from DIALECT=URL --from-credential-env VAR
                        --to DIALECT=URL --to-credential-env VAR [options]
  npm run migrate -- …   the same

  --from D=URL              the source: a dialect and its origin, as a proxy route's upstream
                            (https://api-kckit.kirim.chat, or a gateway: http://127.0.0.1:4011/kirim)
  --to D=URL                the target, likewise
  --from-credential-env V   environment variable holding the source's Authorization value
  --to-credential-env V     …and the target's (a bare token is sent in the dialect's scheme)
  --param K=V               what the target needs, e.g. team_id=<uuid> for SuperSend v2 (repeatable)
  --from-param K=V          what the source needs (SuperSend v2: team_id; several: team_id=a,b)
  --dry-run                 print the plan and stop; nothing is written
  --yes                     do not ask for confirmation on a terminal
  --overwrite               update same-named target labels whose colour or description differ
  --state FILE              checkpoint and id pairs (default ${DEFAULT_STATE_PATH}); rerun to resume
  --report FILE             write the final report as JSON
  --data DIR|URL            a gateway data folder (stop that gateway first) or its PostgreSQL store
                            (gateways may keep running): the id pairs go into its id map, so a
                            translating proxy on it answers the source's old ids
  --concurrency N           labels written at once (default ${DEFAULT_CONCURRENCY}, at most ${MAX_CONCURRENCY})
  --timeout-ms N            one request's limit (default ${DEFAULT_TIMEOUT_MS})
  --max-attempts N          tries per request on 429, 5xx and network errors (default ${DEFAULT_MAX_ATTEMPTS})
  --config FILE             the same settings as JSON (from, fromCredentialEnv, fromParams, to,
                            toCredentialEnv, params, state, report, data, concurrency, overwrite,
                            timeoutMs, maxAttempts); flags win
  -h, --help                this text

Exit code: 0 when every label of the source is in the target, 1 when some are not (refused, in
conflict, failed), 2 for bad input (nothing written to the target), 130 when interrupted (rerun to resume).
Dialects: ${DIALECT_IDS.join(', ')}.`;

const FLAGS = {
  from: { type: 'string' },
  to: { type: 'string' },
  'from-credential-env': { type: 'string' },
  'to-credential-env': { type: 'string' },
  param: { type: 'string', multiple: true },
  'to-param': { type: 'string', multiple: true },
  'from-param': { type: 'string', multiple: true },
  'dry-run': { type: 'boolean' },
  yes: { type: 'boolean' },
  overwrite: { type: 'boolean' },
  state: { type: 'string' },
  report: { type: 'string' },
  data: { type: 'string' },
  concurrency: { type: 'string' },
  'timeout-ms': { type: 'string' },
  'max-attempts': { type: 'string' },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The command line (and `--config` file) of `label-gateway migrate`; 'help' for -h / --help. */
export function parseMigrateArgs(args: string[]): MigrationSettings | 'help' {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: FLAGS });
  } catch (error) {
    throw new MigrationInputError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length > 0) throw new MigrationInputError(`unexpected argument: ${positionals[0]}`);
  const config: MigrationConfigFile = values.config ? readMigrationConfig(values.config) : {};

  const endpoint = (end: 'from' | 'to'): EndpointSettings => {
    const flag = `--${end}`;
    const text = values[end] ?? config[end];
    if (!text) throw new MigrationInputError(`${flag} DIALECT=URL is required (try --help)`);
    const where = dialectAndUpstream(flag, text);
    const credentialEnv = values[`${end}-credential-env`] ?? config[end === 'from' ? 'fromCredentialEnv' : 'toCredentialEnv'];
    if (!credentialEnv) throw new MigrationInputError(`${flag}-credential-env VAR is required: the name of the variable holding the ${end === 'from' ? 'source' : 'target'}'s credential`);
    const configParams = (end === 'from' ? config.fromParams : config.params) ?? {};
    const flagParams = end === 'from' ? values['from-param'] : [...(values.param ?? []), ...(values['to-param'] ?? [])];
    return { ...where, credentialEnv, params: { ...configParams, ...paramsOf(end === 'from' ? '--from-param' : '--param', flagParams) } };
  };

  return {
    from: endpoint('from'),
    to: endpoint('to'),
    statePath: values.state ?? config.state ?? DEFAULT_STATE_PATH,
    reportPath: values.report ?? config.report,
    dataDir: values.data ?? config.data,
    concurrency: integerFlag('--concurrency', values.concurrency, 1, MAX_CONCURRENCY) ?? config.concurrency ?? DEFAULT_CONCURRENCY,
    dryRun: values['dry-run'] ?? false,
    yes: values.yes ?? false,
    overwrite: values.overwrite ?? config.overwrite ?? false,
    timeoutMs: integerFlag('--timeout-ms', values['timeout-ms'], 1, 600_000) ?? config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxAttempts: integerFlag('--max-attempts', values['max-attempts'], 1, 20) ?? config.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
  };
}

/** `kirim=https://api-kckit.kirim.chat`: the same form as a proxy route (`--upstream D=URL`). */
function dialectAndUpstream(flag: string, text: string): Pick<EndpointSettings, 'dialect' | 'upstream'> {
  const match = /^([a-z0-9-]+)=(https?:\/\/\S+)$/.exec(text);
  if (!match) throw new MigrationInputError(`${flag} ${text}: expected DIALECT=URL, e.g. kirim=https://api-kckit.kirim.chat`);
  const [, dialect, upstream] = match;
  if (!isDialectId(dialect)) throw new MigrationInputError(`${flag} ${text}: "${dialect}" is not a dialect (use ${DIALECT_IDS.join(', ')})`);
  try {
    new URL(upstream);
  } catch {
    throw new MigrationInputError(`${flag} ${text}: "${upstream}" is not a URL`);
  }
  return { dialect, upstream };
}

function paramsOf(flag: string, pairs: readonly string[] | undefined): Record<string, string> {
  const params: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(pair);
    if (!match) throw new MigrationInputError(`${flag} ${pair}: expected KEY=VALUE, e.g. team_id=7c1d3f4e-2b6a-4c8d-9e0f-1a2b3c4d5e6f`);
    params[match[1]] = match[2];
  }
  return params;
}

function integerFlag(flag: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) throw new MigrationInputError(`${flag} must be a whole number from ${min} to ${max}, not "${text}"`);
  return value;
}
