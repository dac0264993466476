import request from 'supertest';
import { startGateway } from '../../src/gateway';
import { silentLogger } from '../../src/http/logger';
import { PROFILES } from '../support/dialect-profiles';
import { startStubUpstream, type StubUpstream } from '../support/stub-upstream';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

const APP = 'https://app.example';

/** What a browser sends before a cross-origin request with an Authorization header. */
function preflight(url: string, path: string, method: string, origin = APP): request.Test {
  return request(url)
    .options(path)
    .set('Origin', origin)
    .set('Access-Control-Request-Method', method)
    .set('Access-Control-Request-Headers', 'authorization, content-type');
}

describe('CORS off (the default)', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.stop());

  it('adds no CORS header and answers a preflight as any unsupported method', async () => {
    const res = await preflight(gateway.url, '/kirim/v1/labels', 'POST');
    expect(res.status).toBe(405);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const get = await request(gateway.url).get('/kirim/v1/labels').set('Origin', APP).set('Authorization', 'Bearer t').expect(200);
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('--cors (any origin)', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ cors: true });
  });
  afterAll(() => gateway.stop());

  describe.each(PROFILES)('$dialect', (profile) => {
    const methods = ['GET', 'POST', profile.updateMethod.toUpperCase(), 'DELETE'];

    it.each(methods)('answers a %s preflight on the collection and on a label, Authorization allowed', async (method) => {
      for (const path of [profile.collection, `${profile.collection}/0b6f5a44-6c5e-4d1b-9c3a-2f1e0d9c8b7a`]) {
        const res = await preflight(gateway.url, path, method).expect(204);
        expect(res.headers['access-control-allow-origin']).toBe('*');
        expect(res.headers['access-control-allow-methods']).toContain(method);
        expect(res.headers['access-control-allow-headers']).toBe('authorization, content-type');
        expect(res.text).toBe('');
      }
    });

    it('adds the headers to the answer itself, exposing the gateway’s own headers', async () => {
      const res = await gateway.api.post(profile.collection).set('Origin', APP).set(profile.auth('cors')).send(profile.createBody(`cors ${profile.dialect}`)).expect(201);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['access-control-expose-headers']).toContain('x-label-gateway-violations');
    });
  });

  it('answers a preflight for a vendor named by Host', async () => {
    const res = await preflight(gateway.url, '/v2/labels', 'POST').set('Host', `supersend.localhost:${gateway.port}`).expect(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });

  it('never answers for /__admin, even with a vendor Host', async () => {
    for (const [path, method] of [['/__admin/reset', 'POST'], ['/__admin/requests', 'DELETE'], ['/__admin/health', 'GET']]) {
      const res = await preflight(gateway.url, path, method);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const hosted = await preflight(gateway.url, path, method).set('Host', `kirim.localhost:${gateway.port}`);
      expect(hosted.headers['access-control-allow-origin']).toBeUndefined();
    }
    const health = await request(gateway.url).get('/__admin/health').set('Origin', APP).expect(200);
    expect(health.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('adds nothing outside the vendor prefixes', async () => {
    const res = await request(gateway.url).get('/nowhere').set('Origin', APP).expect(404);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('--cors-origin (a list of origins)', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ cors: { origins: [APP, 'http://localhost:5173'] } });
  });
  afterAll(() => gateway.stop());

  it('allows a listed origin by name, and varies on Origin', async () => {
    const res = await preflight(gateway.url, '/jasni/api/v1/labels', 'POST', 'http://localhost:5173').expect(204);
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(res.headers.vary).toContain('Origin');
  });

  it('does not allow an origin that is not listed', async () => {
    const res = await preflight(gateway.url, '/jasni/api/v1/labels', 'POST', 'https://evil.example');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS and proxied dialects', () => {
  let vendor: StubUpstream;
  const vendorCorsOrigin = 'https://vendor-decides.example';
  beforeAll(async () => {
    vendor = await startStubUpstream((req, res) => {
      res.writeHead(req.method === 'OPTIONS' ? 204 : 200, { 'Access-Control-Allow-Origin': vendorCorsOrigin, 'Content-Type': 'application/json' });
      res.end(req.method === 'OPTIONS' ? undefined : '{"success":true,"data":{"labels":[]}}');
    });
  });
  afterAll(() => vendor.close());

  const proxy = () => ({ contract: 'report' as const, upstreamTimeoutMs: 2000, routes: { jasni: { upstream: vendor.url } } });

  it('leaves a pass-through dialect to the vendor: the preflight is forwarded and its answer returned', async () => {
    const gateway = await startTestGateway({ cors: true, proxy: proxy() });
    try {
      const res = await preflight(gateway.url, '/jasni/api/v1/labels', 'POST');
      expect(vendor.received).toContain('OPTIONS /api/v1/labels');
      expect(res.headers['access-control-allow-origin']).toBe(vendorCorsOrigin);
      // the mocked dialects beside it still answer
      await preflight(gateway.url, '/kirim/v1/labels', 'POST').expect(204);
    } finally {
      await gateway.stop();
    }
  });

  it('answers for proxied dialects too when asked (proxied: true)', async () => {
    const gateway = await startTestGateway({ cors: { proxied: true }, proxy: proxy() });
    try {
      vendor.received.length = 0;
      const res = await preflight(gateway.url, '/jasni/api/v1/labels', 'POST').expect(204);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(vendor.received).toEqual([]);
    } finally {
      await gateway.stop();
    }
  });

  it('takes cors from the config, and the option wins over it', async () => {
    const fromConfig = await startTestGateway({ proxy: { ...proxy(), cors: { origins: [APP] } } });
    const overridden = await startTestGateway({ cors: { origins: ['http://localhost:3000'] }, proxy: { ...proxy(), cors: { origins: [APP] } } });
    try {
      const a = await preflight(fromConfig.url, '/kirim/v1/labels', 'POST').expect(204);
      expect(a.headers['access-control-allow-origin']).toBe(APP);
      const b = await preflight(overridden.url, '/kirim/v1/labels', 'POST', 'http://localhost:3000').expect(204);
      expect(b.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    } finally {
      await Promise.all([fromConfig.stop(), overridden.stop()]);
    }
  });
});

it('refuses to start with an origin that is not one', async () => {
  await expect(startGateway({ port: 0, memory: true, logger: silentLogger, cors: { origins: ['app.example'] } })).rejects.toThrow('"app.example" is not an origin');
});
