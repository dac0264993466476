import request from 'supertest';
import { DIALECT_IDS } from '../../src/core/dialects';
import { profileOf, uniqueName } from '../support/dialect-profiles';
import { closedPort, startStubUpstream, type StubUpstream } from '../support/stub-upstream';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- admin JSON as a client reads it

const UPSTREAM_CREDENTIAL = 'Bearer sk_upstream_secret_5d2a';

describe('GET /__admin/routes', () => {
  let vendors: TestGateway;
  let gateway: TestGateway;
  let stub: StubUpstream;
  let stubStatus = 200;
  let unreachable: string;
  beforeAll(async () => {
    vendors = await startTestGateway();
    stub = await startStubUpstream((_req, res) => {
      res.writeHead(stubStatus, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [], has_more: false, request_id: 'req_01HXYZABCDEFGHJKMNPQRSTVWX' }));
    });
    unreachable = `http://127.0.0.1:${await closedPort()}`;
    gateway = await startTestGateway({
      proxy: {
        contract: 'enforce',
        upstreamTimeoutMs: 2000,
        routes: {
          kirim: { upstream: `${stub.url}/kirim` },
          jasni: { upstream: `${vendors.url}/kirim`, as: 'kirim', credential: UPSTREAM_CREDENTIAL },
          'attention-v2': { upstream: `${unreachable}/kirim`, as: 'kirim', credential: UPSTREAM_CREDENTIAL },
        },
      },
    });
  });
  afterAll(() => Promise.all([vendors?.stop(), gateway?.stop(), stub?.close()]));

  const routes = async (): Promise<Body> => (await request(gateway.url).get('/__admin/routes').expect(200)).body;
  const routeOf = (body: Body, dialect: string): Body => body.dialects.find((entry: Body) => entry.dialect === dialect);

  it('names how each dialect is served, its operations and the contract mode, and never the credential it presents upstream', async () => {
    const body = await routes();
    expect(body.contract).toBe('enforce');
    expect(body.upstreamTimeoutMs).toBe(2000);
    expect(body.dialects.map((entry: Body) => entry.dialect)).toEqual([...DIALECT_IDS]);
    expect(routeOf(body, 'kirim')).toMatchObject({ route: 'pass-through', as: 'kirim', upstream: `${stub.url}/kirim`, prefix: '/kirim', upstreamHealth: null });
    expect(routeOf(body, 'jasni')).toMatchObject({ route: 'translation', as: 'kirim', upstream: `${vendors.url}/kirim`, vendor: 'jasni' });
    expect(routeOf(body, 'supersend-v2')).toMatchObject({ route: 'mock', as: null, upstream: null, upstreamHealth: null, prefix: '/supersend' });
    expect(routeOf(body, 'kirim').operations).toEqual(expect.arrayContaining([{ operation: 'createLabel', method: 'POST', path: '/kirim/v1/labels', inferred: false }]));
    expect(JSON.stringify(body)).not.toContain('sk_upstream_secret');
  });

  it('shows each upstream as last seen: answering, failing, unreachable', async () => {
    const kirim = profileOf('kirim');
    await request(gateway.url).get(kirim.collection).set(kirim.auth('routes')).expect(200);
    expect(routeOf(await routes(), 'kirim').upstreamHealth).toMatchObject({ state: 'answering', upstreamStatus: 200, exchange: expect.any(Number) });
    stubStatus = 503;
    await request(gateway.url).get(kirim.collection).set(kirim.auth('routes'));
    expect(routeOf(await routes(), 'kirim').upstreamHealth).toMatchObject({ state: 'failing', upstreamStatus: 503 });
    stubStatus = 200;

    const jasni = profileOf('jasni');
    await request(gateway.url).post(jasni.collection).set(jasni.auth('routes')).send(jasni.createBody(uniqueName('seen'))).expect(201);
    expect(routeOf(await routes(), 'jasni').upstreamHealth).toMatchObject({ state: 'answering', upstreamStatus: 201 });

    const attention = profileOf('attention-v2');
    await request(gateway.url).get(attention.collection).set(attention.auth('routes')).expect(502);
    expect(routeOf(await routes(), 'attention-v2').upstreamHealth).toMatchObject({ state: 'unreachable', upstreamStatus: null });
  });

  it('an answer that never reached the upstream (a fault, a refused request) leaves the sighting; a cleared journal does not forget it', async () => {
    const jasni = profileOf('jasni');
    await request(gateway.url).get(jasni.collection).set(jasni.auth('routes')).expect(200);
    const before = routeOf(await routes(), 'jasni').upstreamHealth;
    await request(gateway.url).post('/__admin/faults').send({ dialect: 'jasni', respond: { status: 503 }, times: 1 }).expect(201);
    await request(gateway.url).get(jasni.collection).set(jasni.auth('routes')).expect(503);
    await request(gateway.url).post(jasni.collection).set(jasni.auth('routes')).send({ name: 42 }).expect(400);
    await request(gateway.url).delete('/__admin/requests').expect(200);
    expect(routeOf(await routes(), 'jasni').upstreamHealth).toEqual(before);
  });
});
