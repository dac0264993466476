import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DIALECT_IDS, VENDOR_IDS, VENDOR_PREFIX } from './core/dialects';
import { parseRateLimitFlag, type RateLimits } from './faults/rate-limits';
import { startGateway } from './gateway';
import { ADMIN_ROUTES } from './http/admin';
import { migrateMain } from './migrate/main';
import { SeedFileError } from './state/seed-file';
import { DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_PORT, packageRoot, type GatewayOptions } from './options';
import { ProxyConfigError } from './proxy/proxy-config';

const HELP = `label-gateway: a stateful, validating mock of five label APIs (Attention v2, Kirim, SuperSend v1/v2, Jasni)

Usage:
  label-gateway serve [options]     serve every dialect (npm start -- [options] does the same)
  label-gateway migrate [options]   copy every label of an account to another provider (migrate --help)
  label-gateway --help              this text
  label-gateway --version

Options:
  --port N             port to listen on (default ${DEFAULT_PORT}, or $PORT; 0 picks a free port)
  --host ADDR          interface to bind (default ${DEFAULT_HOST}, or $HOST)
  --data DIR           folder for the NeDB data files (default ./${DEFAULT_DATA_DIR})
  --memory             keep everything in memory; nothing is written to disk
  --tenants FILE       configured tenancy: a JSON file mapping credentials to organisation, user, teams
                       (default: open mode, every credential is its own organisation)
  --documented-only    serve only operations the vendors document; inferred ones answer the dialect's 404
  --body-limit BYTES   largest accepted request body (default 1048576)
  --quiet              no access log
  --admin-token T      every /__admin route but /__admin/health needs Authorization: Bearer T
                       (or $LABEL_GATEWAY_ADMIN_TOKEN, which keeps the token out of the process list)
  --admin-open         allow a non-loopback --host without an admin token (otherwise start is refused)
  --rate-limit D=N/Ws  answer dialect D's 429 past N requests per credential in W seconds (10/1s, 100/1m;
                       repeatable); also "rateLimits" in the config file
  --seed FILE          load a state document at start: an export of GET /__admin/state, or a seed
                       {"<dialect>": {"<Authorization header>": [<labels as the dialect creates them>]}};
                       a bad file stops start-up (exit code 2)
  --random-seed N      make everything picked at random repeatable (ids, request ids, Jasni's colour)

Proxy mode (dialects not routed stay mocked):
  --config FILE        gateway config: contract (report|enforce), upstreamTimeoutMs, routes per dialect,
                       faults armed at start, rateLimits
  --upstream D=URL     pass-through: serve dialect D by its real vendor at URL (repeatable)
  --upstream D=T@URL   translation: serve dialect D by an upstream that speaks dialect T
  -h, --help           this text

Vendors are served under ${VENDOR_IDS.map((vendor) => VENDOR_PREFIX[vendor]).join(', ')}
(or by Host: <vendor>.localhost:PORT). Dialects: ${DIALECT_IDS.join(', ')}.

A vendor request with Prefer: code=429 or Prefer: delay=300 is answered so.

Admin routes:
${ADMIN_ROUTES.map((route) => `  ${`${route.method} ${route.path}`.padEnd(28)} ${route.summary}`).join('\n')}
Journal filters: dialect, operation, method, status (201 or 4xx), route, fingerprint (comma lists
select any of them), since (ISO 8601 time).`;

/** Thrown for a command line that cannot be run; printed without a stack trace. */
class UsageError extends Error {}

const SERVE_FLAGS = {
  port: { type: 'string' },
  host: { type: 'string' },
  data: { type: 'string' },
  memory: { type: 'boolean' },
  tenants: { type: 'string' },
  'documented-only': { type: 'boolean' },
  'body-limit': { type: 'string' },
  quiet: { type: 'boolean' },
  'admin-token': { type: 'string' },
  'admin-open': { type: 'boolean' },
  seed: { type: 'string' },
  'random-seed': { type: 'string' },
  config: { type: 'string' },
  upstream: { type: 'string', multiple: true },
  'rate-limit': { type: 'string', multiple: true },
} as const;

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
  // An empty variable counts as unset (compose files expand a missing one to ""); an empty flag is a mistake.
  const adminToken = values['admin-token'] ?? (env.LABEL_GATEWAY_ADMIN_TOKEN || undefined);
  if (adminToken !== undefined && !/^\S+$/.test(adminToken)) throw new UsageError('--admin-token must be a non-empty token without spaces');
  return {
    port: integer('--port', values.port ?? env.PORT ?? String(DEFAULT_PORT), 0, 65535),
    host: values.host ?? env.HOST ?? DEFAULT_HOST,
    memory: values.memory ?? false,
    data: values.data,
    tenants: values.tenants,
    documentedOnly: values['documented-only'] ?? false,
    bodyLimitBytes: values['body-limit'] === undefined ? undefined : integer('--body-limit', values['body-limit'], 1, 2 ** 31),
    quiet: values.quiet ?? false,
    adminToken,
    adminOpen: values['admin-open'] ?? false,
    seed: values.seed,
    randomSeed: values['random-seed'] === undefined ? undefined : integer('--random-seed', values['random-seed'], 0, Number.MAX_SAFE_INTEGER),
    config: values.config,
    upstream: values.upstream,
    rateLimits: values['rate-limit'] === undefined ? undefined : rateLimitsOf(values['rate-limit']),
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

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'migrate') return migrateMain(rest);
  if (command === undefined || command === '--help' || command === '-h' || command === 'help' || rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${HELP}\n`);
    return command === undefined ? 1 : 0;
  }
  if (command === '--version') {
    const manifest = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
    process.stdout.write(`${manifest.version}\n`);
    return 0;
  }
  try {
    if (command !== 'serve') throw new UsageError(`unknown command: ${command} (try --help)`);
    return await serve(parseServeOptions(rest, process.env));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`label-gateway: ${message}\n`);
    // A config or seed the gateway cannot run with is a usage error too: nothing was started.
    return error instanceof UsageError || error instanceof ProxyConfigError || error instanceof SeedFileError ? 2 : 1;
  }
}

/** Serves until SIGTERM or SIGINT, then stops accepting, finishes requests in flight and flushes the store. */
async function serve(options: GatewayOptions): Promise<number> {
  const gateway = await startGateway(options);
  const stopped = new Promise<number>((resolve) => {
    const shutDown = (signal: NodeJS.Signals) => {
      process.stdout.write(`label-gateway: ${signal} received, stopping\n`);
      gateway.stop().then(
        () => resolve(0),
        (error: unknown) => {
          process.stderr.write(`label-gateway: error while stopping: ${String(error)}\n`);
          resolve(1);
        },
      );
    };
    process.once('SIGTERM', shutDown);
    process.once('SIGINT', shutDown);
  });
  // Announced only once the handlers are in place: a supervisor that signals as soon as it reads
  // this line must get a graceful stop, not the default kill.
  const store = options.memory ? 'memory' : (options.data ?? `./${DEFAULT_DATA_DIR}`);
  process.stdout.write(`label-gateway listening on ${gateway.url} (store: ${store}${options.tenants ? `, tenants: ${options.tenants}` : ''})\n`);
  return stopped;
}
