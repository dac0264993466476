import request from 'supertest';
import { credentialFingerprint } from '../../src/core/credential-fingerprint';
import { TEAM_ID, uniqueName } from '../support/dialect-profiles';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

type Entry = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- journal JSON as a client reads it

let gateway: TestGateway;
let before: string;
let between: string;

/** A known traffic mix: four Kirim exchanges (two tenants), one SuperSend v2 list, one unknown path. */
beforeAll(async () => {
  gateway = await startTestGateway();
  before = new Date().toISOString();
  const alice = { Authorization: 'Bearer sk_alice' };
  const bob = { Authorization: 'Bearer sk_bob' };
  const name = uniqueName('filtered');
  await gateway.api.post('/kirim/v1/labels').set(alice).send({ name }).expect(201);
  await gateway.api.post('/kirim/v1/labels').set(alice).send({ name }).expect(400); // duplicate name
  await gateway.api.get('/kirim/v1/labels').set(bob).expect(200);
  await new Promise((resolve) => setTimeout(resolve, 20));
  between = new Date().toISOString();
  await new Promise((resolve) => setTimeout(resolve, 20));
  await gateway.api.get('/kirim/v1/labels/lbl_01HZZZZZZZZZZZZZZZZZZZZZZZ').set(bob).expect(404);
  await gateway.api.get('/supersend/v2/labels').query({ team_id: TEAM_ID }).set(bob).expect(200);
  await request(gateway.url).get('/kirim/v2/labels').set(alice).expect(404);
});
afterAll(() => gateway.stop());

const find = async (query: string): Promise<Entry[]> => (await request(gateway.url).get(`/__admin/requests?${query}`).expect(200)).body.requests;
const count = async (query: string): Promise<number> => (await request(gateway.url).get(`/__admin/requests/count?${query}`).expect(200)).body.count;

describe('GET /__admin/requests and /requests/count select with the same filters', () => {
  it.each([
    ['', 6],
    ['dialect=kirim', 5],
    ['dialect=supersend-v2', 1],
    ['dialect=kirim,supersend-v2', 6],
    ['operation=createLabel', 2],
    ['operation=listLabels', 2],
    ['operation=createLabel&status=201', 1],
    ['method=get', 4],
    ['method=POST', 2],
    ['status=404', 2],
    ['status=4xx', 3],
    ['status=2xx,404', 5],
    ['route=mock', 6],
    ['route=pass-through', 0],
    [`fingerprint=${credentialFingerprint('sk_alice')}`, 3],
    [`fingerprint=${credentialFingerprint('sk_bob')}&dialect=kirim`, 2],
  ])('?%s selects %d', async (query, expected) => {
    expect(await count(query)).toBe(expected);
    expect(await find(`${query}&limit=100`)).toHaveLength(expected);
  });

  it('since: only exchanges from that time on', async () => {
    expect(await count(`since=${before}`)).toBe(6);
    const later = await find(`since=${between}`);
    expect(later.map((entry) => entry.path)).toEqual(['/kirim/v2/labels', '/supersend/v2/labels', '/kirim/v1/labels/lbl_01HZZZZZZZZZZZZZZZZZZZZZZZ']);
    expect(await count(`since=${new Date(Date.now() + 60_000).toISOString()}`)).toBe(0);
  });

  it('lists newest first and honours limit', async () => {
    const latest = await find('limit=2');
    expect(latest.map((entry) => entry.path)).toEqual(['/kirim/v2/labels', '/supersend/v2/labels']);
    expect(latest[0].id).toBeGreaterThan(latest[1].id);
  });

  it.each([
    ['colour=red', 'colour', /Unknown parameter "colour"/],
    ['dialect=kirrim', 'dialect', /Unknown dialect "kirrim"/],
    ['operation=createlabel', 'operation', /operation "createlabel"/],
    ['status=4x', 'status', /"4x" is not a status/],
    ['status=', 'status', /must not be empty/],
    ['method=FETCH', 'method', /"FETCH"/],
    ['route=proxy', 'route', /Unknown route kind "proxy"/],
    ['fingerprint=sk_alice', 'fingerprint', /not a credential fingerprint/],
    ['since=yesterday', 'since', /ISO 8601/],
    ['limit=0', 'limit', /at least 1/],
  ])('?%s → 400 naming %s', async (query, field, message) => {
    const res = await request(gateway.url).get(`/__admin/requests?${query}`).expect(400);
    expect(res.body).toEqual({ error: 'validation_error', field, message: expect.stringMatching(message) });
  });

  it('count takes no limit: it counts every match', async () => {
    const res = await request(gateway.url).get('/__admin/requests/count?limit=5').expect(400);
    expect(res.body.field).toBe('limit');
  });
});

describe('DELETE /__admin/requests', () => {
  it('forgets only what the filters select, then everything', async () => {
    const scratch = await startTestGateway();
    try {
      await scratch.api.get('/kirim/v1/labels').set('Authorization', 'Bearer sk_1').expect(200);
      await scratch.api.get('/jasni/api/v1/labels').set('Authorization', 'Bearer jsk_1').expect(200);
      await request(scratch.url).delete('/__admin/requests?dialect=kirim').expect(200, { status: 'cleared', forgotten: 1 });
      expect((await request(scratch.url).get('/__admin/requests').expect(200)).body.requests.map((entry: Entry) => entry.dialect)).toEqual(['jasni']);
      await request(scratch.url).delete('/__admin/requests?dialect=kirm').expect(400);
      expect((await request(scratch.url).get('/__admin/requests/count').expect(200)).body.count).toBe(1);
      await request(scratch.url).delete('/__admin/requests').expect(200, { status: 'cleared', forgotten: 1 });
      expect((await request(scratch.url).get('/__admin/requests/count').expect(200)).body.count).toBe(0);
    } finally {
      await scratch.stop();
    }
  });
});
