import { PROFILES, uniqueName } from '../support/dialect-profiles';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.stop());

describe.each(PROFILES)('$dialect concurrent duplicate creates', (profile) => {
  it('yield exactly one label out of 30 simultaneous requests', async () => {
    const auth = profile.auth(`race-${profile.dialect}`);
    const name = uniqueName('race');
    const responses = await Promise.all(
      Array.from({ length: 30 }, () => gateway.api.post(profile.collection).set(auth).send(profile.createBody(name))),
    );
    const statuses = responses.map((res) => res.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === profile.duplicateStatus)).toHaveLength(29);
    const list = await gateway.api.get(profile.collection).query(profile.listQuery).set(auth).expect(200);
    expect(profile.namesIn(list.body)).toEqual([name]);
  });
});
