import http from 'node:http';
import zlib from 'node:zlib';
import request from 'supertest';
import { credentialFingerprint } from '../../src/core/credential-fingerprint';
import { VENDOR_OF, VENDOR_PREFIX } from '../../src/core/dialects';
import type { ProxyConfig } from '../../src/proxy/proxy-config';
import { PROFILES, TEAM_ID, uniqueName } from '../support/dialect-profiles';
import { closedPort, startStubUpstream, type StubUpstream } from '../support/stub-upstream';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

/** Every dialect passed through to the mock gateway acting as the real vendors. */
function passThroughEverything(vendorsUrl: string, contract: ProxyConfig['contract']): ProxyConfig {
  const routes = Object.fromEntries(PROFILES.map((profile) => [profile.dialect, { upstream: vendorsUrl + VENDOR_PREFIX[VENDOR_OF[profile.dialect]] }]));
  return { contract, upstreamTimeoutMs: 2000, routes };
}

const violationsOf = (res: request.Response) => JSON.parse(res.headers['x-label-gateway-violations'] ?? '[]') as Array<{ where: string; path: string; message: string }>;

let vendors: TestGateway;
let reporting: TestGateway;
let enforcing: TestGateway;
beforeAll(async () => {
  vendors = await startTestGateway();
  reporting = await startTestGateway({ proxy: passThroughEverything(vendors.url, 'report') });
  enforcing = await startTestGateway({ proxy: passThroughEverything(vendors.url, 'enforce') });
});
afterAll(() => Promise.all([vendors.stop(), reporting.stop(), enforcing.stop()]));

describe.each(PROFILES)('$dialect pass-through', (profile) => {
  const auth = profile.auth(`pass-through-${profile.dialect}`);

  it('forwards a valid request with the client credential and returns the vendor answer unchanged', async () => {
    const name = uniqueName('through');
    const created = await reporting.api.post(profile.collection).set(auth).send(profile.createBody(name)).expect(201);
    expect(created.headers['x-label-gateway-violations']).toBeUndefined();
    const direct = await vendors.api.get(profile.collection).query(profile.listQuery).set(auth).expect(200);
    expect(profile.namesIn(direct.body)).toContain(name);
    const renamed = uniqueName('renamed through');
    const updated = await reporting.api[profile.updateMethod](`${profile.collection}/${profile.idOf(created.body)}`).set(auth).send(profile.updateBody(renamed)).expect(200);
    expect(profile.labelOf(updated.body).name).toBe(renamed);
    const proxiedList = await reporting.api.get(profile.collection).query(profile.listQuery).set(auth).expect(200);
    expect(profile.namesIn(proxiedList.body)).toContain(renamed);
  });

  it('report mode: forwards an invalid request and reports the finding', async () => {
    const res = await reporting.api.post(profile.collection).set(auth).send(profile.wrongTypeBody()).expect(400);
    expect(violationsOf(res)).toEqual([expect.objectContaining({ where: 'request', path: 'name' })]);
    const journal = await request(reporting.url).get('/__admin/requests?limit=1').expect(200);
    expect(journal.body.requests[0]).toMatchObject({ dialect: profile.dialect, route: 'pass-through', status: 400, upstreamStatus: 400 });
  });

  it('enforce mode: answers an invalid request itself, and nothing reaches the vendor', async () => {
    await request(vendors.url).delete('/__admin/requests').expect(200);
    const res = await enforcing.api.post(profile.collection).set(auth).send(profile.wrongTypeBody()).expect(400);
    expect(violationsOf(res)[0].path).toBe('name');
    const seen = await request(vendors.url).get('/__admin/requests?limit=10').expect(200);
    expect(seen.body.requests).toEqual([]);
  });
});

describe('pass-through in front of a misbehaving vendor', () => {
  const kirimAuth = { Authorization: 'Bearer stub' };
  let offContract: StubUpstream;
  let notJson: StubUpstream;
  let silent: StubUpstream;

  beforeAll(async () => {
    offContract = await startStubUpstream((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { id: 'not-a-kirim-id' } }));
    });
    notJson = await startStubUpstream((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>oops</html>'));
    silent = await startStubUpstream(() => undefined);
  });
  afterAll(() => Promise.all([offContract.close(), notJson.close(), silent.close()]));

  async function proxyTo(upstream: string, contract: ProxyConfig['contract']): Promise<TestGateway> {
    return startTestGateway({ proxy: { contract, upstreamTimeoutMs: 300, routes: { kirim: { upstream } } } });
  }

  it('report mode passes an off-contract answer through, with the findings in a header', async () => {
    const proxy = await proxyTo(offContract.url, 'report');
    try {
      const res = await request(proxy.url).get('/kirim/v1/labels/lbl_01HXYZABCDEFGHJKMNPQRSTVWX').set(kirimAuth).expect(200);
      expect(res.body).toEqual({ data: { id: 'not-a-kirim-id' } });
      expect(violationsOf(res).some((violation) => violation.where === 'response')).toBe(true);
    } finally {
      await proxy.stop();
    }
  });

  it("enforce mode replaces an off-contract answer with the dialect's 502", async () => {
    const proxy = await proxyTo(offContract.url, 'enforce');
    try {
      const res = await proxy.api.get('/kirim/v1/labels/lbl_01HXYZABCDEFGHJKMNPQRSTVWX').set(kirimAuth).expect(502);
      expect(res.body.error.type).toBe('api_error');
    } finally {
      await proxy.stop();
    }
  });

  it("enforce mode answers a non-JSON answer with the dialect's 502", async () => {
    const proxy = await proxyTo(notJson.url, 'enforce');
    try {
      const res = await proxy.api.get('/kirim/v1/labels').set(kirimAuth).expect(502);
      expect(res.body.error.message).toContain('not JSON');
    } finally {
      await proxy.stop();
    }
  });

  it("answers 504 in the dialect's envelope when the vendor never answers", async () => {
    const proxy = await proxyTo(silent.url, 'report');
    try {
      const started = Date.now();
      const res = await proxy.api.get('/kirim/v1/labels').set(kirimAuth).expect(504);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(res.body.error.message).toContain('300 ms');
    } finally {
      await proxy.stop();
    }
  });

  it("answers 502 in the dialect's envelope when the vendor's port is closed", async () => {
    const proxy = await proxyTo(`http://127.0.0.1:${await closedPort()}`, 'report');
    try {
      await proxy.api.post('/kirim/v1/labels').set(kirimAuth).send({ name: 'x' }).expect(502);
    } finally {
      await proxy.stop();
    }
  });
});

describe('pass-through connections and encodings', () => {
  const kirimAuth = { Authorization: 'Bearer stub' };
  const emptyKirimList = JSON.stringify({ object: 'list', data: [], has_more: false, request_id: 'req_01HXYZABCDEFGHJKMNPQRSTVWX' });
  const emptyJasniList = JSON.stringify({ success: true, data: { labels: [] } });
  let plain: StubUpstream;
  let gzipped: StubUpstream;
  let proxy: TestGateway;

  beforeAll(async () => {
    plain = await startStubUpstream((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(emptyKirimList));
    gzipped = await startStubUpstream((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(zlib.gzipSync(emptyJasniList)),
    );
    proxy = await startTestGateway({ proxy: { contract: 'enforce', upstreamTimeoutMs: 2000, routes: { kirim: { upstream: plain.url }, jasni: { upstream: gzipped.url } } } });
  });
  afterAll(() => Promise.all([proxy.stop(), plain.close(), gzipped.close()]));

  /** Sequential GETs over one keep-alive client connection; the answers' Connection headers. */
  async function getOverOneConnection(path: string, times: number): Promise<Array<string | undefined>> {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const seen: Array<string | undefined> = [];
    try {
      for (let i = 0; i < times; i++) {
        seen.push(
          await new Promise<string | undefined>((resolve, reject) =>
            http
              .get(proxy.url + path, { agent, headers: kirimAuth }, (res) => {
                expect(res.statusCode).toBe(200);
                res.resume().on('end', () => resolve(res.headers.connection));
              })
              .on('error', reject),
          ),
        );
      }
    } finally {
      agent.destroy();
    }
    return seen;
  }

  it('keeps both connections alive: the client keeps its own, and the upstream is reached over one pooled connection', async () => {
    const before = plain.connections();
    expect(await getOverOneConnection('/kirim/v1/labels', 5)).toEqual(Array(5).fill('keep-alive'));
    expect(plain.received.length).toBeGreaterThanOrEqual(5);
    expect(plain.connections() - before).toBe(1);
  });

  it('checks a compressed answer by its JSON and sends it decompressed, with its own length', async () => {
    const res = await request(proxy.url).get('/jasni/api/v1/labels').set('Authorization', 'Bearer jsk_stub').expect(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(emptyJasniList)));
    expect(res.headers['x-label-gateway-violations']).toBeUndefined();
    expect(res.text).toBe(emptyJasniList);
  });
});

describe('request journal', () => {
  it('records exchanges newest first, never a credential, and can be cleared', async () => {
    const secret = 'journal-secret-token';
    await request(reporting.url).delete('/__admin/requests').expect(200);
    await reporting.api.get('/supersend/v2/labels').query({ team_id: TEAM_ID }).set('Authorization', `Bearer ${secret}`).expect(200);
    await reporting.api.get('/kirim/v1/labels').set('Authorization', `Bearer ${secret}`).expect(200);
    const journal = await request(reporting.url).get('/__admin/requests?limit=2').expect(200);
    expect(journal.body.requests.map((entry: { dialect: string }) => entry.dialect)).toEqual(['kirim', 'supersend-v2']);
    expect(journal.body.requests[0]).toEqual({
      id: expect.any(Number),
      time: expect.any(String),
      dialect: 'kirim',
      route: 'pass-through',
      operation: 'listLabels',
      credentialFingerprint: credentialFingerprint(secret),
      method: 'GET',
      path: '/kirim/v1/labels',
      status: 200,
      upstreamStatus: 200,
      durationMs: expect.any(Number),
      faultId: null,
      networkFault: null,
      nearMiss: null,
      violations: [],
      lostFields: [],
      requestBody: null,
      responseBody: { json: expect.objectContaining({ data: expect.any(Array) }), bytes: expect.any(Number), truncated: false },
    });
    expect(JSON.stringify(journal.body)).not.toContain(secret);
    await request(reporting.url).delete('/__admin/requests').expect(200);
    expect((await request(reporting.url).get('/__admin/requests').expect(200)).body.requests).toEqual([]);
  });

  it('rejects a limit that is not a positive whole number', async () => {
    await request(reporting.url).get('/__admin/requests?limit=0').expect(400);
  });
});
