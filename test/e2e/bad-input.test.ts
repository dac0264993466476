import request from 'supertest';
import { PROFILES, uniqueName } from '../support/dialect-profiles';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.stop());

/**
 * Bad input in every dialect: a clear error in the dialect's own envelope (the contract client checks
 * the envelope of every answer), the process unharmed, and nothing written.
 */
describe.each(PROFILES)('$dialect bad input', (profile) => {
  const key = `bad-input-${profile.dialect}`;
  const auth = profile.auth(key);

  async function labelCount(): Promise<number> {
    const list = await gateway.api.get(profile.collection).query(profile.listQuery).set(auth).expect(200);
    return profile.namesIn(list.body).length;
  }

  afterEach(async () => {
    expect(await labelCount()).toBe(0);
    await request(gateway.url).get('/__admin/health').expect(200);
  });

  it('answers 400 to malformed JSON', async () => {
    await gateway.api.post(profile.collection).set(auth).set('Content-Type', 'application/json').send('{"name": "x",').expect(400);
  });

  it('answers 400 naming the field to a wrong type', async () => {
    const res = await gateway.api.post(profile.collection).set(auth).send(profile.wrongTypeBody()).expect(400);
    expect(JSON.stringify(res.body)).toContain('name');
  });

  it('answers 400 to an array where an object belongs', async () => {
    await gateway.api.post(profile.collection).set(auth).send([profile.createBody(uniqueName())]).expect(400);
  });

  it('answers 400 to a body that is JSON null or a bare string', async () => {
    await gateway.api.post(profile.collection).set(auth).set('Content-Type', 'application/json').send('null').expect(400);
    await gateway.api.post(profile.collection).set(auth).set('Content-Type', 'application/json').send('"name"').expect(400);
  });

  it('answers 400 to a __proto__ key and pollutes nothing', async () => {
    const body = JSON.stringify(profile.createBody(uniqueName())).replace(/^\{/, '{"__proto__": {"polluted": true},');
    const res = await gateway.api.post(profile.collection).set(auth).set('Content-Type', 'application/json').send(body).expect(400);
    expect(JSON.stringify(res.body)).toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers 400 to a constructor.prototype key', async () => {
    const body = { ...profile.createBody(uniqueName()), constructor: { prototype: { polluted: true } } };
    await gateway.api.post(profile.collection).set(auth).send(body).expect(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers 413 to a body over 1 MiB', async () => {
    const body = { ...profile.createBody(uniqueName()), padding: 'x'.repeat(1024 * 1024) };
    await gateway.api.post(profile.collection).set(auth).send(body).expect(413);
  });

  it('answers 415 to a write that is not JSON', async () => {
    await gateway.api.post(profile.collection).set(auth).set('Content-Type', 'text/plain').send('name=x').expect(415);
    await gateway.api.post(profile.collection).set(auth).type('form').send({ name: 'x' }).expect(415);
  });

  it('answers 400 to a write with no body', async () => {
    await gateway.api.post(profile.collection).set(auth).expect(400);
  });

  it('answers 401 without credentials, and with a malformed Authorization header', async () => {
    await gateway.api.post(profile.collection).send(profile.createBody(uniqueName())).expect(401);
    await gateway.api.get(profile.collection).query(profile.listQuery).expect(401);
    if (profile.dialect !== 'attention-v2') {
      await gateway.api.get(profile.collection).query(profile.listQuery).set('Authorization', 'Basic dXNlcjpwYXNz').expect(401);
    }
  });

  it('never repeats the credential in an error', async () => {
    const secret = 'Bearer s3cr3t-value-that-must-not-leak';
    const res = await gateway.api.get(profile.collection).query(profile.listQuery).set('Authorization', `${secret} extra`);
    expect(JSON.stringify(res.body)).not.toContain('s3cr3t');
  });

  it("answers the dialect's 404 to an unknown path under its prefix", async () => {
    await gateway.api.get(`${profile.collection}/some/deeper/path`).set(auth).expect(404);
  });

  it('answers 404 to an unknown label id', async () => {
    if (profile.hasGetOne) await gateway.api.get(`${profile.collection}/does-not-exist`).set(auth).expect(404);
    await gateway.api[profile.updateMethod](`${profile.collection}/does-not-exist`).set(auth).send(profile.updateBody(uniqueName())).expect(404);
    await gateway.api.delete(`${profile.collection}/does-not-exist`).set(auth).expect(404);
  });
});

describe('outside every vendor', () => {
  it('answers a plain JSON 404 that lists the known prefixes', async () => {
    const res = await request(gateway.url).get('/stripe/v1/labels').expect(404);
    expect(res.body.knownPrefixes).toEqual(['/attention', '/kirim', '/supersend', '/jasni']);
  });
});
