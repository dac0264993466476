import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HeldAppender, type AppendIo } from '../../src/store/nedb/held-appender';
import { readDatafile } from '../../src/store/nedb/datafile-reader';

/**
 * The real file system, except that the writes named in `failWrites` (counted from 1) put only
 * their first `partialBytes` bytes in the file and then fail as a full disk does; the truncations
 * named in `failTruncates` fail too.
 */
function failingIo(options: { failWrites: number[]; partialBytes: number; failTruncates?: number[] }): AppendIo {
  let writes = 0;
  let truncates = 0;
  return {
    openSync: (file, flags, mode) => fs.openSync(file, flags, mode),
    fstatSync: (fd) => fs.fstatSync(fd),
    closeSync: (fd) => fs.closeSync(fd),
    writeSync: (fd, buffer, offset) => {
      writes++;
      if (options.failWrites.includes(writes)) {
        fs.writeSync(fd, buffer, offset, Math.min(options.partialBytes, buffer.length - offset));
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }
      return fs.writeSync(fd, buffer, offset);
    },
    ftruncateSync: (fd, length) => {
      truncates++;
      if (options.failTruncates?.includes(truncates)) throw Object.assign(new Error('EIO: i/o error, ftruncate'), { code: 'EIO' });
      fs.ftruncateSync(fd, length);
    },
  };
}

const line = (name: string) => `${JSON.stringify({ _id: name, name })}\n`;

async function documentsIn(file: string): Promise<unknown[]> {
  const contents = await readDatafile(fs.createReadStream(file, 'utf8'), { sharedFields: new Set() });
  expect(contents.tornTail).toBeUndefined();
  return contents.data.map((doc) => (doc as { _id: string })._id);
}

describe('NeDB appends after a failed write (a full disk)', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'held-appender-'));
    file = path.join(dir, 'labels.db');
    fs.writeFileSync(file, line('before'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('cuts off the part of a line a failed write left, so the next append starts a line of its own', async () => {
    const appender = new HeldAppender(file, undefined, failingIo({ failWrites: [2], partialBytes: 7 }));
    appender.append(line('first'));
    expect(() => appender.append(line('refused'))).toThrow('ENOSPC');
    appender.append(line('after'));
    appender.close();
    expect(fs.readFileSync(file, 'utf8')).toBe(line('before') + line('first') + line('after'));
    await expect(documentsIn(file)).resolves.toEqual(['before', 'first', 'after']);
  });

  it('refuses every append while the fragment cannot be cut off, and writes again once it can', () => {
    // Truncation 1 (after the failed write) and 2 (before the next append) fail; 3 succeeds.
    const appender = new HeldAppender(file, undefined, failingIo({ failWrites: [1], partialBytes: 5, failTruncates: [1, 2] }));
    expect(() => appender.append(line('refused'))).toThrow('ENOSPC');
    expect(fs.readFileSync(file, 'utf8')).toBe(line('before') + line('refused').slice(0, 5));
    expect(() => appender.append(line('also refused'))).toThrow(/cannot be removed yet/);
    expect(fs.readFileSync(file, 'utf8')).toBe(line('before') + line('refused').slice(0, 5));
    appender.append(line('after'));
    appender.close();
    expect(fs.readFileSync(file, 'utf8')).toBe(line('before') + line('after'));
  });

  it('counts the length from the file it opened, across a close and a reopen', () => {
    const io = failingIo({ failWrites: [3], partialBytes: 3 });
    const appender = new HeldAppender(file, undefined, io);
    appender.append(line('one'));
    appender.close();
    fs.appendFileSync(file, line('rewritten elsewhere')); // as a compaction's new file would differ
    appender.append(line('two'));
    expect(() => appender.append(line('refused'))).toThrow('ENOSPC');
    appender.close();
    expect(fs.readFileSync(file, 'utf8')).toBe(line('before') + line('one') + line('rewritten elsewhere') + line('two'));
  });
});
