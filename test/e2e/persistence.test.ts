import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROFILES, profileOf, uniqueName } from '../support/dialect-profiles';
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

  it('starts after a crash tore the last line of a data file: drops it, says so, keeps the rest', async () => {
    const first = await start();
    const created = await createEverywhere(first.url, 2);
    expect(await first.kill('SIGTERM')).toBe(0);

    const teams = path.join(dataDir, 'teams.db');
    const lines = fs.readFileSync(teams, 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(2); // a small file: one torn line is half of it
    fs.truncateSync(teams, fs.statSync(teams).size - 7); // the "\n" and 6 bytes of the last document
    const tornBytes = Buffer.byteLength(lines[1]) - 6;

    const second = await start();
    expect(second.stderr()).toContain(`${teams}: dropped its last line (line 2, ${tornBytes} bytes)`);
    await expectAllThere(second.url, created);
    expect(fs.readFileSync(teams, 'utf8')).toBe(`${lines[0]}\n`); // rewritten: the fragment is gone

    // The next append starts on a line of its own: a later restart reads it, and warns of nothing.
    const v2 = profileOf('supersend-v2');
    const name = uniqueName('second team');
    const otherTeam = { ...v2.createBody(name), team_id: '0b6f1b2e-5d4c-4a3b-9c8d-7e6f5a4b3c2d' };
    await contractClient(second.url).post(v2.collection).set(v2.auth('durable-key')).send(otherTeam).expect(201);
    await second.kill('SIGKILL');
    const appended = fs.readFileSync(teams, 'utf8');
    expect(appended.startsWith(`${lines[0]}\n`) && appended.endsWith('\n')).toBe(true);
    for (const line of appended.split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
    const third = await start();
    expect(third.stderr()).not.toContain('dropped');
    const list = await contractClient(third.url).get(v2.collection).query({ team_id: otherTeam.team_id }).set(v2.auth('durable-key')).expect(200);
    expect(v2.namesIn(list.body)).toContain(name);
  });

  it('refuses a data file damaged anywhere but its last line, naming the file, the line and what to do', async () => {
    const first = await start();
    await createEverywhere(first.url, 2);
    expect(await first.kill('SIGTERM')).toBe(0);
    const labels = path.join(dataDir, 'labels.db');
    const lines = fs.readFileSync(labels, 'utf8').split('\n');
    lines[2] = lines[2].slice(0, 20); // line 3 of about eleven: under NeDB's 10 % it would vanish silently
    fs.writeFileSync(labels, lines.join('\n'));

    const result = await runCommand(['serve', '--port', '0', '--data', dataDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Cannot load ${labels}: line 3 is not a readable document`);
    expect(result.stderr).toContain('Repair or delete that line');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(fs.readFileSync(labels, 'utf8')).toBe(lines.join('\n')); // untouched
  });

  it('creates the data folder and every file in it readable by their owner only', async () => {
    const folder = path.join(dataDir, 'fresh', 'data');
    const gateway = await spawnGateway(['--data', folder, '--quiet']);
    running.push(gateway);
    await createEverywhere(gateway.url, 1);
    const modeOf = (file: string) => fs.statSync(file).mode & 0o777;
    expect(modeOf(folder)).toBe(0o700);
    expect(modeOf(path.join(folder, '.lock'))).toBe(0o600);
    expect(await gateway.kill('SIGTERM')).toBe(0); // the stop rewrites every file through a temporary
    const files = fs.readdirSync(folder);
    expect(files.sort()).toEqual(['assignments.db', 'idMap.db', 'labels.db', 'teams.db', 'tenants.db']);
    for (const file of files) expect([file, modeOf(path.join(folder, file))]).toEqual([file, 0o600]);
  });

  it('refuses a damaged data file with a message naming it', async () => {
    fs.writeFileSync(path.join(dataDir, 'labels.db'), 'this is not nedb\n{"also": broken\n');
    const result = await runCommand(['serve', '--port', '0', '--data', dataDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(path.join(dataDir, 'labels.db'));
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
