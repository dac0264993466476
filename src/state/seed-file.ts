import fs from 'node:fs';
import type { StateService } from './state-service';

/** A `--seed` file that cannot be loaded: start-up stops (the command line exits with 2). */
export class SeedFileError extends Error {
  override name = 'SeedFileError';
}

/** Loads `--seed FILE` (either form) into the store, or says which file, where in it, and why not. */
export async function loadSeedFile(state: StateService, file: string): Promise<void> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new SeedFileError(`Cannot read the seed file ${file}: ${(error as Error).message}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new SeedFileError(`The seed file ${file} is not JSON: ${(error as Error).message}`);
  }
  const outcome = await state.replaceState(document);
  if (!outcome.ok) throw new SeedFileError(`The seed file ${file} is not valid: at ${outcome.path || '/'}: ${outcome.reason}`);
}
