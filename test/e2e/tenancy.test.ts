import { PROFILES, uniqueName } from '../support/dialect-profiles';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.stop());

describe.each(PROFILES)('$dialect tenancy', (profile) => {
  // Per dialect: SuperSend v1 and v2 are one vendor, and v2 lists v1's organisation-wide labels.
  const owner = profile.auth(`tenant-owner-${profile.dialect}`);
  const stranger = profile.auth(`tenant-stranger-${profile.dialect}`);
  let id: string;
  const name = uniqueName('private');

  beforeAll(async () => {
    const created = await gateway.api.post(profile.collection).set(owner).send(profile.createBody(name));
    expect(created.status).toBe(201);
    id = profile.idOf(created.body);
  });

  it('answers 404 when another credential updates or deletes it, and leaves it unchanged', async () => {
    await gateway.api[profile.updateMethod](`${profile.collection}/${id}`).set(stranger).send(profile.updateBody(uniqueName('stolen'))).expect(404);
    await gateway.api.delete(`${profile.collection}/${id}`).set(stranger).expect(404);
    const list = await gateway.api.get(profile.collection).query(profile.listQuery).set(owner).expect(200);
    expect(profile.namesIn(list.body)).toEqual([name]);
  });

  it("keeps each tenant's list to its own labels", async () => {
    const list = await gateway.api.get(profile.collection).query(profile.listQuery).set(stranger).expect(200);
    expect(profile.namesIn(list.body)).not.toContain(name);
  });

  it('lets another tenant use the same name in its own organisation', async () => {
    await gateway.api.post(profile.collection).set(profile.auth('tenant-third-key')).send(profile.createBody(name)).expect(201);
  });
});

// SuperSend v1 has no get-one route; its labels are read through the list, covered above.
describe.each(PROFILES.filter((profile) => profile.hasGetOne))('$dialect get-one tenancy', (profile) => {
  it('answers 404, not 403, when another credential reads the label', async () => {
    const owner = profile.auth(`get-owner-${profile.dialect}`);
    const created = await gateway.api.post(profile.collection).set(owner).send(profile.createBody(uniqueName('read'))).expect(201);
    const path = `${profile.collection}/${profile.idOf(created.body)}`;
    await gateway.api.get(path).set(profile.auth(`get-stranger-${profile.dialect}`)).expect(404);
    await gateway.api.get(path).set(owner).expect(200);
  });
});

it('answers GET on one SuperSend v1 label with 405 for owner and stranger alike, so it reveals nothing', async () => {
  const [v1] = PROFILES.filter((profile) => !profile.hasGetOne);
  const owner = v1.auth('v1-get-owner');
  const created = await gateway.api.post(v1.collection).set(owner).send(v1.createBody(uniqueName('v1 read'))).expect(201);
  const path = `${v1.collection}/${v1.idOf(created.body)}`;
  const asOwner = await gateway.api.get(path).set(owner).expect(405);
  const asStranger = await gateway.api.get(path).set(v1.auth('v1-get-stranger')).expect(405);
  expect(asStranger.body).toEqual(asOwner.body);
  expect(asStranger.headers.allow).toBe(asOwner.headers.allow);
});

describe('vendors are separate systems', () => {
  it('never lists a label created through one vendor in another vendor', async () => {
    const key = 'shared-key-across-vendors';
    const name = uniqueName('kirim only');
    const [kirim, ...others] = [PROFILES[1], PROFILES[0], PROFILES[2], PROFILES[4]];
    await gateway.api.post(kirim.collection).set(kirim.auth(key)).send(kirim.createBody(name)).expect(201);
    for (const other of others) {
      const list = await gateway.api.get(other.collection).query(other.listQuery).set(other.auth(key)).expect(200);
      expect({ dialect: other.dialect, names: other.namesIn(list.body) }).toEqual({ dialect: other.dialect, names: [] });
    }
  });
});
