import request from 'supertest';
import { VENDOR_OF, VENDOR_PREFIX } from '../../src/core/dialects';
import { PROFILES, uniqueName, type DialectProfile } from '../support/dialect-profiles';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

let mock: TestGateway;
let passThrough: TestGateway;
beforeAll(async () => {
  mock = await startTestGateway();
  const routes = Object.fromEntries(PROFILES.map((profile) => [profile.dialect, { upstream: mock.url + VENDOR_PREFIX[VENDOR_OF[profile.dialect]] }]));
  passThrough = await startTestGateway({ proxy: { contract: 'enforce', upstreamTimeoutMs: 5000, routes } });
});
afterAll(() => Promise.all([mock.stop(), passThrough.stop()]));

/** HEAD answers with the GET's status and headers, and no body. */
async function expectHeadLikeGet(url: string, path: string, profile: DialectProfile, key: string): Promise<void> {
  const auth = profile.auth(key);
  const get = await request(url).get(path).query(profile.listQuery).set(auth);
  const head = await request(url).head(path).query(profile.listQuery).set(auth);
  expect(head.status).toBe(get.status);
  expect(head.headers['content-type']).toBe(get.headers['content-type']);
  expect(head.headers['content-length']).toBe(get.headers['content-length']);
  expect(head.headers['x-label-gateway-violations']).toBeUndefined();
  expect(head.text ?? '').toBe('');
}

describe.each(PROFILES)('HEAD on $dialect', (profile) => {
  const key = `head-${profile.dialect}`;
  let labelPath: string;
  beforeAll(async () => {
    const created = await mock.api.post(profile.collection).set(profile.auth(key)).send(profile.createBody(uniqueName('head'))).expect(201);
    labelPath = `${profile.collection}/${profile.idOf(created.body)}`;
  });

  it('answers HEAD on the list like the GET, without a body', async () => {
    await expectHeadLikeGet(mock.url, profile.collection, profile, key);
  });

  it('answers HEAD on a label of another tenant with the GET’s 404 (or 405 where there is no get-one)', async () => {
    const other = profile.auth(`${key}-other`);
    const get = await request(mock.url).get(labelPath).set(other);
    const head = await request(mock.url).head(labelPath).set(other);
    expect(head.status).toBe(get.status);
    expect([404, 405]).toContain(head.status);
  });

  it('answers HEAD through a validating pass-through like the GET, and the answer is checked', async () => {
    await expectHeadLikeGet(passThrough.url, profile.collection, profile, key);
  });
});

describe.each(PROFILES.filter((profile) => profile.hasGetOne))('HEAD on one $dialect label', (profile) => {
  it('answers like the GET, without a body', async () => {
    const key = `head-one-${profile.dialect}`;
    const created = await mock.api.post(profile.collection).set(profile.auth(key)).send(profile.createBody(uniqueName('head one'))).expect(201);
    await expectHeadLikeGet(mock.url, `${profile.collection}/${profile.idOf(created.body)}`, profile, key);
  });
});

it('lists HEAD in Allow wherever GET is allowed', async () => {
  const res = await request(mock.url).put('/jasni/api/v1/labels').set('Authorization', 'Bearer jsk_allow');
  expect(res.status).toBe(405);
  expect(res.headers.allow).toBe('GET, HEAD, POST');
});
