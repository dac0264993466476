import fs from 'node:fs';

/** The system calls the appender makes; tests pass their own to fail a write halfway. */
export interface AppendIo {
  openSync(path: string, flags: string, mode?: number): number;
  fstatSync(fd: number): { size: number };
  writeSync(fd: number, buffer: Buffer, offset: number): number;
  ftruncateSync(fd: number, length: number): void;
  closeSync(fd: number): void;
}

/**
 * A data file kept open for appending, opened at the first append after start or after a rewrite
 * (one gateway per data folder, so no one else changes its length).
 *
 * A failed append (ENOSPC, EIO) may have put part of its lines in the file. Left there, that
 * fragment would be glued to the next append's first line, and an acknowledged write would become
 * a corrupt line in the middle of the file, which the next load refuses. So the file is cut back
 * to its length before the append; if even that fails, every later append first tries the cut
 * again and is refused while it cannot be made: nothing is written after a fragment.
 */
export class HeldAppender {
  private fd: number | undefined;
  /** The file's length after the last complete append: what a failed one is cut back to. */
  private length = 0;
  /** Set while a failed append's fragment could not be cut off. */
  private fragmentAt: number | undefined;

  constructor(
    private readonly filename: string,
    private readonly fileMode: number | undefined,
    private readonly io: AppendIo = fs,
  ) {}

  append(lines: string): void {
    if (this.fd === undefined) {
      this.fd = this.io.openSync(this.filename, 'a', this.fileMode);
      this.length = this.io.fstatSync(this.fd).size;
    }
    if (this.fragmentAt !== undefined) this.cutBackTo(this.fragmentAt);
    const bytes = Buffer.from(lines);
    let written = 0;
    try {
      // A regular file takes the whole write at once; the loop is for the rare short write.
      while (written < bytes.length) written += this.io.writeSync(this.fd, bytes, written);
    } catch (error) {
      this.cutBackAfterFailure();
      throw error;
    }
    this.length += bytes.length;
  }

  close(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    // A fragment left now is a torn last line, which the next load (or the rewrite that closes us) drops.
    this.fragmentAt = undefined;
    this.io.closeSync(fd);
  }

  private cutBackAfterFailure(): void {
    try {
      this.cutBackTo(this.length);
    } catch {
      // Kept in fragmentAt by cutBackTo: the next append tries again before writing anything.
    }
  }

  /** Truncates the file to `length`; remembers it, and throws, while that cannot be done. */
  private cutBackTo(length: number): void {
    try {
      this.io.ftruncateSync(this.fd!, length);
      this.fragmentAt = undefined;
    } catch (error) {
      this.fragmentAt = length;
      throw new Error(`${this.filename}: a failed write left part of a line that cannot be removed yet (${(error as Error).message}); no write is accepted until it is`);
    }
  }
}
