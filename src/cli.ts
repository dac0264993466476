import fs from 'node:fs';
import path from 'node:path';
import { helpText } from './cli/help';
import { parseServeOptions } from './cli/serve-flags';
import { UsageError } from './cli/usage-error';
import { createLogger } from './gateway-config';
import { startGateway } from './gateway';
import { packageRoot, type GatewayOptions } from './options';

export { parseServeOptions } from './cli/serve-flags';
import { ProxyConfigError } from './proxy/proxy-config';
import { SeedFileError } from './state/seed-file';

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // migrate has its own flags, help and exit codes. It and lint are loaded only when asked for: every
  // `serve` (a test suite starts hundreds) would otherwise load their modules for nothing.
  if (command === 'migrate') return (await import('./migrate/main')).migrateMain(rest);
  if (command === undefined || command === '--help' || command === '-h' || command === 'help' || rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${helpText()}\n`);
    return command === undefined ? 1 : 0;
  }
  if (command === '--version') {
    const manifest = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
    process.stdout.write(`${manifest.version}\n`);
    return 0;
  }
  try {
    if (command === 'serve') return await serve(parseServeOptions(rest, process.env));
    if (command === 'lint') return await lint(parseServeOptions(rest, process.env));
    throw new UsageError(`unknown command: ${command} (try --help)`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`label-gateway: ${message}\n`);
    // A config or seed the gateway cannot run with is a usage error too: nothing was started.
    return error instanceof UsageError || error instanceof ProxyConfigError || error instanceof SeedFileError ? 2 : 1;
  }
}

/** `label-gateway lint`: what serve would refuse, without opening the store or a port. Exit 0 or 2. */
async function lint(options: GatewayOptions): Promise<number> {
  const { lintGateway } = await import('./lint');
  const report = await lintGateway(options);
  for (const line of report.checked) process.stdout.write(`  ok       ${line}\n`);
  for (const line of report.warnings) process.stdout.write(`  warning  ${line}\n`);
  for (const problem of report.problems) process.stderr.write(`label-gateway lint: ${problem}\n`);
  const count = report.problems.length;
  if (count === 0) process.stdout.write('label-gateway lint: no problems\n');
  else process.stderr.write(`label-gateway lint: ${count} problem${count === 1 ? '' : 's'}; the gateway would not start\n`);
  return count === 0 ? 0 : 2;
}

/** Serves until SIGTERM or SIGINT, then stops accepting, finishes requests in flight and flushes the store. */
async function serve(options: GatewayOptions): Promise<number> {
  const logger = createLogger(options);
  const gateway = await startGateway({ ...options, logger });
  const stopped = new Promise<number>((resolve) => {
    let stopping = false;
    const shutDown = (signal: NodeJS.Signals | 'parent exited') => {
      // Ctrl-C under `npm start` arrives twice (from the terminal and forwarded by npm): one stop.
      if (stopping) return;
      stopping = true;
      logger.info(signal === 'parent exited' ? 'npm exited, stopping' : `${signal} received, stopping`, { signal });
      gateway.stop().then(
        () => resolve(0),
        (error: unknown) => {
          logger.error('error while stopping', error);
          resolve(1);
        },
      );
    };
    process.on('SIGTERM', shutDown);
    process.on('SIGINT', shutDown);
    if (process.env.npm_lifecycle_event) stopWhenParentExits(() => shutDown('parent exited'));
  });
  // Announced only once the handlers are in place: a supervisor that signals as soon as it reads
  // this line must get a graceful stop, not the default kill.
  const { store } = gateway;
  logger.info(`listening on ${gateway.url} (store: ${store}${options.tenants ? `, tenants: ${options.tenants}` : ''})`, { url: gateway.url, store });
  return stopped;
}

/**
 * Under `npm start` (npm execs the server, so signals reach it), a parent killed outright
 * (SIGKILL, a supervisor's timeout) cannot forward anything: the orphan would keep the port under
 * PID 1. An orphan gets a new parent, so a cheap periodic look at the parent's pid notices.
 * Only under npm: a server started from a shell and left running (`nohup`, `&` then logout) is
 * meant to outlive it.
 */
function stopWhenParentExits(stop: () => void): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      stop();
    }
  }, 500);
  timer.unref();
}
