/** Where the gateway writes: access lines to stdout, warnings and errors to stderr. */
export interface Logger {
  /** False when access lines go nowhere (`--quiet`): the line is then not even built. */
  readonly accessEnabled: boolean;
  access(line: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export function createConsoleLogger(options: { quiet: boolean }): Logger {
  return {
    accessEnabled: !options.quiet,
    access: options.quiet ? () => undefined : (line) => process.stdout.write(`${line}\n`),
    warn: (message) => process.stderr.write(`label-gateway: ${message}\n`),
    error: (message, error) =>
      process.stderr.write(`label-gateway: ${message}${error ? `\n${error instanceof Error ? error.stack : String(error)}` : ''}\n`),
  };
}

/** A logger that keeps nothing: for embedding in test suites that want silence. */
export const silentLogger: Logger = { accessEnabled: false, access: () => undefined, warn: () => undefined, error: () => undefined };
