import { MigrationInputError, MigrationRunError } from './errors';
import { MIGRATE_HELP, parseMigrateArgs } from './migrate-args';
import { runMigration, type MigrationIo, type MigrationTuning } from './migrate';

/** The process's own streams and signals (SIGTERM is taken as SIGINT). A second one stops at once: the state file is always whole. */
export function processIo(): MigrationIo {
  // A reader that went away (`… | head`) must not crash a run whose state is already saved.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  return {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    onInterrupt(handler) {
      let received = 0;
      const listener = (signal: NodeJS.Signals) => {
        if (++received > 1) {
          process.stderr.write(`label-gateway migrate: second ${signal}, stopping now; run the same command again to resume\n`);
          process.exit(130);
        }
        handler(signal);
      };
      process.on('SIGINT', listener);
      process.on('SIGTERM', listener);
      return () => {
        process.off('SIGINT', listener);
        process.off('SIGTERM', listener);
      };
    },
  };
}

/** `label-gateway migrate …`: its exit code (0 complete, 1 not every label in the target, 2 bad input, 130 interrupted). */
export async function migrateMain(argv: string[], io: MigrationIo = processIo(), tuning?: MigrationTuning): Promise<number> {
  try {
    const settings = parseMigrateArgs(argv);
    if (settings === 'help') {
      io.stdout.write(`${MIGRATE_HELP}\n`);
      return 0;
    }
    return (await runMigration(settings, io, tuning)).exitCode;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`label-gateway migrate: ${message.split('\n')[0]}\n`);
    if (error instanceof MigrationInputError) return 2;
    if (!(error instanceof MigrationRunError)) io.stderr.write('label-gateway migrate: the state file keeps what was done; run the same command again to resume\n');
    return 1;
  }
}
