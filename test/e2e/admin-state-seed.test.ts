import request from 'supertest';
import { JASNI_PALETTE } from '../../src/core/colors';
import { adminState } from '../support/admin-state';
import { PROFILES, profileOf, TEAM_ID, type DialectProfile } from '../support/dialect-profiles';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies are checked by the contract client

/** For each dialect: a seed label with a fixed id in the dialect's form, and what the API then shows. */
const SEEDED: Record<DialectProfile['dialect'], { label: Body; expected: Body }> = {
  'attention-v2': {
    label: { id: '00000000-0000-4000-8000-000000000001', name: '  Buying Signal ', aiFlow: true },
    expected: { uuid: '00000000-0000-4000-8000-000000000001', name: 'Buying Signal', aiFlow: true, allTeams: false, description: '', options: [] },
  },
  kirim: {
    label: { id: 'lbl_01HXYZABCDEFGHJKMNPQRSTVWX', name: 'VIP' },
    expected: { id: 'lbl_01HXYZABCDEFGHJKMNPQRSTVWX', object: 'label', name: 'VIP', color: 'gray' },
  },
  'supersend-v1': {
    label: { id: '7c1d3f4e-2b6a-4c8d-9e0f-000000000001', name: 'Interested', color: '#4CAF50' },
    expected: { id: '7c1d3f4e-2b6a-4c8d-9e0f-000000000001', name: 'interested', color: '#4CAF50', team_id: null },
  },
  'supersend-v2': {
    label: { id: '7c1d3f4e-2b6a-4c8d-9e0f-000000000002', name: 'Hot Lead', color: '#ff0000', team_id: TEAM_ID },
    expected: { id: '7c1d3f4e-2b6a-4c8d-9e0f-000000000002', name: 'hot lead', color: '#ff0000', team_id: TEAM_ID },
  },
  jasni: {
    label: { id: '9b2c0a1e-5d4f-4e3a-8b7c-000000000001', name: 'Urgent', description: 'Requires immediate attention' },
    expected: { id: '9b2c0a1e-5d4f-4e3a-8b7c-000000000001', name: 'Urgent', description: 'Requires immediate attention' },
  },
};

describe.each(PROFILES)('a seed for $dialect', (profile) => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.stop());

  it('puts labels with fixed ids in place, with the defaults a create fills in, readable through the API', async () => {
    const auth = profile.auth('seeded');
    const { label, expected } = SEEDED[profile.dialect];
    const res = await adminState(gateway.url).put({ [profile.dialect]: { [auth.Authorization]: [label] } }).expect(200);
    expect(res.body).toEqual({ status: 'replaced', form: 'seed', vendors: [], tenants: 1, labels: 1 });

    const fetched = profile.hasGetOne
      ? profile.labelOf((await gateway.api.get(`${profile.collection}/${expected[profile.dialect === 'attention-v2' ? 'uuid' : 'id']}`).set(auth).expect(200)).body)
      : (await gateway.api.get(profile.collection).set(auth).expect(200)).body.data[0];
    expect(fetched).toMatchObject(expected);
    if (profile.dialect === 'jasni') expect(JASNI_PALETTE).toContain(fetched.color);
    // The seeded label obeys the API's rules from then on: its name is taken in its scope.
    await gateway.api.post(profile.collection).set(auth).send({ ...label, id: undefined }).expect(profile.duplicateStatus);
  });
});

describe('seed and state documents that cannot be imported', () => {
  let gateway: TestGateway;
  const state = () => adminState(gateway.url);
  const kirim = profileOf('kirim');
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.stop());
  beforeEach(async () => {
    await state().reset().expect(200);
    await gateway.api.post(kirim.collection).set(kirim.auth('existing')).send({ name: 'already here' }).expect(201);
  });

  async function refused(document: unknown, path: string, reason: RegExp): Promise<void> {
    const before = await state().export();
    const res = await state().put(document).expect(400);
    expect(res.body).toMatchObject({ error: 'invalid_state', path });
    expect(res.body.reason).toMatch(reason);
    expect(res.body.message).toBe(`${path}: ${res.body.reason}`);
    expect(await state().export()).toEqual(before);
  }

  it.each([
    ['a duplicate name, as a create would refuse it', { kirim: { 'Bearer sk_test_1': [{ name: 'VIP' }, { name: 'VIP', color: 'red' }] } }, '/kirim/{credential 1}/1/name', /already exists in this team/],
    ['a value the dialect does not accept', { kirim: { 'Bearer sk_test_1': [{ name: 'VIP', color: 'crimson' }] } }, '/kirim/{credential 1}/0/color', /must be one of/],
    ['a field the create body does not have', { jasni: { 'Bearer jsk_1': [{ name: 'x', priority: 1 }] } }, '/jasni/{credential 1}/0/priority', /not a recognised field/],
    ['a missing required field', { 'supersend-v2': { 'Bearer k': [{ name: 'x', color: '#000000' }] } }, '/supersend-v2/{credential 1}/0/team_id', /required/],
    ['an id not in the dialect form', { kirim: { 'Bearer sk_test_1': [{ id: 'lbl_lowercase', name: 'VIP' }] } }, '/kirim/{credential 1}/0/id', /"lbl_" and 26 Crockford/],
    ['the same id twice', { jasni: { 'Bearer jsk_1': [{ id: '9b2c0a1e-5d4f-4e3a-8b7c-000000000009', name: 'a' }, { id: '9b2c0a1e-5d4f-4e3a-8b7c-000000000009', name: 'b' }] } }, '/jasni/{credential 1}/1/id', /already given to \/jasni\/\{credential 1\}\/0/],
    ['an unknown dialect', { kirim: {}, 'kirim-v2': {} }, '/kirim-v2', /is not a dialect/],
    ['a credential the dialect refuses', { kirim: { 'Bearer ok': [] }, jasni: { 'Bearer sk_no_prefix': [{ name: 'x' }] } }, '/jasni/{credential 1}', /keys start with "jsk_"/],
    ['labels that are not a list', { kirim: { 'Bearer sk_test_1': { name: 'VIP' } } }, '/kirim/{credential 1}', /must be a list/],
    ['an empty document', {}, '/', /is empty/],
  ])('refuses %s, naming where and why, and changes nothing', async (_case, document, path, reason) => {
    await refused(document, path, reason);
  });

  it('never repeats a credential in its answer', async () => {
    const res = await state().put({ jasni: { 'Bearer very-secret-token': [{ name: 'x' }] } }).expect(400);
    expect(JSON.stringify(res.body)).not.toContain('very-secret-token');
  });

  it("refuses a seed id that another tenant's label already has", async () => {
    const other = await gateway.api.post(kirim.collection).set(kirim.auth('other')).send({ name: 'theirs' }).expect(201);
    await refused({ kirim: { 'Bearer mine': [{ id: other.body.data.id, name: 'mine' }] } }, '/kirim/{credential 1}/0/id', /another tenant/);
  });

  it.each([
    ['a version it does not read', (doc: Body) => ({ ...doc, version: 2 }), '/version', /must be 1/],
    ['an unknown vendor', (doc: Body) => ({ ...doc, vendors: { ...doc.vendors, acme: { tenants: {} } } }), '/vendors/acme', /is not a vendor/],
    ['a label without a name', (doc: Body, at: Body) => (delete at.labels[0].name, doc), '/labels/0/name', /is required/],
    ['an id of another form', (doc: Body, at: Body) => ((at.labels[0].id = '7c1d3f4e-2b6a-4c8d-9e0f-1a2b3c4d5e6f'), doc), '/labels/0/id', /Crockford/],
    ['a soft delete where the vendor deletes for good', (doc: Body, at: Body) => ((at.labels[0].deletedAt = '2026-01-01T00:00:00Z'), doc), '/labels/0/deletedAt', /deletes labels for good/],
    ['a date that does not exist', (doc: Body, at: Body) => ((at.labels[0].createdAt = '2026-13-01T00:00:00Z'), doc), '/labels/0/createdAt', /RFC 3339/],
    ['two labels with the same name in a team', (doc: Body, at: Body) => (at.labels.push({ ...at.labels[0], id: 'lbl_01HXYZABCDEFGHJKMNPQRSTVW0' }), doc), '/labels/1/name', /already used in the same team/],
    ['two labels with the same id', (doc: Body, at: Body) => (at.labels.push({ ...at.labels[0], name: 'other' }), doc), '/labels/1/id', /already the id of/],
    ['a team the tenant does not have', (doc: Body, at: Body) => ((at.labels[0].teamId = 'team_unknown'), doc), '/labels/0/teamId', /not among this tenant's teams/],
    ['an assignment outside SuperSend', (doc: Body, at: Body) => ((at.assignments = [{ conversationId: 'c', labelId: at.labels[0].id }]), doc), '/assignments', /only SuperSend v1/],
  ])('refuses an exported document with %s', async (_case, mutate, pathInTenant, reason) => {
    const exported = (await state().export()) as unknown as Body;
    const [key] = Object.keys(exported.vendors.kirim.tenants);
    const document = mutate(exported, exported.vendors.kirim.tenants[key]);
    const path = pathInTenant.startsWith('/labels') || pathInTenant.startsWith('/assignments') ? `/vendors/kirim/tenants/${key}${pathInTenant}` : pathInTenant;
    await refused(document, path, reason);
  });

  it('refuses a tenant key that is neither a fingerprint nor its organization', async () => {
    const exported = (await state().export()) as unknown as Body;
    const [key] = Object.keys(exported.vendors.kirim.tenants);
    exported.vendors.kirim.tenants = { 'Bearer existing': exported.vendors.kirim.tenants[key] };
    await refused(exported, '/vendors/kirim/tenants/Bearer existing', /fingerprint/);
  });

  it('answers a body that is not JSON, or not sent as JSON, and a parameter, with the admin envelope', async () => {
    const notJson = await request(gateway.url).put('/__admin/state').set('Content-Type', 'application/json').send('{"kirim": ').expect(400);
    expect(notJson.body).toMatchObject({ error: 'validation_error', field: 'body' });
    await request(gateway.url).put('/__admin/state').set('Content-Type', 'text/plain').send('{}').expect(403);
    await request(gateway.url).put('/__admin/state').expect(400, { error: 'validation_error', message: 'A state document is required as the JSON body.', field: 'body' });
    const withParameter = await request(gateway.url).put('/__admin/state?dialect=kirim').send({ kirim: {} }).expect(400);
    expect(withParameter.body).toMatchObject({ error: 'validation_error', field: 'dialect' });
  });
});

describe('a seed replaces the tenants it names and nothing else', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.stop());

  it("keeps other tenants' and other vendors' labels, and empties a named tenant given no labels", async () => {
    const kirim = profileOf('kirim');
    const jasni = profileOf('jasni');
    for (const key of ['a', 'b', 'c']) await gateway.api.post(kirim.collection).set(kirim.auth(key)).send({ name: `old ${key}` }).expect(201);
    await gateway.api.post(jasni.collection).set(jasni.auth('a')).send({ name: 'jasni old' }).expect(201);

    await adminState(gateway.url).put({ kirim: { 'Bearer a': [{ name: 'new a' }], 'Bearer c': [] } }).expect(200);

    const names = async (auth: Record<string, string>, collection: string, of: (body: Body) => string[]) =>
      of((await gateway.api.get(collection).set(auth).expect(200)).body);
    expect(await names(kirim.auth('a'), kirim.collection, kirim.namesIn)).toEqual(['new a']);
    expect(await names(kirim.auth('b'), kirim.collection, kirim.namesIn)).toEqual(['old b']);
    expect(await names(kirim.auth('c'), kirim.collection, kirim.namesIn)).toEqual([]);
    expect(await names(jasni.auth('a'), jasni.collection, jasni.namesIn)).toEqual(['jasni old']);
  });

  it('takes SuperSend v1 and v2 labels of one tenant together, by the rules of both', async () => {
    const seed = {
      'supersend-v1': { 'Bearer shared': [{ name: 'Org Wide', color: '#111111' }] },
      'supersend-v2': { 'Bearer shared': [{ name: 'Org Wide', color: '#222222', team_id: TEAM_ID }] },
    };
    await adminState(gateway.url).put(seed).expect(200);
    const v2 = profileOf('supersend-v2');
    const list = await gateway.api.get(v2.collection).query({ team_id: TEAM_ID }).set(v2.auth('shared')).expect(200);
    expect(list.body.data.map((label: Body) => [label.name, label.team_id])).toEqual([
      ['org wide', null],
      ['org wide', TEAM_ID],
    ]);
  });
});
