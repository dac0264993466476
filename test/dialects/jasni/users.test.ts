import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestGateway, type TestGateway } from '../../support/test-gateway';

/**
 * Jasni scopes labels to the user of the key, not to the organisation. Open mode gives every key its
 * own organisation, so only a tenants file with two users in one organisation can tell the two apart.
 */
const LABELS = '/jasni/api/v1/labels';
const ALICE = 'jsk_alice_key';
const BOB = 'jsk_bob_key';
const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
const NOT_FOUND = { success: false, error: 'Label not found.' };

let gateway: TestGateway;
let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jasni-users-'));
  const tenants = path.join(dir, 'tenants.json');
  fs.writeFileSync(
    tenants,
    JSON.stringify({
      tenants: [
        { credential: ALICE, vendors: ['jasni'], organization: 'org-shared', user: 'user-alice' },
        { credential: BOB, vendors: ['jasni'], organization: 'org-shared', user: 'user-bob' },
      ],
    }),
  );
  gateway = await startTestGateway({ tenants });
});
afterAll(async () => {
  await gateway.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('Jasni labels belong to a user, not to the organisation', () => {
  it('lets two users of one organisation each have the same name, and each lists only their own', async () => {
    const alices = await gateway.api.post(LABELS).set(auth(ALICE)).send({ name: 'Follow up' }).expect(201);
    const bobs = await gateway.api.post(LABELS).set(auth(BOB)).send({ name: 'Follow up' }).expect(201);
    const aliceList = await gateway.api.get(LABELS).set(auth(ALICE)).expect(200);
    const bobList = await gateway.api.get(LABELS).set(auth(BOB)).expect(200);
    expect(aliceList.body.data.labels.map((label: { id: string }) => label.id)).toEqual([alices.body.data.label.id]);
    expect(bobList.body.data.labels.map((label: { id: string }) => label.id)).toEqual([bobs.body.data.label.id]);
  });

  it('still refuses a name the same user already has', async () => {
    await gateway.api.post(LABELS).set(auth(ALICE)).send({ name: 'Twice' }).expect(201);
    await gateway.api.post(LABELS).set(auth(ALICE)).send({ name: 'Twice' }).expect(409);
  });

  it("hides a colleague's label from get, update and delete (404)", async () => {
    const res = await gateway.api.post(LABELS).set(auth(ALICE)).send({ name: 'Mine' }).expect(201);
    const url = `${LABELS}/${res.body.data.label.id}`;
    await gateway.api.get(url).set(auth(BOB)).expect(404, NOT_FOUND);
    await gateway.api.patch(url).set(auth(BOB)).send({ name: 'Taken over' }).expect(404, NOT_FOUND);
    await gateway.api.delete(url).set(auth(BOB)).expect(404, NOT_FOUND);
    const stored = await gateway.api.get(url).set(auth(ALICE)).expect(200);
    expect(stored.body.data.label.name).toBe('Mine');
  });

  it("resets and seeds one user's labels by credential, leaving a colleague's in the same organisation", async () => {
    const names = async (key: string) =>
      ((await gateway.api.get(LABELS).set(auth(key)).expect(200)).body.data.labels as Array<{ name: string }>).map((label) => label.name).sort();
    await gateway.api.post('/__admin/reset').expect(200);
    await gateway.api.post(LABELS).set(auth(ALICE)).send({ name: 'Alice only' }).expect(201);
    await gateway.api.post(LABELS).set(auth(BOB)).send({ name: 'Bob only' }).expect(201);

    await gateway.api.post('/__admin/reset').send({ credential: `Bearer ${ALICE}` }).expect(200);
    expect(await names(ALICE)).toEqual([]);
    expect(await names(BOB)).toEqual(['Bob only']);

    await gateway.api.put('/__admin/state').send({ jasni: { [`Bearer ${ALICE}`]: [{ name: 'Seeded' }] } }).expect(200);
    expect(await names(ALICE)).toEqual(['Seeded']);
    expect(await names(BOB)).toEqual(['Bob only']);
    // Seeding Alice again replaces her labels, still not Bob's.
    await gateway.api.put('/__admin/state').send({ jasni: { [`Bearer ${ALICE}`]: [{ name: 'Seeded again' }] } }).expect(200);
    expect(await names(ALICE)).toEqual(['Seeded again']);
    expect(await names(BOB)).toEqual(['Bob only']);
  });

  it('rejects a jsk_ key the tenants file does not know with 401', async () => {
    const res = await gateway.api.get(LABELS).set(auth('jsk_stranger')).expect(401);
    expect(res.body).toEqual({ success: false, error: 'Invalid API key.' });
  });
});
