/**
 * A migration that cannot start as asked: a bad flag or config, an unknown dialect, an unreachable
 * end, a credential an end refuses, a state file of another migration. Printed as one line, exit
 * code 2, and always raised before anything is written to the target.
 */
export class MigrationInputError extends Error {
  override name = 'MigrationInputError';
}

/** A failure that is not bad input (an end answering 5xx past every retry): one line, exit code 1. */
export class MigrationRunError extends Error {
  override name = 'MigrationRunError';
}
