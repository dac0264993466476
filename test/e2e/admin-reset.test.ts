import request from 'supertest';
import { adminState, tenantKeyOf } from '../support/admin-state';
import { PROFILES, profileOf, uniqueName } from '../support/dialect-profiles';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies are checked by the contract client

describe('POST /__admin/reset, scoped', () => {
  let gateway: TestGateway;
  const state = () => adminState(gateway.url);

  /**
   * Every dialect, two tenants each ("one" and "two"), one label per tenant. SuperSend's two
   * dialects share a store: each tenant there has a v1 (org-wide) and a v2 label, and lists both.
   */
  beforeEach(async () => {
    gateway = await startTestGateway();
    for (const profile of PROFILES) {
      for (const key of ['one', 'two']) await gateway.api.post(profile.collection).set(profile.auth(key)).send(profile.createBody(uniqueName(key))).expect(201);
    }
  });
  afterEach(() => gateway.stop());

  async function labelCount(dialect: (typeof PROFILES)[number]['dialect'], key: string): Promise<number> {
    const profile = profileOf(dialect);
    const list = await gateway.api.get(profile.collection).query(profile.listQuery).set(profile.auth(key)).expect(200);
    return profile.namesIn(list.body).length;
  }

  const counts = async () =>
    Object.fromEntries(await Promise.all(PROFILES.map(async ({ dialect }) => [dialect, [await labelCount(dialect, 'one'), await labelCount(dialect, 'two')]])));

  it('?dialect= resets that dialect’s vendor only', async () => {
    await state().reset({ dialect: 'kirim' }).expect(200, { status: 'reset', vendors: ['kirim'] });
    expect(await counts()).toEqual({ 'attention-v2': [1, 1], kirim: [0, 0], 'supersend-v1': [2, 2], 'supersend-v2': [2, 2], jasni: [1, 1] });
  });

  it('?vendor=supersend resets both SuperSend dialects, which share its store', async () => {
    await state().reset({ vendor: 'supersend' }).expect(200, { status: 'reset', vendors: ['supersend'] });
    expect(await counts()).toEqual({ 'attention-v2': [1, 1], kirim: [1, 1], 'supersend-v1': [0, 0], 'supersend-v2': [0, 0], jasni: [1, 1] });
  });

  it('a credential resets that one tenant, in every vendor where it is one, and answers its fingerprints, not the credential', async () => {
    const res = await state().reset({}, { credential: 'Bearer one' }).expect(200);
    // "Bearer one" is no Jasni key (no jsk_ prefix), and no Attention key either (its key is the whole
    // header, with no scheme and no space).
    expect(res.body).toEqual({
      status: 'reset',
      vendors: ['kirim', 'supersend'],
      tenant: { kirim: tenantKeyOf('Bearer one', 'bearer'), supersend: tenantKeyOf('Bearer one', 'bearer') },
    });
    expect(JSON.stringify(res.body)).not.toContain('one"');
    // Attention's tenant "one" sends the raw key `one`; the key `Bearer one` is another tenant.
    expect(await counts()).toEqual({ 'attention-v2': [1, 1], kirim: [0, 1], 'supersend-v1': [0, 2], 'supersend-v2': [0, 2], jasni: [1, 1] });
  });

  it('a credential and a dialect reset one tenant of one vendor, read by that dialect’s rule', async () => {
    await state().reset({ dialect: 'jasni' }, { credential: 'Bearer jsk_one' }).expect(200);
    expect(await counts()).toEqual({ 'attention-v2': [1, 1], kirim: [1, 1], 'supersend-v1': [2, 2], 'supersend-v2': [2, 2], jasni: [0, 1] });
  });

  it('without parameters resets everything, as before', async () => {
    await state().reset().expect(200);
    expect(await counts()).toEqual({ 'attention-v2': [0, 0], kirim: [0, 0], 'supersend-v1': [0, 0], 'supersend-v2': [0, 0], jasni: [0, 0] });
  });

  it.each([
    ['an unknown parameter', { team: 'x' }, undefined, 'team'],
    ['an unknown dialect', { dialect: 'kirim-v2' }, undefined, 'dialect'],
    ['an unknown vendor', { vendor: 'acme' }, undefined, 'vendor'],
    ['an unknown body field', {}, { credential: 'Bearer one', everything: true }, 'everything'],
    ['a credential that is not a string', {}, { credential: 42 }, 'credential'],
    ['a credential no vendor takes', { dialect: 'jasni' }, { credential: 'Bearer no-prefix' }, 'credential'],
    ['a body that is not an object', {}, ['Bearer one'], 'body'],
  ])('refuses %s with a 400 naming it, and resets nothing', async (_case, query, body, field) => {
    const before = await state().export();
    const res = await state().reset(query, body).expect(400);
    expect(res.body).toMatchObject({ error: 'validation_error', field });
    expect(res.body.message).toEqual(expect.any(String));
    expect(await state().export()).toEqual(before);
  });

  it('refuses a body that is not JSON (what a cross-site form can send: the admin guard answers 403)', async () => {
    await request(gateway.url).post('/__admin/reset').set('Content-Type', 'text/plain').send('credential=x').expect(403);
    expect(await counts()).toEqual({ 'attention-v2': [1, 1], kirim: [1, 1], 'supersend-v1': [2, 2], 'supersend-v2': [2, 2], jasni: [1, 1] });
  });

  it('forgets the journal entries of what it reset', async () => {
    await state().reset({ dialect: 'kirim' }).expect(200);
    const journal = (await request(gateway.url).get('/__admin/requests?limit=1000').expect(200)).body.requests as Body[];
    expect(journal.some((entry) => entry.dialect === 'kirim')).toBe(false);
    expect(journal.some((entry) => entry.dialect === 'jasni')).toBe(true);
    await state().reset().expect(200);
    expect((await request(gateway.url).get('/__admin/requests').expect(200)).body.requests).toEqual([]);
  });
});
