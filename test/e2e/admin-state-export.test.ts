import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { VENDOR_IDS, VENDOR_OF } from '../../src/core/dialects';
import { adminState, tenantKeyOf } from '../support/admin-state';
import { PROFILES, profileOf, TEAM_ID, uniqueName, type DialectProfile } from '../support/dialect-profiles';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

const vendorOf = (profile: DialectProfile) => VENDOR_OF[profile.dialect];
const schemeOf = (profile: DialectProfile) => (profile.dialect === 'attention-v2' ? 'raw' : 'bearer');

describe.each(PROFILES)('admin state of $dialect', (profile) => {
  let gateway: TestGateway;
  const state = () => adminState(gateway.url);
  const alice = profile.auth(`alice-${profile.dialect}`);
  const bob = profile.auth(`bob-${profile.dialect}`);

  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.stop());

  async function create(auth: Record<string, string>, name: string): Promise<string> {
    const res = await gateway.api.post(profile.collection).set(auth).send(profile.createBody(name)).expect(201);
    return profile.idOf(res.body);
  }

  it('exports every tenant under its credential fingerprint, never the credential, and an export → reset → import → export round trip is exact', async () => {
    const kept = await create(alice, uniqueName('kept'));
    const removedName = uniqueName('removed');
    const removed = await create(alice, removedName);
    await create(bob, uniqueName('bob'));
    await gateway.api[profile.updateMethod](`${profile.collection}/${kept}`).set(alice).send(profile.updateBody(uniqueName('renamed'))).expect(200);
    await gateway.api.delete(`${profile.collection}/${removed}`).set(alice).expect(200);
    if (profile.dialect === 'supersend-v1') {
      await gateway.api.post('/supersend/v1/labels/conversation').set(alice).send({ label_id: kept, conversation_id: 'conv_1' }).expect(200);
    }

    const exported = await state().export();
    expect(Object.keys(exported.vendors)).toEqual([...VENDOR_IDS]);
    const tenants = exported.vendors[vendorOf(profile)]!.tenants;
    const aliceKey = tenantKeyOf(alice.Authorization, schemeOf(profile));
    expect(Object.keys(tenants).sort()).toEqual([aliceKey, tenantKeyOf(bob.Authorization, schemeOf(profile))].sort());
    expect(JSON.stringify(exported)).not.toContain(`alice-${profile.dialect}`);
    const aliceLabels = tenants[aliceKey].labels;
    const softDeletes = vendorOf(profile) === 'supersend';
    expect(aliceLabels.map((label) => label.id)).toEqual(softDeletes ? [kept, removed] : [kept]);
    if (softDeletes) expect(aliceLabels[1].deletedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    if (profile.dialect === 'supersend-v1') expect(tenants[aliceKey].assignments).toEqual([{ conversationId: 'conv_1', labelId: kept }]);

    await state().reset().expect(200);
    expect((await state().export()).vendors[vendorOf(profile)]!.tenants).toEqual({});

    const imported = await state().put(exported).expect(200);
    expect(imported.body).toMatchObject({ status: 'replaced', form: 'export', vendors: [...VENDOR_IDS] });
    expect(await state().export()).toEqual(exported);

    // The state is live again, not only in the export: reads, rules and soft-delete state all hold.
    const list = await gateway.api.get(profile.collection).query(profile.listQuery).set(alice).expect(200);
    expect(profile.namesIn(list.body)).toEqual([aliceLabels[0].name]);
    if (profile.hasGetOne) await gateway.api.get(`${profile.collection}/${kept}`).set(alice).expect(200);
    await gateway.api.post(profile.collection).set(alice).send(profile.createBody(aliceLabels[0].name)).expect(profile.duplicateStatus);
    if (softDeletes) {
      const restored = await gateway.api.post(profile.collection).set(alice).send(profile.createBody(removedName)).expect(201);
      expect(profile.idOf(restored.body)).toBe(removed);
    }
    if (profile.dialect === 'supersend-v1') {
      const assigned = await gateway.api.get('/supersend/v1/labels/conversation').query({ conversation_id: 'conv_1' }).set(alice).expect(200);
      expect(assigned.body.data.map((label: { id: string }) => label.id)).toEqual([kept]);
    }
  });
});

describe('admin state export, narrowed', () => {
  let gateway: TestGateway;
  const state = () => adminState(gateway.url);
  beforeAll(async () => {
    gateway = await startTestGateway();
    for (const profile of PROFILES) await gateway.api.post(profile.collection).set(profile.auth('narrow')).send(profile.createBody(uniqueName())).expect(201);
  });
  afterAll(() => gateway.stop());

  it('exports only the vendor of ?dialect=, and only the vendor of ?vendor=', async () => {
    const bySupersendV1 = await state().export({ dialect: 'supersend-v1' });
    expect(Object.keys(bySupersendV1.vendors)).toEqual(['supersend']);
    // v1 and v2 share SuperSend's store: the v1 narrowing shows the v2 tenant's label too.
    const supersendLabels = Object.values(bySupersendV1.vendors.supersend!.tenants).flatMap((tenant) => tenant.labels);
    expect(supersendLabels).toHaveLength(2);
    expect(Object.keys((await state().export({ vendor: 'kirim' })).vendors)).toEqual(['kirim']);
  });

  it('refuses an unknown parameter, dialect or vendor, and a dialect of another vendor', async () => {
    const refused = async (query: Record<string, string>, field: string) => {
      const res = await request(gateway.url).get('/__admin/state').query(query).expect(400);
      expect(res.body).toMatchObject({ error: 'validation_error', field });
      expect(res.body.message).toEqual(expect.any(String));
    };
    await refused({ tenant: 'x' }, 'tenant');
    await refused({ dialect: 'kirim-v9' }, 'dialect');
    await refused({ vendor: 'acme' }, 'vendor');
    await refused({ dialect: 'kirim', vendor: 'jasni' }, 'vendor');
  });
});

describe('admin state with configured tenants', () => {
  let dir: string;
  let gateway: TestGateway;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'label-gateway-state-'));
    const tenants = path.join(dir, 'tenants.json');
    fs.writeFileSync(tenants, JSON.stringify({ tenants: [{ credential: 'tok_alpha', organization: 'org-alpha', teams: ['team-1', 'team-2'] }] }));
    gateway = await startTestGateway({ tenants });
  });
  afterAll(async () => {
    await gateway.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("names a configured tenant by its organization, and round-trips it", async () => {
    const kirim = profileOf('kirim');
    await gateway.api.post(kirim.collection).set(kirim.auth('tok_alpha')).send({ name: 'VIP', team_id: 'team-2' }).expect(201);
    const exported = await adminState(gateway.url).export({ dialect: 'kirim' });
    expect(Object.keys(exported.vendors.kirim!.tenants)).toEqual(['org-alpha']);
    expect(exported.vendors.kirim!.tenants['org-alpha']).toMatchObject({ orgId: 'org-alpha', labels: [{ name: 'VIP', teamId: 'team-2' }] });
    await adminState(gateway.url).reset({ dialect: 'kirim' }).expect(200);
    await adminState(gateway.url).put(exported).expect(200);
    expect(await adminState(gateway.url).export({ dialect: 'kirim' })).toEqual(exported);
  });

  it('seeds and resets a configured tenant by its credential, and refuses a credential the file does not list', async () => {
    const kirim = profileOf('kirim');
    const state = adminState(gateway.url);
    // Two teams: a Kirim create must name one, in a seed as through the API.
    const unnamed = await state.put({ kirim: { 'Bearer tok_alpha': [{ name: 'no team' }] } }).expect(400);
    expect(unnamed.body).toMatchObject({ path: '/kirim/{credential 1}/0/team_id', reason: expect.stringContaining('2 teams') });
    await state.put({ kirim: { 'Bearer tok_alpha': [{ name: 'seeded', team_id: 'team-1' }] } }).expect(200);
    const list = await gateway.api.get(kirim.collection).set(kirim.auth('tok_alpha')).expect(200);
    expect(kirim.namesIn(list.body)).toEqual(['seeded']);
    const unknown = await state.put({ kirim: { 'Bearer tok_unknown': [] } }).expect(400);
    expect(unknown.body).toMatchObject({ path: '/kirim/{credential 1}', reason: expect.stringContaining('tenants file') });

    await state.reset({ dialect: 'kirim' }, { credential: 'Bearer tok_alpha' }).expect(200);
    expect((await state.export({ dialect: 'kirim' })).vendors.kirim!.tenants).toEqual({});
    await state.reset({ dialect: 'kirim' }, { credential: 'Bearer tok_unknown' }).expect(400);
  });
});

describe('admin state of a data folder', () => {
  it('keeps an imported state, and names open-mode tenants by fingerprint, after a restart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'label-gateway-state-'));
    try {
      const jasni = profileOf('jasni');
      let gateway = await startTestGateway({ memory: false, data: dir });
      await gateway.api.post(jasni.collection).set(jasni.auth('restart')).send({ name: 'kept' }).expect(201);
      await adminState(gateway.url).put({ kirim: { 'Bearer restart': [{ id: 'lbl_01HXYZABCDEFGHJKMNPQRSTVWX', name: 'seeded' }] } }).expect(200);
      const before = await adminState(gateway.url).export();
      expect(Object.keys(before.vendors.kirim!.tenants)).toHaveLength(1);
      await gateway.stop();
      gateway = await startTestGateway({ memory: false, data: dir });
      try {
        const after = await adminState(gateway.url).export();
        expect(after).toEqual(before);
        expect(Object.keys(after.vendors.jasni!.tenants)).toEqual([tenantKeyOf(jasni.auth('restart').Authorization, 'bearer')]);
      } finally {
        await gateway.stop();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('admin state of a translating proxy', () => {
  // A Kirim id whose ULID is above 128 bits has no UUID twin: the proxy keeps a pair for it.
  const ODD_KIRIM_ID = `lbl_8${'Z'.repeat(25)}`;
  let vendors: TestGateway;
  let proxy: TestGateway;
  beforeAll(async () => {
    vendors = await startTestGateway();
    await adminState(vendors.url).put({ kirim: { 'Bearer upstream-key': [{ id: ODD_KIRIM_ID, name: 'odd one', team_id: TEAM_ID }] } }).expect(200);
    const route = { upstream: `${vendors.url}/kirim`, as: 'kirim' as const, credential: 'Bearer upstream-key', params: { team_id: TEAM_ID } };
    proxy = await startTestGateway({ proxy: { contract: 'enforce', upstreamTimeoutMs: 2000, routes: { jasni: route } } });
  });
  afterAll(async () => {
    await proxy.stop();
    await vendors.stop();
  });

  it('exports the id pairs under the client dialect’s vendor, and they work again after reset and import', async () => {
    const auth = { Authorization: 'Bearer jsk_client' };
    const list = await proxy.api.get('/jasni/api/v1/labels').set(auth).expect(200);
    const clientId: string = list.body.data.labels[0].id;
    const exported = await adminState(proxy.url).export({ dialect: 'jasni' });
    expect(exported.vendors.jasni!.idMap).toEqual([{ scope: `jasni>kirim@${vendors.url}/kirim`, clientId, upstreamId: ODD_KIRIM_ID }]);

    await adminState(proxy.url).reset({ dialect: 'jasni' }).expect(200);
    await proxy.api.get(`/jasni/api/v1/labels/${clientId}`).set(auth).expect(404);
    await adminState(proxy.url).put(exported).expect(200);
    const fetched = await proxy.api.get(`/jasni/api/v1/labels/${clientId}`).set(auth).expect(200);
    expect(fetched.body.data.label.name).toBe('odd one');
    expect(await adminState(proxy.url).export({ dialect: 'jasni' })).toEqual(exported);
  });

  it('refuses a seed for a dialect an upstream serves', async () => {
    const res = await adminState(proxy.url).put({ jasni: { 'Bearer jsk_x': [{ name: 'x' }] } }).expect(400);
    expect(res.body).toMatchObject({ path: '/jasni', reason: expect.stringContaining('served by an upstream') });
  });
});
