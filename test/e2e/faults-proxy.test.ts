import request from 'supertest';
import { VENDOR_OF, VENDOR_PREFIX } from '../../src/core/dialects';
import { armFault, clearFaults, VIOLATIONS_HEADER } from '../support/faults';
import { profileOf, TEAM_ID, uniqueName } from '../support/dialect-profiles';
import { startStubUpstream, type StubUpstream } from '../support/stub-upstream';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

const kirim = profileOf('kirim');
const jasni = profileOf('jasni');
const EMPTY_KIRIM_LIST = JSON.stringify({ object: 'list', data: [], has_more: false, request_id: 'req_01HXYZABCDEFGHJKMNPQRSTVWX' });

describe('faults on a pass-through route', () => {
  let vendor: StubUpstream;
  let proxy: TestGateway;
  beforeAll(async () => {
    vendor = await startStubUpstream((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(EMPTY_KIRIM_LIST));
    proxy = await startTestGateway({ proxy: { contract: 'report', upstreamTimeoutMs: 2000, routes: { kirim: { upstream: vendor.url } } } });
  });
  afterAll(() => Promise.all([proxy.stop(), vendor.close()]));
  afterEach(() => clearFaults(proxy.url));

  it('an armed fault answers in the dialect\'s envelope before anything goes upstream', async () => {
    await armFault(proxy.url, { dialect: 'kirim', operation: 'listLabels', respond: { status: 429, retryAfter: 4 } });
    const before = vendor.received.length;
    const res = await proxy.api.get(kirim.collection).set(kirim.auth('sk_proxied')).expect(429);
    expect(res.body.error).toMatchObject({ type: 'rate_limit_error', message: 'Rate limit exceeded' });
    expect(res.headers['retry-after']).toBe('4');
    expect(res.headers[VIOLATIONS_HEADER]).toBeUndefined();
    expect(vendor.received.length).toBe(before);
  });

  it('matches the credential the client forwards', async () => {
    await armFault(proxy.url, { dialect: 'kirim', credential: 'Bearer sk_only_me', respond: { status: 500 } });
    await proxy.api.get(kirim.collection).set(kirim.auth('sk_only_me')).expect(500);
    const before = vendor.received.length;
    await proxy.api.get(kirim.collection).set(kirim.auth('sk_someone_else')).expect(200);
    expect(vendor.received.length).toBe(before + 1);
  });

  it('a network fault breaks the connection and the vendor hears nothing', async () => {
    await armFault(proxy.url, { dialect: 'kirim', fault: 'reset' });
    const before = vendor.received.length;
    const failure = await fetch(`${proxy.url}${kirim.collection}`, { headers: kirim.auth('sk_proxied') }).catch((error: unknown) => error);
    expect((failure as { cause?: { code?: string } }).cause?.code).toBe('ECONNRESET');
    expect(vendor.received.length).toBe(before);
  });

  it('Prefer: code=503 answers without the vendor, and a delay-only fault still forwards', async () => {
    const before = vendor.received.length;
    await proxy.api.get(kirim.collection).set(kirim.auth('sk_proxied')).set('Prefer', 'code=503').expect(503);
    expect(vendor.received.length).toBe(before);
    await armFault(proxy.url, { dialect: 'kirim', delayMs: 200 });
    const started = Date.now();
    await proxy.api.get(kirim.collection).set(kirim.auth('sk_proxied')).expect(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(vendor.received.length).toBe(before + 1);
  });
});

describe('a translating proxy whose upstream gateway is armed', () => {
  let vendors: TestGateway;
  let proxy: TestGateway;
  beforeAll(async () => {
    vendors = await startTestGateway();
    proxy = await startTestGateway({
      proxy: {
        contract: 'enforce',
        upstreamTimeoutMs: 2000,
        routes: { jasni: { upstream: vendors.url + VENDOR_PREFIX[VENDOR_OF.kirim], as: 'kirim', credential: 'Bearer sk_upstream', params: { team_id: TEAM_ID } } },
      },
    });
  });
  afterAll(() => Promise.all([proxy.stop(), vendors.stop()]));
  afterEach(() => clearFaults(vendors.url));

  const createThroughProxy = () => proxy.api.post(jasni.collection).set(jasni.auth('translated')).send(jasni.createBody(uniqueName('translated')));

  it("an upstream 429 reaches the client as its own dialect's 429, with the upstream's Retry-After", async () => {
    await armFault(vendors.url, { dialect: 'kirim', operation: 'createLabel', respond: { status: 429, retryAfter: 7 } });
    const res = await createThroughProxy().expect(429);
    expect(res.body).toEqual({ success: false, error: expect.stringContaining('Rate limit exceeded') });
    expect(res.headers['retry-after']).toBe('7');
    expect(res.headers[VIOLATIONS_HEADER]).toBeUndefined();
  });

  it("an upstream 503 reaches the client as its 503, with the upstream's Retry-After", async () => {
    await armFault(vendors.url, { dialect: 'kirim', operation: 'createLabel', respond: { status: 503, retryAfter: 5 } });
    const res = await createThroughProxy().expect(503);
    expect(res.headers['retry-after']).toBe('5');
  });

  it("an upstream rate limit reaches the client as its 429", async () => {
    const limited = await startTestGateway({ rateLimits: { kirim: { limit: 1, windowSeconds: 60 } } });
    const limitedProxy = await startTestGateway({
      proxy: { contract: 'enforce', upstreamTimeoutMs: 2000, routes: { jasni: { upstream: `${limited.url}/kirim`, as: 'kirim', credential: 'Bearer sk_upstream', params: { team_id: TEAM_ID } } } },
    });
    try {
      await limitedProxy.api.get(jasni.collection).set(jasni.auth('limited')).expect(200);
      const res = await limitedProxy.api.get(jasni.collection).set(jasni.auth('limited')).expect(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    } finally {
      await Promise.all([limitedProxy.stop(), limited.stop()]);
    }
  });

  // Node reports a connection closed before any answer ("socket hang up") with the code ECONNRESET too.
  it.each(['reset', 'empty'] as const)('an upstream %s reaches the client as its 502', async (fault) => {
    await armFault(vendors.url, { dialect: 'kirim', operation: 'createLabel', fault });
    const res = await createThroughProxy().expect(502);
    expect(res.body).toEqual({ success: false, error: 'The upstream (kirim) could not be reached (ECONNRESET).' });
  });

  it("an upstream's malformed answer reaches the client as its 502", async () => {
    await armFault(vendors.url, { dialect: 'kirim', operation: 'createLabel', fault: 'malformed' });
    const res = await createThroughProxy().expect(502);
    expect(res.body.error).toContain('not JSON');
  });

  it('serves normally again once the upstream fault is gone', async () => {
    await armFault(vendors.url, { dialect: 'kirim', operation: 'createLabel', fault: 'reset', times: 1 });
    await createThroughProxy().expect(502);
    await createThroughProxy().expect(201);
    const journal = await request(vendors.url).get('/__admin/requests?limit=1').expect(200);
    expect(journal.body.requests[0]).toMatchObject({ dialect: 'kirim', status: 201 });
  });
});
