import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StoreEngine, StoredDocument } from '../../src/store/engine';
import { openEngine } from '../../src/store/store-location';

/**
 * The NeDB engine when the disk fills up: a write whose append fails is refused, and must leave no
 * trace, neither in the file (where a fragment would corrupt the next line) nor in NeDB's memory
 * (where it would hold its name, be read back, and be written out by the next compaction).
 */
interface Doc extends StoredDocument {
  name: string;
  deletedAt: string | null;
}

const doc = (id: string, name = id): Omit<Doc, 'seq'> => ({ _id: id, name, deletedAt: null, uniqueKey: `key|${name}` });
const names = async (engine: StoreEngine) => (await engine.collection<Doc>('labels').load()).map((document) => `${document._id}:${document.name}`);

/** The next data-file append writes only part of its bytes, then fails as a full disk does. */
function failNextAppend(): void {
  const realWrite = fs.writeSync;
  const spy = jest.spyOn(fs, 'writeSync').mockImplementationOnce(((fd: number, buffer: Buffer, offset: number) => {
    spy.mockRestore();
    realWrite(fd, buffer, offset, Math.min(9, buffer.length - offset));
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  }) as unknown as typeof fs.writeSync);
}

describe('NeDB store: a write refused by a full disk leaves no trace', () => {
  let dir: string;
  let engine: StoreEngine;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lg-full-disk-'));
    engine = await openEngine({ kind: 'folder', dir });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a refused insert does not hold its name, and a retry is stored once', async () => {
    const labels = engine.collection<Doc>('labels');
    await labels.insert(doc('a', 'VIP'));
    failNextAppend();
    await expect(labels.insert(doc('b', 'Urgent'))).rejects.toThrow('ENOSPC');
    await expect(labels.insert(doc('c', 'Urgent'))).resolves.toMatchObject({ _id: 'c' });
    await engine.close();
    engine = await openEngine({ kind: 'folder', dir });
    expect(await names(engine)).toEqual(['a:VIP', 'c:Urgent']);
  });

  it('a refused update and a refused removal change nothing, now or after a restart', async () => {
    const labels = engine.collection<Doc>('labels');
    await labels.insert(doc('a', 'VIP'));
    failNextAppend();
    await expect(labels.update('a', { deleted: false }, { name: 'Renamed', uniqueKey: 'key|Renamed' }, [])).rejects.toThrow('ENOSPC');
    failNextAppend();
    await expect(labels.remove('a')).rejects.toThrow('ENOSPC');
    // The name it kept is still taken; the one the refused update wanted is free.
    await expect(labels.insert(doc('b', 'VIP'))).rejects.toMatchObject({ field: 'uniqueKey' });
    await expect(labels.insert(doc('c', 'Renamed'))).resolves.toMatchObject({ _id: 'c' });
    await engine.close(); // compacts: the file is rewritten from NeDB's memory
    engine = await openEngine({ kind: 'folder', dir });
    expect(await names(engine)).toEqual(['a:VIP', 'c:Renamed']);
  });
});
