import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { validate as isRfcUuid, version as uuidVersion } from 'uuid';
import type { DialectId } from '../../src/core/dialects';
import { cryptoRandomness } from '../../src/core/random';
import { openStore } from '../../src/store/store';
import { translationScope } from '../../src/proxy/translation/translation-scope';
import { profileOf, TEAM_ID, uniqueName } from '../support/dialect-profiles';
import { closedPort, startStubUpstream } from '../support/stub-upstream';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { lostFieldsOf, PAIRS, TARGET_TEAM, targetListQuery, translationRoute, UPSTREAM_KEY } from '../support/translation';

let vendors: TestGateway;
beforeAll(async () => {
  vendors = await startTestGateway();
});
afterAll(() => vendors.stop());

/** The team a client of each dialect names in its own requests, and must get back. */
const CLIENT_TEAM: Partial<Record<DialectId, string>> = { 'supersend-v2': TEAM_ID };

function expectClientId(client: DialectId, id: unknown): void {
  expect(id).toMatch(profileOf(client).idPattern);
  // Valid in the client's documented form, not just shaped like it: RFC 9562 version and variant bits.
  if (client !== 'kirim') expect([isRfcUuid(String(id)), uuidVersion(String(id))]).toEqual([true, 4]);
}

describe.each(PAIRS)('a $client client served by a $target upstream', ({ client, target }) => {
  const clientProfile = profileOf(client);
  const targetProfile = profileOf(target);
  const auth = clientProfile.auth('translated-client');
  let proxy: TestGateway;

  beforeAll(async () => {
    proxy = await startTestGateway({ proxy: { contract: 'enforce', upstreamTimeoutMs: 2000, routes: { [client]: translationRoute(vendors.url, target) } } });
  });
  afterAll(() => proxy.stop());

  it('creates, lists, gets, updates and deletes, with valid ids in the client form that stay the same', async () => {
    const name = uniqueName('moved');
    const created = await proxy.api.post(clientProfile.collection).set(auth).send(clientProfile.createBody(name)).expect(201);
    const id = clientProfile.idOf(created.body);
    expectClientId(client, id);
    // The team the client sent comes back; a target without teams cannot keep it, and says so.
    const sentTeam = CLIENT_TEAM[client];
    const shownTeam = TARGET_TEAM[target] ? sentTeam : null;
    if (sentTeam) {
      expect(clientProfile.labelOf(created.body).team_id).toBe(shownTeam);
      expect(lostFieldsOf(created).includes('team_id')).toBe(shownTeam === null);
    }

    const upstreamList = await vendors.api.get(targetProfile.collection).query(targetListQuery(target)).set(targetProfile.auth(UPSTREAM_KEY)).expect(200);
    expect(targetProfile.namesIn(upstreamList.body)).toContain(name);

    const listed = await proxy.api.get(clientProfile.collection).query(clientProfile.listQuery).set(auth).expect(200);
    const listedLabel = (clientProfile.dialect === 'jasni' ? listed.body.data.labels : listed.body.data).find((label: { name: string }) => label.name === name);
    expect(listedLabel.uuid ?? listedLabel.id).toBe(id);
    if (sentTeam) expect(listedLabel.team_id).toBe(shownTeam);

    const fetched = await proxy.api.get(`${clientProfile.collection}/${id}`).set(auth).expect(200);
    const fetchedLabel = clientProfile.labelOf(fetched.body);
    expect([fetchedLabel.name, fetchedLabel.uuid ?? fetchedLabel.id]).toEqual([name, id]);
    if (sentTeam) expect(fetchedLabel.team_id).toBe(shownTeam);

    const renamed = uniqueName('renamed');
    const updated = await proxy.api[clientProfile.updateMethod](`${clientProfile.collection}/${id}`).set(auth).send(clientProfile.updateBody(renamed)).expect(200);
    const updatedLabel = clientProfile.labelOf(updated.body);
    expect(updatedLabel.name).toBe(renamed);
    expect(updatedLabel.uuid ?? updatedLabel.id).toBe(id);
    if (sentTeam) expect(updatedLabel.team_id).toBe(shownTeam);

    await proxy.api.delete(`${clientProfile.collection}/${id}`).set(auth).expect(200);
    await proxy.api.get(`${clientProfile.collection}/${id}`).set(auth).expect(404);
  });

  it("answers an unknown id with the client's 404", async () => {
    const unknown = client === 'kirim' ? 'lbl_01HXYZABCDEFGHJKMNPQRSTVWX' : '0b9e7c2e-4f0a-4d55-9a57-0e2f1b1b6a01';
    await proxy.api.get(`${clientProfile.collection}/${unknown}`).set(auth).expect(404);
  });
});

describe('translation details', () => {
  async function translating(client: DialectId, target: DialectId, upstream?: string, data?: string): Promise<TestGateway> {
    const route = translationRoute(vendors.url, target);
    return startTestGateway({
      ...(data ? { memory: false, data } : {}),
      proxy: { contract: 'report', upstreamTimeoutMs: 300, routes: { [client]: upstream ? { ...route, upstream } : route } },
    });
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

  it("gives a SuperSend v2 client back the team it sent, through the Kirim team its route names", async () => {
    const proxy = await translating('supersend-v2', 'kirim');
    const auth = { Authorization: 'Bearer supersend-teams' };
    try {
      const name = uniqueName('team kept');
      const created = await proxy.api.post('/supersend/v2/labels').set(auth).send({ name, color: '#22c55e', team_id: TEAM_ID }).expect(201);
      expect(created.body.data.team_id).toBe(TEAM_ID);
      expect(lostFieldsOf(created)).toEqual([]);
      const onKirim = await vendors.api.get('/kirim/v1/labels').query(targetListQuery('kirim')).set('Authorization', `Bearer ${UPSTREAM_KEY}`).expect(200);
      expect(onKirim.body.data.find((label: { name: string }) => label.name === name)).toMatchObject({ team_id: TARGET_TEAM.kirim, color: 'green' });
      const fetched = await proxy.api.get(`/supersend/v2/labels/${created.body.data.id}`).set(auth).expect(200);
      expect(fetched.body.data.team_id).toBe(TEAM_ID);
    } finally {
      await proxy.stop();
    }
  });

  it('tells a SuperSend v2 client, in the header and the journal, that a second team has no Kirim counterpart', async () => {
    const proxy = await translating('supersend-v2', 'kirim');
    const auth = { Authorization: 'Bearer supersend-two-teams' };
    const otherTeam = '2e8a4c6b-1d3f-4a5b-9c7d-8e9f0a1b2c3d';
    try {
      await proxy.api.post('/supersend/v2/labels').set(auth).send({ name: uniqueName('first team'), color: '#22c55e', team_id: TEAM_ID }).expect(201);
      const name = uniqueName('second team');
      const second = await proxy.api.post('/supersend/v2/labels').set(auth).send({ name, color: '#22c55e', team_id: otherTeam }).expect(201);
      expect(lostFieldsOf(second)).toEqual(['team_id']);
      // The label is where the route puts every label, and the answer says so in the client's terms.
      expect(second.body.data.team_id).toBe(TEAM_ID);
      const journal = await request(proxy.url).get('/__admin/requests?limit=1').expect(200);
      expect(journal.body.requests[0]).toMatchObject({ status: 201, lostFields: ['team_id'] });
      const otherList = await proxy.api.get('/supersend/v2/labels').query({ team_id: otherTeam }).set(auth).expect(200);
      expect(otherList.body.data).toEqual([]);
      const list = await proxy.api.get('/supersend/v2/labels').query({ team_id: TEAM_ID }).set(auth).expect(200);
      expect(list.body.data.map((label: { name: string }) => label.name)).toContain(name);
    } finally {
      await proxy.stop();
    }
  });

  it('gives a SuperSend v2 client its own team ids for Kirim teams, through a route that names none', async () => {
    const route = translationRoute(vendors.url, 'kirim');
    delete route.params;
    const proxy = await startTestGateway({ proxy: { contract: 'report', upstreamTimeoutMs: 2000, routes: { 'supersend-v2': route } } });
    const auth = { Authorization: 'Bearer supersend-no-params' };
    try {
      const created = await proxy.api.post('/supersend/v2/labels').set(auth).send({ name: uniqueName('own team'), color: '#22c55e', team_id: TEAM_ID }).expect(201);
      expect([created.body.data.team_id, lostFieldsOf(created)]).toEqual([TEAM_ID, []]);
      const list = await proxy.api.get('/supersend/v2/labels').query({ team_id: TEAM_ID }).set(auth).expect(200);
      expect(list.body.data.map((label: { id: string }) => label.id)).toContain(created.body.data.id);
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

  it("gives a Jasni client a valid v4 UUID for each Kirim ULID, the same across list, get, update and a restart", async () => {
    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'translation-ids-'));
    const auth = { Authorization: 'Bearer jsk_stable' };
    const name = uniqueName('stable');
    let id: string;
    const first = await translating('jasni', 'kirim', undefined, data);
    try {
      const created = await first.api.post('/jasni/api/v1/labels').set(auth).send({ name }).expect(201);
      id = created.body.data.label.id;
      expectClientId('jasni', id);
      const listed = await first.api.get('/jasni/api/v1/labels').set(auth).expect(200);
      expect(listed.body.data.labels.find((label: { name: string }) => label.name === name).id).toBe(id);
    } finally {
      await first.stop();
    }
    const second = await translating('jasni', 'kirim', undefined, data);
    try {
      const fetched = await second.api.get(`/jasni/api/v1/labels/${id}`).set(auth).expect(200);
      expect(fetched.body.data.label).toMatchObject({ id, name });
      const updated = await second.api.patch(`/jasni/api/v1/labels/${id}`).set(auth).send({ name: `${name} again` }).expect(200);
      expect(updated.body.data.label.id).toBe(id);
    } finally {
      await second.stop();
      fs.rmSync(data, { recursive: true, force: true });
    }
  });

  it('shows the client the id a migration paired with an upstream label, in either direction', async () => {
    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'translation-pairs-'));
    // The labels as a migration would leave them: made on the target, each paired with the id its client already holds.
    const onJasni = await vendors.api.post('/jasni/api/v1/labels').set('Authorization', `Bearer jsk_${UPSTREAM_KEY}`).send({ name: uniqueName('migrated') }).expect(201);
    const onKirim = await vendors.api.post('/kirim/v1/labels').set('Authorization', `Bearer ${UPSTREAM_KEY}`).send({ name: uniqueName('migrated'), team_id: TARGET_TEAM.kirim }).expect(201);
    const keptKirimId = 'lbl_01JABCDEFGHJKMNPQRSTVWXYZ0';
    const keptUuid = '9f3c2b1a-7d6e-4f5a-8b9c-0d1e2f3a4b5c';
    const store = await openStore({ kind: 'folder', dir: data }, cryptoRandomness);
    await store.idMap.pair(translationScope('kirim', 'jasni', `${vendors.url}/jasni`), keptKirimId, onJasni.body.data.label.id);
    await store.idMap.pair(translationScope('attention-v2', 'kirim', `${vendors.url}/kirim`), keptUuid, onKirim.body.data.id);
    await store.close();
    const proxy = await startTestGateway({
      memory: false,
      data,
      proxy: { contract: 'report', upstreamTimeoutMs: 2000, routes: { kirim: translationRoute(vendors.url, 'jasni'), 'attention-v2': translationRoute(vendors.url, 'kirim') } },
    });
    try {
      const kirimList = await proxy.api.get('/kirim/v1/labels').set('Authorization', 'Bearer kirim-migrated').expect(200);
      expect(kirimList.body.data.map((label: { id: string }) => label.id)).toContain(keptKirimId);
      await proxy.api.get(`/kirim/v1/labels/${keptKirimId}`).set('Authorization', 'Bearer kirim-migrated').expect(200);
      const attentionList = await proxy.api.get('/attention/v2/labels').set('Authorization', 'attention-migrated').expect(200);
      expect(attentionList.body.data.map((label: { uuid: string }) => label.uuid)).toContain(keptUuid);
      const fetched = await proxy.api.get(`/attention/v2/labels/${keptUuid}`).set('Authorization', 'attention-migrated').expect(200);
      expect(fetched.body.data.name).toBe(onKirim.body.data.name);
    } finally {
      await proxy.stop();
      fs.rmSync(data, { recursive: true, force: true });
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

