import pino, { type Logger as Pino } from 'pino';
import { outcomeOf, type ProcessLogger } from './logger';

/**
 * `--log-format json`: one JSON object per line (pino), for log shippers. Access entries and the
 * process's own lines go to stdout, warnings and errors to stderr, as in the human format. Entries
 * carry what the human line carries and never a header or query string; the redaction below is a
 * second guard should a credential-bearing object ever be logged.
 */
export function createJsonLogger(options: { quiet: boolean }): ProcessLogger {
  const stdout = jsonLines(1);
  const stderr = jsonLines(2);
  return {
    accessEnabled: !options.quiet,
    access: options.quiet
      ? () => undefined
      : // pino's own `time` stands for `at` (they differ by the microseconds it takes to get here).
        (entry) => {
          const { at, ...fields } = entry;
          stdout.info({ kind: 'access', ...fields }, `${entry.method} ${entry.path} ${outcomeOf(entry)}`);
        },
    info: (message, fields) => stdout.info({ kind: 'lifecycle', ...fields }, message),
    warn: (message) => stderr.warn(message),
    error: (message, error) => (error === undefined ? stderr.error(message) : stderr.error({ err: error }, message)),
  };
}

function jsonLines(fd: 1 | 2): Pino {
  return pino(
    {
      base: { name: 'label-gateway' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: ['authorization', '*.authorization', 'credential', '*.credential', 'headers', '*.headers'], censor: '[redacted]' },
    },
    // Synchronous: a line is written before the process can exit (as process.stdout is on a pipe).
    pino.destination({ dest: fd, sync: true }),
  );
}
