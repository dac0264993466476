import request from 'supertest';
import { VENDOR_OF, VENDOR_PREFIX, type DialectId } from '../../src/core/dialects';
import type { UpstreamRoute } from '../../src/proxy/proxy-config';
import { profileOf, TEAM_ID, uniqueName } from '../support/dialect-profiles';
import { closedPort, startStubUpstream } from '../support/stub-upstream';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

/** The dialects that can express create, list, get, update and delete (SuperSend v1 has no get). */
const FULL_DIALECTS: DialectId[] = ['attention-v2', 'kirim', 'supersend-v2', 'jasni'];
const PAIRS = FULL_DIALECTS.flatMap((client) => FULL_DIALECTS.filter((target) => target !== client).map((target) => ({ client, target })));

/** The key the translating gateway presents to the vendors, in each target's own scheme. */
const UPSTREAM_KEY = 'upstream-key';

function translationRoute(vendorsUrl: string, target: DialectId): UpstreamRoute {
  return {
    upstream: vendorsUrl + VENDOR_PREFIX[VENDOR_OF[target]],
    as: target,
    credential: profileOf(target).auth(UPSTREAM_KEY).Authorization,
    params: { team_id: TEAM_ID },
  };
}

let vendors: TestGateway;
beforeAll(async () => {
  vendors = await startTestGateway();
});
afterAll(() => vendors.stop());

const lostFieldsOf = (res: request.Response): string[] => (res.headers['x-label-gateway-lost-fields'] ?? '').split(', ').filter(Boolean);

describe.each(PAIRS)('a $client client served by a $target upstream', ({ client, target }) => {
  const clientProfile = profileOf(client);
  const targetProfile = profileOf(target);
  const auth = clientProfile.auth('translated-client');
  let proxy: TestGateway;

  beforeAll(async () => {
    proxy = await startTestGateway({ proxy: { contract: 'enforce', upstreamTimeoutMs: 2000, routes: { [client]: translationRoute(vendors.url, target) } } });
  });
  afterAll(() => proxy.stop());

  it('creates, lists, gets, updates and deletes, with ids in the client form that stay the same', async () => {
    const name = uniqueName('moved');
    const created = await proxy.api.post(clientProfile.collection).set(auth).send(clientProfile.createBody(name)).expect(201);
    const id = clientProfile.idOf(created.body);
    expect(id).toMatch(clientProfile.idPattern);

    const upstreamList = await vendors.api.get(targetProfile.collection).query(targetProfile.listQuery).set(targetProfile.auth(UPSTREAM_KEY)).expect(200);
    expect(targetProfile.namesIn(upstreamList.body)).toContain(name);

    const listed = await proxy.api.get(clientProfile.collection).query(clientProfile.listQuery).set(auth).expect(200);
    expect(clientProfile.namesIn(listed.body)).toContain(name);

    const fetched = await proxy.api.get(`${clientProfile.collection}/${id}`).set(auth).expect(200);
    expect(clientProfile.labelOf(fetched.body).name).toBe(name);

    const renamed = uniqueName('renamed');
    const updated = await proxy.api[clientProfile.updateMethod](`${clientProfile.collection}/${id}`).set(auth).send(clientProfile.updateBody(renamed)).expect(200);
    const updatedLabel = clientProfile.labelOf(updated.body);
    expect(updatedLabel.name).toBe(renamed);
    expect(updatedLabel.uuid ?? updatedLabel.id).toBe(id);

    await proxy.api.delete(`${clientProfile.collection}/${id}`).set(auth).expect(200);
    await proxy.api.get(`${clientProfile.collection}/${id}`).set(auth).expect(404);
  });

  it("answers an unknown id with the client's 404", async () => {
    const unknown = client === 'kirim' ? 'lbl_01HXYZABCDEFGHJKMNPQRSTVWX' : '0b9e7c2e-4f0a-4d55-9a57-0e2f1b1b6a01';
    await proxy.api.get(`${clientProfile.collection}/${unknown}`).set(auth).expect(404);
  });
});

describe('translation details', () => {
  async function translating(client: DialectId, target: DialectId, upstream?: string): Promise<TestGateway> {
    const route = translationRoute(vendors.url, target);
    return startTestGateway({ proxy: { contract: 'report', upstreamTimeoutMs: 300, routes: { [client]: upstream ? { ...route, upstream } : route } } });
  }

  it('maps a Jasni hex colour to the Kirim colour name, and reports the description Kirim cannot hold', async () => {
    const proxy = await translating('jasni', 'kirim');
    try {
      const name = uniqueName('urgent');
      const res = await proxy.api.post('/jasni/api/v1/labels').set('Authorization', 'Bearer jsk_colours').send({ name, color: '#ef4444', description: 'Requires immediate attention' }).expect(201);
      expect(lostFieldsOf(res)).toEqual(['description']);
      const upstream = await vendors.api.get('/kirim/v1/labels').query({ limit: 100 }).set('Authorization', `Bearer ${UPSTREAM_KEY}`).expect(200);
      expect(upstream.body.data.find((label: { name: string }) => label.name === name).color).toBe('red');
      const journal = await request(proxy.url).get('/__admin/requests?limit=1').expect(200);
      expect(journal.body.requests[0]).toMatchObject({ route: 'translation', status: 201, upstreamStatus: 201, lostFields: ['description'] });
    } finally {
      await proxy.stop();
    }
  });

  it("reports Attention fields SuperSend cannot hold (aiFlow, options)", async () => {
    const proxy = await translating('attention-v2', 'supersend-v2');
    try {
      const res = await proxy.api
        .post('/attention/v2/labels')
        .set('Authorization', 'attention-client')
        .send({ name: uniqueName('signal'), aiFlow: true, options: [{ value: 'high-intent' }] })
        .expect(201);
      expect(lostFieldsOf(res)).toEqual(['aiFlow', 'options']);
    } finally {
      await proxy.stop();
    }
  });

  it("turns the upstream's rule into the client's error: a 100-character Attention name through SuperSend", async () => {
    const proxy = await translating('attention-v2', 'supersend-v2');
    try {
      const res = await proxy.api.post('/attention/v2/labels').set('Authorization', 'attention-client').send({ name: 'n'.repeat(100) }).expect(400);
      expect(res.body.error.message).toContain('supersend-v2');
      expect(res.body.error.message).toContain('at most 50 characters');
    } finally {
      await proxy.stop();
    }
  });

  it("turns an upstream duplicate into the client's conflict (Kirim's 400 becomes Jasni's 409)", async () => {
    const proxy = await translating('jasni', 'kirim');
    try {
      const name = uniqueName('twice');
      await proxy.api.post('/jasni/api/v1/labels').set('Authorization', 'Bearer jsk_dup').send({ name }).expect(201);
      await proxy.api.post('/jasni/api/v1/labels').set('Authorization', 'Bearer jsk_dup').send({ name }).expect(409);
    } finally {
      await proxy.stop();
    }
  });

  it("answers an operation the target lacks with the client's 501", async () => {
    const proxy = await translating('supersend-v1', 'kirim');
    try {
      const res = await proxy.api.post('/supersend/v1/labels/conversation').set('Authorization', 'Bearer v1').send({ label_id: 'x', conversation_id: 'c' }).expect(501);
      expect(res.body.message).toContain('kirim');
    } finally {
      await proxy.stop();
    }
  });

  it('keeps client ids stable across a restart of the translating gateway', async () => {
    const first = await translating('jasni', 'kirim');
    const name = uniqueName('stable');
    let id: string;
    try {
      const created = await first.api.post('/jasni/api/v1/labels').set('Authorization', 'Bearer jsk_stable').send({ name }).expect(201);
      id = created.body.data.label.id;
    } finally {
      await first.stop();
    }
    const second = await translating('jasni', 'kirim');
    try {
      const fetched = await second.api.get(`/jasni/api/v1/labels/${id}`).set('Authorization', 'Bearer jsk_stable').expect(200);
      expect(fetched.body.data.label.name).toBe(name);
    } finally {
      await second.stop();
    }
  });

  it('reaches the upstream over one pooled keep-alive connection, whoever the client is', async () => {
    const kirim = await startStubUpstream((_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ object: 'list', data: [], has_more: false, request_id: 'req_01HXYZABCDEFGHJKMNPQRSTVWX' })),
    );
    const proxy = await translating('jasni', 'kirim', kirim.url);
    try {
      for (const key of ['jsk_one', 'jsk_two', 'jsk_one', 'jsk_three', 'jsk_two']) {
        const res = await proxy.api.get('/jasni/api/v1/labels').set('Authorization', `Bearer ${key}`).expect(200);
        expect(res.body).toEqual({ success: true, data: { labels: [] } });
      }
      expect(kirim.received).toHaveLength(5);
      expect(kirim.connections()).toBe(1);
    } finally {
      await Promise.all([proxy.stop(), kirim.close()]);
    }
  });

  it("answers 502 in the client's envelope when the upstream is unreachable, and 504 when it never answers", async () => {
    const silent = await startStubUpstream(() => undefined);
    const unreachable = await translating('jasni', 'kirim', `http://127.0.0.1:${await closedPort()}`);
    const slow = await translating('jasni', 'kirim', silent.url);
    try {
      const refused = await unreachable.api.get('/jasni/api/v1/labels').set('Authorization', 'Bearer jsk_x').expect(502);
      expect(refused.body.success).toBe(false);
      const timedOut = await slow.api.get('/jasni/api/v1/labels').set('Authorization', 'Bearer jsk_x').expect(504);
      expect(timedOut.body.error).toContain('300 ms');
    } finally {
      await Promise.all([unreachable.stop(), slow.stop(), silent.close()]);
    }
  });
});

