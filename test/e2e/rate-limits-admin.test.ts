import request from 'supertest';
import { AdminApiError } from '../../src/admin-client';
import { profileOf } from '../support/dialect-profiles';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

const kirim = profileOf('kirim');
const supersend = profileOf('supersend-v2');

describe('rate limits at run time: /__admin/rate-limits', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ rateLimits: { jasni: { limit: 100, windowSeconds: 60 } } });
  });
  afterAll(() => gateway.stop());
  // Each test lifts what it put in force; the start limit (jasni) stays until the test that lifts everything.
  afterEach(async () => {
    for (const dialect of ['kirim', 'supersend-v2']) await request(gateway.url).delete(`/__admin/rate-limits/${dialect}`);
  });

  const listKirim = (key: string) => gateway.api.get(kirim.collection).set(kirim.auth(key));

  it('lists the limits given at start', async () => {
    const res = await request(gateway.url).get('/__admin/rate-limits').expect(200);
    expect(res.body).toEqual({ rateLimits: { jasni: { limit: 100, windowSeconds: 60 } } });
    expect((await request(gateway.url).get('/__admin/rate-limits/jasni').expect(200)).body).toEqual({ dialect: 'jasni', limit: 100, windowSeconds: 60 });
  });

  it('puts a limit in force on a dialect that had none: past it, the dialect answers its 429', async () => {
    await listKirim('sk_runtime').expect(200);
    expect((await listKirim('sk_runtime')).headers['ratelimit-limit']).toBeUndefined();

    const put = await request(gateway.url).put('/__admin/rate-limits/kirim').send({ limit: 2, windowSeconds: 60 }).expect(200);
    expect(put.body).toEqual({ dialect: 'kirim', limit: 2, windowSeconds: 60 });
    expect((await listKirim('sk_runtime').expect(200)).headers['ratelimit-remaining']).toBe('1');
    await listKirim('sk_runtime').expect(200);
    const refused = await listKirim('sk_runtime').expect(429);
    expect(refused.body.error).toMatchObject({ code: 'rate_limited', message: 'Rate limit exceeded' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);

    await request(gateway.url).delete('/__admin/rate-limits/kirim').expect(200, { status: 'removed', dialect: 'kirim' });
    const free = await listKirim('sk_runtime').expect(200);
    expect(free.headers['ratelimit-limit']).toBeUndefined();
  });

  it('replaces a limit, and every window starts afresh', async () => {
    await request(gateway.url).put('/__admin/rate-limits/supersend-v2').send({ limit: 1, windowSeconds: 60 }).expect(200);
    const call = () => gateway.api.get(supersend.collection).query(supersend.listQuery).set(supersend.auth('replaced'));
    await call().expect(200);
    await call().expect(429);
    await request(gateway.url).put('/__admin/rate-limits/supersend-v2').send({ limit: 3, windowSeconds: 60 }).expect(200);
    const after = await call().expect(200);
    expect(after.headers).toMatchObject({ 'ratelimit-limit': '3', 'ratelimit-remaining': '2' });
  });

  it.each([
    [{ limit: 0, windowSeconds: 1 }, 'limit', 'limit must be a whole number of requests from 1 to 1000000.'],
    [{ limit: 2.5, windowSeconds: 1 }, 'limit', 'limit must be a whole number of requests from 1 to 1000000.'],
    [{ limit: 5, windowSeconds: 86_401 }, 'windowSeconds', 'windowSeconds must be whole seconds from 1 to 86400.'],
    [{ limit: 5 }, 'windowSeconds', 'windowSeconds is required.'],
    [{ limit: 5, windowSeconds: 1, burst: 2 }, 'burst', 'burst is not a recognised field.'],
    [[5, 1], 'body', 'A rate limit must be a JSON object: {"limit": N, "windowSeconds": S}.'],
  ])('refuses %j with a 400 naming %s, and puts nothing in force', async (body, field, message) => {
    const res = await request(gateway.url).put('/__admin/rate-limits/kirim').send(body as object).expect(400);
    expect(res.body).toEqual({ error: 'validation_error', message, field });
    await request(gateway.url).get('/__admin/rate-limits/kirim').expect(404);
    expect((await listKirim('sk_refused').expect(200)).headers['ratelimit-limit']).toBeUndefined();
  });

  it('answers 404 for a dialect that is not one, and for a dialect without a limit', async () => {
    const unknown = await request(gateway.url).put('/__admin/rate-limits/stripe').send({ limit: 1, windowSeconds: 1 }).expect(404);
    expect(unknown.body).toMatchObject({ error: 'not_found', message: expect.stringMatching(/^"stripe" is not a dialect \(use attention-v2, /) });
    await request(gateway.url).get('/__admin/rate-limits/kirim').expect(404, { error: 'not_found', message: 'kirim has no rate limit.' });
    await request(gateway.url).delete('/__admin/rate-limits/kirim').expect(404);
  });

  it('lifts every limit at once, the start ones too', async () => {
    await request(gateway.url).put('/__admin/rate-limits/kirim').send({ limit: 1, windowSeconds: 60 }).expect(200);
    const cleared = await request(gateway.url).delete('/__admin/rate-limits').expect(200);
    expect(cleared.body).toEqual({ status: 'cleared', removed: 2 });
    expect((await request(gateway.url).get('/__admin/rate-limits').expect(200)).body).toEqual({ rateLimits: {} });
  });

  it('is driven by the typed client startGateway() returns', async () => {
    expect(await gateway.rateLimits.set('kirim', { limit: 1, windowSeconds: 30 })).toEqual({ limit: 1, windowSeconds: 30 });
    expect(await gateway.rateLimits.list()).toEqual({ kirim: { limit: 1, windowSeconds: 30 } });
    await listKirim('sk_client').expect(200);
    await listKirim('sk_client').expect(429);
    await gateway.rateLimits.clear('kirim');
    await listKirim('sk_client').expect(200);
    const refusal = await gateway.rateLimits.set('kirim', { limit: -1, windowSeconds: 30 }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AdminApiError);
    expect(refusal).toMatchObject({ status: 400, body: { field: 'limit' } });
    await gateway.rateLimits.clear();
    expect(await gateway.rateLimits.list()).toEqual({});
  });
});

describe('coverage and routes through the typed client', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.stop());

  it('reads /__admin/coverage, narrowed by dialect', async () => {
    await gateway.api.get(kirim.collection).set(kirim.auth('coverage')).expect(200);
    const [coverage, ...others] = await gateway.coverage({ dialect: 'kirim' });
    expect(others).toEqual([]);
    expect(coverage.dialect).toBe('kirim');
    expect(coverage.operations.find((operation) => operation.operation === 'listLabels')).toMatchObject({ exercised: true });
    expect(coverage.untouched.operations).toContain('createLabel');
    expect((await gateway.coverage()).map((dialect) => dialect.dialect)).toHaveLength(5);
  });

  it('reads /__admin/routes', async () => {
    const routes = await gateway.routes();
    expect(routes.dialects.map((route) => [route.dialect, route.route])).toEqual([
      ['attention-v2', 'mock'],
      ['kirim', 'mock'],
      ['supersend-v1', 'mock'],
      ['supersend-v2', 'mock'],
      ['jasni', 'mock'],
    ]);
  });
});
