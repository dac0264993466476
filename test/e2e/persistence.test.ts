import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROFILES, uniqueName } from '../support/dialect-profiles';
import { contractClient } from '../support/test-gateway';
import { runCommand, spawnGateway, type GatewayProcess } from '../support/gateway-process';

let dataDir: string;
const running: GatewayProcess[] = [];

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'label-gateway-data-'));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((gateway) => gateway.kill('SIGKILL')));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<GatewayProcess> {
  const gateway = await spawnGateway(['--data', dataDir, '--quiet']);
  running.push(gateway);
  return gateway;
}

/** Creates `count` labels in every dialect; returns the names per dialect. */
async function createEverywhere(url: string, count: number): Promise<Map<string, string[]>> {
  const api = contractClient(url);
  const created = new Map<string, string[]>();
  for (const profile of PROFILES) {
    const names = [];
    for (let i = 0; i < count; i++) {
      const name = uniqueName('durable');
      await api.post(profile.collection).set(profile.auth('durable-key')).send(profile.createBody(name)).expect(201);
      names.push(name);
    }
    created.set(profile.dialect, names);
  }
  return created;
}

async function expectAllThere(url: string, created: Map<string, string[]>): Promise<void> {
  const api = contractClient(url);
  for (const profile of PROFILES) {
    const list = await api.get(profile.collection).query(profile.listQuery).set(profile.auth('durable-key')).expect(200);
    // SuperSend v1 also lists v2's labels (one vendor, one store).
    expect(profile.namesIn(list.body)).toEqual(expect.arrayContaining(created.get(profile.dialect)!));
  }
}

describe('persistence on the --data folder', () => {
  it('keeps every acknowledged label across a graceful stop (SIGTERM exits 0)', async () => {
    const first = await start();
    const created = await createEverywhere(first.url, 3);
    expect(await first.kill('SIGTERM')).toBe(0);
    expect(first.stdout()).toContain('SIGTERM received');
    const second = await start();
    await expectAllThere(second.url, created);
  });

  it('keeps every acknowledged label when the process is killed with SIGKILL', async () => {
    const first = await start();
    const created = await createEverywhere(first.url, 3);
    await first.kill('SIGKILL');
    const second = await start();
    await expectAllThere(second.url, created);
  });

  it('keeps names holding Unicode line separators (U+2028, U+2029, U+0085) across two restarts', async () => {
    const profile = PROFILES.find((candidate) => candidate.dialect === 'kirim')!;
    const names = ['line\u2028separator', 'paragraph\u2029separator', 'next\u0085line'];
    const first = await start();
    for (const name of names) {
      await contractClient(first.url).post(profile.collection).set(profile.auth('durable-key')).send(profile.createBody(name)).expect(201);
    }
    await first.kill('SIGKILL'); // the labels are only in the appended lines
    const second = await start();
    expect(await second.kill('SIGTERM')).toBe(0); // this one rewrote the file at load and at stop
    const third = await start();
    const list = await contractClient(third.url).get(profile.collection).query(profile.listQuery).set(profile.auth('durable-key')).expect(200);
    expect(profile.namesIn(list.body)).toEqual(expect.arrayContaining(names));
  });

  it('exits 0 on SIGINT too', async () => {
    const gateway = await start();
    expect(await gateway.kill('SIGINT')).toBe(0);
  });

  it('refuses a second gateway on the same folder, naming the folder', async () => {
    await start();
    const second = await runCommand(['serve', '--port', '0', '--data', dataDir]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`data folder ${dataDir} is in use`);
  });

  it('refuses a damaged data file with a message naming it', async () => {
    fs.writeFileSync(path.join(dataDir, 'labels.db'), 'this is not nedb\n{"also": broken\n');
    const result = await runCommand(['serve', '--port', '0', '--data', dataDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(path.join(dataDir, 'labels.db'));
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
