import request from 'supertest';
import { armFault, clearFaults, errorMessageOf, VIOLATIONS_HEADER } from '../support/faults';
import { PROFILES, profileOf, uniqueName } from '../support/dialect-profiles';
import { fetchWithRetries } from '../support/retrying-fetch';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.stop());
afterEach(() => clearFaults(gateway.url));

describe.each(PROFILES)('$dialect answers an armed fault in its own envelope', (profile) => {
  const auth = profile.auth(`faults-${profile.dialect}`);

  it.each([
    [429, 'Rate limit exceeded', '3'],
    [500, 'Internal server error', undefined],
    [503, 'Service unavailable', '1'],
  ])('%i: "%s", Retry-After %s, and the answer keeps to the spec', async (status, message, retryAfter) => {
    await armFault(gateway.url, { dialect: profile.dialect, operation: 'createLabel', respond: { status, ...(status === 429 && { retryAfter: 3 }) } });
    const res = await gateway.api.post(profile.collection).set(auth).send(profile.createBody(uniqueName('faulted'))).expect(status);
    expect(errorMessageOf(profile.dialect, res.body)).toBe(message);
    expect(res.headers['retry-after']).toBe(retryAfter);
    expect(res.headers[VIOLATIONS_HEADER]).toBeUndefined();
  });

  it('answers any other 4xx or 5xx with that status', async () => {
    await armFault(gateway.url, { dialect: profile.dialect, respond: { status: 418, message: 'Short and stout' } });
    const res = await gateway.api.get(profile.collection).query(profile.listQuery).set(auth).expect(418);
    expect(errorMessageOf(profile.dialect, res.body)).toBe('Short and stout');
    expect(res.headers[VIOLATIONS_HEADER]).toBeUndefined();
  });
});

describe('Kirim fault answers', () => {
  it('carry the error class of the status and a request id', async () => {
    await armFault(gateway.url, { dialect: 'kirim', respond: { status: 429 } });
    const res = await gateway.api.get('/kirim/v1/labels').set('Authorization', 'Bearer sk_test_1').expect(429);
    expect(res.body.error).toEqual({ type: 'rate_limit_error', code: 'rate_limited', message: 'Rate limit exceeded', request_id: expect.stringMatching(/^req_/) });
  });
});

describe('a client with retries against an armed gateway', () => {
  const kirim = profileOf('kirim');
  const post = (key: string, name: string): RequestInit => ({
    method: 'POST',
    headers: { ...kirim.auth(key), 'Content-Type': 'application/json' },
    body: JSON.stringify(kirim.createBody(name)),
  });

  it('is refused twice, waits what Retry-After says, and gets its label on the third try', async () => {
    await armFault(gateway.url, { dialect: 'kirim', operation: 'createLabel', credential: 'Bearer sk_retry', respond: { status: 429, retryAfter: 1 }, times: 2 });
    const name = uniqueName('retried');
    const answer = await fetchWithRetries(`${gateway.url}/kirim/v1/labels`, post('sk_retry', name), 3);
    expect(answer.status).toBe(201);
    expect(answer.attempts.map((attempt) => ('status' in attempt ? attempt.status : attempt.error))).toEqual([429, 429, 201]);
    const [first, second] = answer.attempts;
    expect(second.at - first.at).toBeGreaterThanOrEqual(950);
    // The fault disarmed itself after its two firings; the label exists once.
    expect((await request(gateway.url).get('/__admin/faults').expect(200)).body.faults).toEqual([]);
    const listed = await gateway.api.get('/kirim/v1/labels').set(kirim.auth('sk_retry')).expect(200);
    expect(kirim.namesIn(listed.body).filter((each) => each === name)).toHaveLength(1);
  });

  it('gives up with the last 503 when the fault outlasts its retries', async () => {
    await armFault(gateway.url, { dialect: 'kirim', operation: 'createLabel', respond: { status: 503, retryAfter: 0 } });
    const answer = await fetchWithRetries(`${gateway.url}/kirim/v1/labels`, post('sk_gives_up', uniqueName('never')), 2);
    expect(answer.status).toBe(503);
    expect(answer.attempts).toHaveLength(3);
    expect(answer.body).toMatchObject({ error: { type: 'api_error', code: 'service_unavailable' } });
  });
});

describe('matching', () => {
  const jasni = profileOf('jasni');

  it("fires only on the named tenant's requests, so suites sharing a gateway do not hit each other's faults", async () => {
    await armFault(gateway.url, { dialect: 'jasni', credential: 'Bearer jsk_suite_a', respond: { status: 500 } });
    await gateway.api.get(jasni.collection).set('Authorization', 'Bearer jsk_suite_a').expect(500);
    await gateway.api.get(jasni.collection).set('Authorization', 'Bearer jsk_suite_b').expect(200);
  });

  it('fires only on the named operation', async () => {
    await armFault(gateway.url, { dialect: 'jasni', operation: 'createLabel', respond: { status: 500 } });
    await gateway.api.get(jasni.collection).set(jasni.auth('op')).expect(200);
    await gateway.api.post(jasni.collection).set(jasni.auth('op')).send(jasni.createBody(uniqueName('op'))).expect(500);
  });

  it('fires the first armed of two matching faults', async () => {
    await armFault(gateway.url, { dialect: 'jasni', respond: { status: 503 } });
    await armFault(gateway.url, { dialect: 'jasni', operation: 'listLabels', respond: { status: 500 } });
    await gateway.api.get(jasni.collection).set(jasni.auth('order')).expect(503);
  });

  it('answers `times` times, then serves for real again', async () => {
    await armFault(gateway.url, { dialect: 'jasni', respond: { status: 500 }, times: 2 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await gateway.api.get(jasni.collection).set(jasni.auth('times'))).status);
    expect(statuses).toEqual([500, 500, 200, 200]);
  });

  it('fires a seeded probabilistic fault on the same requests in every run', async () => {
    const run = async () => {
      const fault = await armFault(gateway.url, { dialect: 'jasni', respond: { status: 503 }, probability: 0.5, seed: 2024 });
      const statuses = [];
      for (let i = 0; i < 16; i++) statuses.push((await gateway.api.get(jasni.collection).set(jasni.auth('dice'))).status);
      await request(gateway.url).delete(`/__admin/faults/${fault.id}`).expect(200);
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first).toContain(503);
    expect(first).toContain(200);
  });
});

describe('delays', () => {
  const attention = profileOf('attention-v2');

  it('delayMs alone slows the real answer', async () => {
    await armFault(gateway.url, { dialect: 'attention-v2', operation: 'listLabels', delayMs: 400 });
    const started = Date.now();
    await gateway.api.get(attention.collection).set(attention.auth('slow')).expect(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('delayMs with respond answers the error late', async () => {
    await armFault(gateway.url, { dialect: 'attention-v2', delayMs: 300, respond: { status: 504 } });
    const started = Date.now();
    await gateway.api.get(attention.collection).set(attention.auth('slow')).expect(504);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});

describe('Prefer (Prism convention), one request at a time', () => {
  const supersend = profileOf('supersend-v2');

  it('Prefer: code=429 answers that request with the dialect\'s 429, and the next one normally', async () => {
    const res = await gateway.api.get(supersend.collection).query(supersend.listQuery).set(supersend.auth('prefer')).set('Prefer', 'code=429').expect(429);
    expect(res.body).toMatchObject({ success: false, error: { code: 'RATE_LIMITED', message: 'Rate limit exceeded' } });
    expect(res.headers['retry-after']).toBe('1');
    await gateway.api.get(supersend.collection).query(supersend.listQuery).set(supersend.auth('prefer')).expect(200);
  });

  it('Prefer: delay=300 slows that request', async () => {
    const started = Date.now();
    await gateway.api.get(supersend.collection).query(supersend.listQuery).set(supersend.auth('prefer')).set('Prefer', 'delay=300').expect(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('a code it cannot answer with is the dialect\'s 400 naming the header', async () => {
    const res = await gateway.api.get(supersend.collection).query(supersend.listQuery).set(supersend.auth('prefer')).set('Prefer', 'code=200').expect(400);
    expect(res.body.error.message).toMatch(/^Prefer: code must be a 4xx or 5xx status/);
  });
});
