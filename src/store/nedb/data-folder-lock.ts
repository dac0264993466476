import fs from 'node:fs';
import path from 'node:path';
import { PRIVATE_MODES } from './file-modes';
import { StoreLoadError } from '../store-errors';

/**
 * One gateway per data folder: two processes appending to the same NeDB files corrupt them
 * (uniqueness is only enforced inside one process). A lock file holds the owner's pid; a lock
 * left by a process that no longer runs (killed with SIGKILL) is taken over.
 */
export class DataFolderLock {
  private constructor(private readonly file: string) {}

  static acquire(dir: string): DataFolderLock {
    fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_MODES.dirMode });
    const file = path.join(dir, '.lock');
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.writeFileSync(file, String(process.pid), { flag: 'wx', mode: PRIVATE_MODES.fileMode });
        return new DataFolderLock(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = Number(fs.readFileSync(file, 'utf8').trim());
        if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isRunning(owner)) {
          throw new StoreLoadError(
            `The data folder ${dir} is in use by another label-gateway (pid ${owner}). ` +
              'Stop it, or start this one with another --data folder or --memory.',
          );
        }
        fs.rmSync(file, { force: true });
      }
    }
    throw new StoreLoadError(`Could not lock the data folder ${dir}.`);
  }

  release(): void {
    fs.rmSync(this.file, { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
