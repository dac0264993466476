import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { runCommand, spawnGateway, type GatewayProcess } from '../support/gateway-process';

let dir: string;
const running: GatewayProcess[] = [];
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'label-gateway-seed-'));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((gateway) => gateway.kill('SIGTERM')));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const at = path.join(dir, name);
  fs.writeFileSync(at, typeof content === 'string' ? content : JSON.stringify(content));
  return at;
}

async function start(args: string[]): Promise<GatewayProcess> {
  const gateway = await spawnGateway(['--memory', '--quiet', ...args]);
  running.push(gateway);
  return gateway;
}

describe('label-gateway serve --seed', () => {
  it('loads a seed before it listens: fixed ids are there on the first request', async () => {
    const seed = file('good.json', { kirim: { 'Bearer sk_test_1': [{ id: 'lbl_01HXYZABCDEFGHJKMNPQRSTVWX', name: 'VIP', color: 'red' }] } });
    const gateway = await start(['--seed', seed]);
    const res = await request(gateway.url).get('/kirim/v1/labels/lbl_01HXYZABCDEFGHJKMNPQRSTVWX').set('Authorization', 'Bearer sk_test_1').expect(200);
    expect(res.body.data).toMatchObject({ name: 'VIP', color: 'red' });
  });

  it('stops start-up on a bad seed with exit code 2, naming the file, the path and the reason, never the credential', async () => {
    const seed = file('duplicate.json', { kirim: { 'Bearer sk_secret_token': [{ name: 'VIP' }, { name: 'VIP' }] } });
    const { code, stdout, stderr } = await runCommand(['serve', '--memory', '--port', '0', '--seed', seed]);
    expect(code).toBe(2);
    expect(stderr).toContain(seed);
    expect(stderr).toContain('/kirim/{credential 1}/1/name');
    expect(stderr).toContain("A label named 'VIP' already exists in this team.");
    expect(stderr + stdout).not.toContain('sk_secret_token');
    expect(stdout).not.toContain('listening');
  });

  it.each([
    ['a file that is not JSON', () => file('broken.json', '{"kirim": '), /is not JSON/],
    ['a file that does not exist', () => path.join(dir, 'missing.json'), /Cannot read the seed file/],
    ['an exported document with a mistake', () => file('export.json', { format: 'label-gateway-state', version: 1, vendors: { acme: { tenants: {} } } }), /at \/vendors\/acme: is not a vendor/],
  ])('stops start-up on %s (exit code 2)', async (_case, seedFile, message) => {
    const seed = seedFile();
    const { code, stderr } = await runCommand(['serve', '--memory', '--port', '0', '--seed', seed]);
    expect(code).toBe(2);
    expect(stderr).toContain(seed);
    expect(stderr).toMatch(message);
  });

  it('takes the seed from the config file, relative to its folder', async () => {
    file('from-config.json', { jasni: { 'Bearer jsk_config': [{ name: 'From the config' }] } });
    const config = file('gateway.json', { seed: 'from-config.json' });
    const gateway = await start(['--config', config]);
    const res = await request(gateway.url).get('/jasni/api/v1/labels').set('Authorization', 'Bearer jsk_config').expect(200);
    expect(res.body.data.labels.map((label: { name: string }) => label.name)).toEqual(['From the config']);
  });
});

describe('label-gateway serve --random-seed', () => {
  const firstKirimLabel = async (gateway: GatewayProcess) =>
    (await request(gateway.url).post('/kirim/v1/labels').set('Authorization', 'Bearer sk_test_1').send({ name: 'VIP' }).expect(201)).body;

  it('gives the same ids in two runs with the same seed, and other ids with another', async () => {
    const first = await firstKirimLabel(await start(['--random-seed', '42']));
    const second = await firstKirimLabel(await start(['--random-seed', '42']));
    const other = await firstKirimLabel(await start(['--random-seed', '43']));
    expect(second.data.id).toBe(first.data.id);
    expect(second.request_id).toBe(first.request_id);
    expect(other.data.id).not.toBe(first.data.id);
  });

  it('refuses a seed that is not a whole number (exit code 2)', async () => {
    const { code, stderr } = await runCommand(['serve', '--memory', '--random-seed', 'abc']);
    expect(code).toBe(2);
    expect(stderr).toContain('--random-seed must be a whole number');
  });
});
