import request from 'supertest';
import { credentialFingerprint } from '../../src/core/credential-fingerprint';
import { gatewayInternals } from '../../src/gateway';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.stop());
afterEach(() => request(gateway.url).delete('/__admin/faults').expect(200));

const admin = () => request(gateway.url);

describe('POST /__admin/faults', () => {
  it('arms a fault and answers it with its id, fired 0, and the credential only as a fingerprint', async () => {
    const res = await admin()
      .post('/__admin/faults')
      .send({ dialect: 'kirim', operation: 'createLabel', credential: 'Bearer sk_test_1', respond: { status: 429, retryAfter: 2 }, delayMs: 0, times: 3, probability: 1 })
      .expect(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^flt_/),
      dialect: 'kirim',
      operation: 'createLabel',
      credentialFingerprint: credentialFingerprint('sk_test_1'),
      respond: { status: 429, retryAfter: 2 },
      delayMs: 0,
      times: 3,
      probability: 1,
      fired: 0,
      armedAt: expect.any(String),
    });
    expect(JSON.stringify(res.body)).not.toContain('sk_test_1');
  });

  it.each([
    [{ dialect: 'stripe', respond: { status: 429 } }, 'dialect'],
    [{ dialect: 'kirim', operation: 'createLabels', respond: { status: 429 } }, 'operation'],
    [{ respond: { status: 302 } }, 'respond.status'],
    [{ respond: { status: 429 }, probability: 2 }, 'probability'],
    [{ respond: { status: 429 }, fault: 'empty' }, 'fault'],
    [{ credential: 'Bearer sk' }, 'respond'],
    [[{ respond: { status: 429 } }], 'body'],
  ])('refuses %j with a 400 naming %s, and arms nothing', async (fault, field) => {
    const res = await admin().post('/__admin/faults').send(fault).expect(400);
    expect(res.body).toEqual({ error: 'validation_error', message: expect.any(String), field });
    expect((await admin().get('/__admin/faults').expect(200)).body).toEqual({ faults: [] });
  });

  it('refuses a body that is not JSON', async () => {
    await admin().post('/__admin/faults').set('Content-Type', 'application/json').send('{"respond":').expect(400, { error: 'validation_error', message: 'The request body is not valid JSON.', field: 'body' });
    // A body that is not JSON is what a cross-site form can send: the admin guard refuses it.
    await admin().post('/__admin/faults').set('Content-Type', 'text/plain').send('respond=429').expect(403);
  });
});

describe('GET and DELETE /__admin/faults', () => {
  it('lists armed faults in arming order with how often each fired', async () => {
    const first = (await admin().post('/__admin/faults').send({ dialect: 'jasni', respond: { status: 500 } }).expect(201)).body;
    const second = (await admin().post('/__admin/faults').send({ dialect: 'kirim', respond: { status: 503 } }).expect(201)).body;
    await gateway.api.get('/jasni/api/v1/labels').set('Authorization', 'Bearer jsk_admin').expect(500);
    const listed = (await admin().get('/__admin/faults').expect(200)).body.faults;
    expect(listed.map((fault: { id: string }) => fault.id)).toEqual([first.id, second.id]);
    expect(listed.map((fault: { fired: number }) => fault.fired)).toEqual([1, 0]);
    expect((await admin().get(`/__admin/faults/${first.id}`).expect(200)).body.fired).toBe(1);
  });

  it('disarms one fault by id, and answers 404 for an id not armed', async () => {
    const { id } = (await admin().post('/__admin/faults').send({ dialect: 'jasni', respond: { status: 500 } }).expect(201)).body;
    await admin().delete(`/__admin/faults/${id}`).expect(200, { status: 'removed', id });
    await gateway.api.get('/jasni/api/v1/labels').set('Authorization', 'Bearer jsk_admin').expect(200);
    const missing = await admin().delete(`/__admin/faults/${id}`).expect(404);
    expect(missing.body).toEqual({ error: 'not_found', message: `No fault ${id} is armed.` });
  });

  it('disarms every fault and says how many', async () => {
    await admin().post('/__admin/faults').send({ respond: { status: 500 } }).expect(201);
    await admin().post('/__admin/faults').send({ respond: { status: 503 } }).expect(201);
    await admin().delete('/__admin/faults').expect(200, { status: 'cleared', removed: 2 });
    await gateway.api.get('/jasni/api/v1/labels').set('Authorization', 'Bearer jsk_admin').expect(200);
  });
});

describe('startGateway() faults and rateLimits options', () => {
  it('arms the given faults at start and exposes the registry to the gateway\'s own tooling', async () => {
    const armed = await startTestGateway({
      faults: [{ dialect: 'jasni', operation: 'listLabels', respond: { status: 503 } }],
      rateLimits: { kirim: { limit: 1, windowSeconds: 60 } },
    });
    try {
      await armed.api.get('/jasni/api/v1/labels').set('Authorization', 'Bearer jsk_options').expect(503);
      const { faults, rateLimits } = gatewayInternals(armed);
      expect(faults.list()).toEqual([expect.objectContaining({ dialect: 'jasni', fired: 1 })]);
      expect(rateLimits.configured).toBe(true);
      faults.clear();
      await armed.api.get('/jasni/api/v1/labels').set('Authorization', 'Bearer jsk_options').expect(200);
    } finally {
      await armed.stop();
    }
  });

  it('refuses to start with a bad fault, naming it', async () => {
    await expect(startTestGateway({ faults: [{ dialect: 'kirim', respond: { status: 200 } }] })).rejects.toThrow(
      'the faults option: faults[0].respond.status: respond.status must be a 4xx or 5xx status: an integer from 400 to 599.',
    );
  });
});
