import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { startGateway } from '../../src/gateway';
import { silentLogger } from '../../src/http/logger';
import { defaultSpecsDir } from '../../src/options';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

describe('routing', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.stop());

  it('serves a vendor by Host header, for SDKs that cannot take a path prefix', async () => {
    const auth = { Authorization: 'Bearer host-routing' };
    const team = '7c1d3f4e-2b6a-4c8d-9e0f-1a2b3c4d5e6f';
    await gateway.api.post('/v2/labels').set('Host', `supersend.localhost:${gateway.port}`).set(auth).send({ name: 'by host', color: '#000000', team_id: team }).expect(201);
    const list = await gateway.api.get('/supersend/v2/labels').query({ team_id: team }).set(auth).expect(200);
    expect(list.body.data.map((label: { name: string }) => label.name)).toEqual(['by host']);
  });

  it("answers 405 with Allow in the dialect's envelope for a known path and an unsupported method", async () => {
    const res = await gateway.api.put('/supersend/v2/labels').set('Authorization', 'Bearer x').expect(405);
    expect(res.headers.allow).toBe('GET, HEAD, POST');
    expect(res.body.success).toBe(false);
  });

  it('answers health and empties the store on reset', async () => {
    const auth = { Authorization: 'Bearer reset-me' };
    await gateway.api.post('/kirim/v1/labels').set(auth).send({ name: 'before reset' }).expect(201);
    await request(gateway.url).post('/__admin/reset').expect(200, { status: 'reset', vendors: ['attention', 'kirim', 'supersend', 'jasni'] });
    const list = await gateway.api.get('/kirim/v1/labels').set(auth).expect(200);
    expect(list.body.data).toEqual([]);
    await request(gateway.url).get('/__admin/health').expect(200);
  });
});

describe('--documented-only', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ documentedOnly: true });
  });
  afterAll(() => gateway.stop());

  it("answers the dialect's 404 for an operation the vendor does not document", async () => {
    const res = await gateway.api.get('/jasni/api/v1/labels').set('Authorization', 'Bearer jsk_x').expect(404);
    expect(res.body.success).toBe(false);
  });

  it('still serves documented operations', async () => {
    await gateway.api.post('/jasni/api/v1/labels').set('Authorization', 'Bearer jsk_x').send({ name: 'documented' }).expect(201);
  });
});

describe('start-up with a broken spec', () => {
  it('refuses to start, naming the file and the fault', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'label-gateway-specs-'));
    try {
      for (const file of fs.readdirSync(defaultSpecsDir())) fs.copyFileSync(path.join(defaultSpecsDir(), file), path.join(dir, file));
      const broken = path.join(dir, 'kirim.openapi.yaml');
      fs.writeFileSync(broken, fs.readFileSync(broken, 'utf8').replace(/type: string/, 'type: strin'));
      await expect(startGateway({ port: 0, memory: true, specsDir: dir, logger: silentLogger })).rejects.toThrow(broken);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
