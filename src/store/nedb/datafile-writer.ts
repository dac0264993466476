import fs from 'node:fs/promises';
import path from 'node:path';
import type { FileModes } from './file-modes';

/**
 * Lines are written in batches of about this many characters: few syscalls, little held at once,
 * and small enough (well under V8's 128 KiB large-object size) that a batch dies in the young
 * generation instead of piling up in the old one until the next full collection.
 */
const BATCH_CHARS = 64 * 1024;

/**
 * Replaces `filename` with `lines` (each followed by "\n") the way NeDB's crash-safe rewrite does:
 * fsync the folder and the old file, write and fsync `filename~`, rename it over the file, fsync the
 * folder. NeDB's load knows how to recover from a crash at any step (it falls back to `filename~`).
 * Unlike NeDB's, it pulls the lines one batch at a time and waits for each write, so a rewrite never
 * holds more than a batch of the file in memory.
 */
export async function writeFileCrashSafely(filename: string, lines: Iterable<string>, modes: FileModes): Promise<void> {
  const dir = path.dirname(filename);
  const temporary = `${filename}~`;
  await fsyncDirectory(dir);
  if (await exists(filename)) await fsyncFile(filename, 'r+', modes.fileMode);
  const handle = await fs.open(temporary, 'w', modes.fileMode);
  try {
    // open() applies the mode only to a file it creates; a `filename~` left by a crash keeps its
    // own, and the rename below would hand it on to the datafile.
    await handle.chmod(modes.fileMode);
    let batch = '';
    for (const line of lines) {
      batch += `${line}\n`;
      if (batch.length >= BATCH_CHARS) {
        await handle.writeFile(batch); // at the current position, retrying short writes
        batch = '';
      }
    }
    if (batch.length > 0) await handle.writeFile(batch);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temporary, filename);
  await fsyncDirectory(dir);
}

async function fsyncFile(file: string, flags: string, mode?: number): Promise<void> {
  const handle = await fs.open(file, flags, mode);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Some file systems cannot open or fsync a folder; NeDB tolerates that too (EISDIR, EPERM). */
async function fsyncDirectory(dir: string): Promise<void> {
  try {
    await fsyncFile(dir, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM') throw error;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}
