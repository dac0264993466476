import type { RouteKind } from './journal';
import type { NetworkFault } from '../faults/fault-definition';

/** One line of the access log: what was asked and how it was answered. Never a header or a query string. */
export interface AccessEntry {
  /** When the answer finished, in ms since the epoch. */
  at: number;
  dialect: string | null;
  route: RouteKind;
  method: string;
  /** The path without its query string. */
  path: string;
  /** Null when no answer was sent: a `reset` or `empty` fault, or a client that left before the answer. */
  status: number | null;
  upstreamStatus: number | null;
  durationMs: number;
  /** The armed network fault that broke the connection (`malformed` still sent a status line). */
  networkFault: NetworkFault | null;
}

/** Where the gateway writes: access lines to stdout, warnings and errors to stderr. */
export interface Logger {
  /** False when access lines go nowhere (`--quiet`): the entry is then not even built. */
  readonly accessEnabled: boolean;
  access(entry: AccessEntry): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** A logger for a whole process: also the command line's own lines (listening, stopping). */
export interface ProcessLogger extends Logger {
  info(message: string, fields?: Record<string, unknown>): void;
}

export type LogFormat = 'human' | 'json';
export const LOG_FORMATS: readonly LogFormat[] = ['human', 'json'];

/** `2026-11-30T10:00:00.000Z kirim POST /kirim/v1/labels 201 3.2ms` */
export function formatAccessLine(entry: AccessEntry): string {
  return `${new Date(entry.at).toISOString()} ${entry.dialect ?? '-'} ${entry.method} ${entry.path} ${outcomeOf(entry)} ${entry.durationMs.toFixed(1)}ms`;
}

/** `201`; `reset` or `malformed(201)` for a connection a fault broke; `-` when the client left first. */
export function outcomeOf(entry: AccessEntry): string {
  const status = entry.status === null ? '' : String(entry.status);
  if (entry.networkFault) return status ? `${entry.networkFault}(${status})` : entry.networkFault;
  return status || '-';
}

/** The human format: one access line per request on stdout, `label-gateway: …` on stderr. */
export function createConsoleLogger(options: { quiet: boolean }): ProcessLogger {
  return {
    accessEnabled: !options.quiet,
    access: options.quiet ? () => undefined : (entry) => process.stdout.write(`${formatAccessLine(entry)}\n`),
    info: (message) => process.stdout.write(`label-gateway ${message}\n`),
    warn: (message) => process.stderr.write(`label-gateway: ${message}\n`),
    error: (message, error) =>
      process.stderr.write(`label-gateway: ${message}${error ? `\n${error instanceof Error ? error.stack : String(error)}` : ''}\n`),
  };
}

/** A logger that keeps nothing: for embedding in test suites that want silence. */
export const silentLogger: Logger = { accessEnabled: false, access: () => undefined, warn: () => undefined, error: () => undefined };
