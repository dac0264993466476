import { randomUUID } from 'node:crypto';
import { startTestGateway, type TestGateway } from '../../support/test-gateway';

const LABELS = '/jasni/api/v1/labels';
const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
const newKey = () => `jsk_${randomUUID()}`;
const NOT_FOUND = { success: false, error: 'Label not found.' };

interface JasniLabel {
  id: string;
  name: string;
  color: string;
  description: string | null;
  created_at: string;
}

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.stop());

async function createLabel(key: string, body: Record<string, unknown>): Promise<JasniLabel> {
  const res = await gateway.api.post(LABELS).set(auth(key)).send(body).expect(201);
  return res.body.data.label as JasniLabel;
}

describe('Jasni list', () => {
  it('answers an empty list for a new user', async () => {
    const res = await gateway.api.get(LABELS).set(auth(newKey())).expect(200);
    expect(res.body).toEqual({ success: true, data: { labels: [] } });
  });

  it("lists the user's labels oldest first", async () => {
    const key = newKey();
    const created = [];
    for (const name of ['Charlie', 'Alpha', 'Bravo']) created.push(await createLabel(key, { name, color: '#22c55e' }));
    const res = await gateway.api.get(LABELS).set(auth(key)).expect(200);
    expect(res.body).toEqual({ success: true, data: { labels: created } });
  });

  it("never lists another user's labels", async () => {
    const owner = newKey();
    await createLabel(owner, { name: 'Private' });
    const res = await gateway.api.get(LABELS).set(auth(newKey())).expect(200);
    expect(res.body.data.labels).toEqual([]);
  });
});

describe('Jasni get', () => {
  it('answers the label in its envelope', async () => {
    const key = newKey();
    const label = await createLabel(key, { name: 'Urgent', color: '#ef4444', description: 'Requires immediate attention' });
    const res = await gateway.api.get(`${LABELS}/${label.id}`).set(auth(key)).expect(200);
    expect(res.body).toEqual({ success: true, data: { label } });
  });

  it('answers 404 for an unknown id', async () => {
    const res = await gateway.api.get(`${LABELS}/${randomUUID()}`).set(auth(newKey())).expect(404);
    expect(res.body).toEqual(NOT_FOUND);
  });

  it("answers 404, not 403, for another user's label", async () => {
    const label = await createLabel(newKey(), { name: 'Theirs' });
    const res = await gateway.api.get(`${LABELS}/${label.id}`).set(auth(newKey())).expect(404);
    expect(res.body).toEqual(NOT_FOUND);
  });
});

describe('Jasni update', () => {
  it('changes only the fields sent and says so', async () => {
    const key = newKey();
    const label = await createLabel(key, { name: 'Urgent', color: '#ef4444', description: 'Requires immediate attention' });
    const res = await gateway.api.patch(`${LABELS}/${label.id}`).set(auth(key)).send({ name: '  Very Urgent ' }).expect(200);
    expect(res.body).toEqual({
      success: true,
      data: { label: { ...label, name: 'Very Urgent' } },
      message: 'Label updated successfully',
    });
    const stored = await gateway.api.get(`${LABELS}/${label.id}`).set(auth(key)).expect(200);
    expect(stored.body.data.label).toEqual({ ...label, name: 'Very Urgent' });
  });

  it('changes colour and description together', async () => {
    const key = newKey();
    const label = await createLabel(key, { name: 'Recolour', color: '#ef4444' });
    const res = await gateway.api.patch(`${LABELS}/${label.id}`).set(auth(key)).send({ color: '#0EA5E9', description: 'Now blue' }).expect(200);
    expect(res.body.data.label).toEqual({ ...label, color: '#0EA5E9', description: 'Now blue' });
  });

  it('clears the description with null', async () => {
    const key = newKey();
    const label = await createLabel(key, { name: 'Described', description: 'to be cleared' });
    const res = await gateway.api.patch(`${LABELS}/${label.id}`).set(auth(key)).send({ description: null }).expect(200);
    expect(res.body.data.label.description).toBeNull();
    const stored = await gateway.api.get(`${LABELS}/${label.id}`).set(auth(key)).expect(200);
    expect(stored.body.data.label.description).toBeNull();
  });

  it('requires at least one field', async () => {
    const key = newKey();
    const label = await createLabel(key, { name: 'Untouched' });
    const res = await gateway.api.patch(`${LABELS}/${label.id}`).set(auth(key)).send({}).expect(400);
    expect(res.body).toEqual({ success: false, error: 'body must contain at least one field to update.' });
  });

  it.each([
    [{ name: 'x'.repeat(51) }, 'name must be at most 50 characters.'],
    [{ name: ' ' }, 'name must not be empty.'],
    [{ color: 'red' }, 'color must be a hex colour code in the form #RRGGBB (e.g. #ff0000).'],
    [{ description: 'd'.repeat(501) }, 'description must be at most 500 characters.'],
    [{ created_at: '2024-01-15T11:00:00Z' }, 'created_at is not a recognised field.'],
  ])('rejects %p with 400 and leaves the label unchanged', async (body, message) => {
    const key = newKey();
    const label = await createLabel(key, { name: 'Stable', color: '#22c55e' });
    const res = await gateway.api.patch(`${LABELS}/${label.id}`).set(auth(key)).send(body).expect(400);
    expect(res.body).toEqual({ success: false, error: message });
    const stored = await gateway.api.get(`${LABELS}/${label.id}`).set(auth(key)).expect(200);
    expect(stored.body.data.label).toEqual(label);
  });

  it("answers 409 for a rename to a name the user already has", async () => {
    const key = newKey();
    await createLabel(key, { name: 'Taken' });
    const label = await createLabel(key, { name: 'Free' });
    const res = await gateway.api.patch(`${LABELS}/${label.id}`).set(auth(key)).send({ name: 'Taken' }).expect(409);
    expect(res.body).toEqual({ success: false, error: "A label named 'Taken' already exists in this account." });
  });

  it('lets a label keep its own name', async () => {
    const key = newKey();
    const label = await createLabel(key, { name: 'Same' });
    await gateway.api.patch(`${LABELS}/${label.id}`).set(auth(key)).send({ name: 'Same', color: '#000000' }).expect(200);
  });

  it("answers 404 for an unknown id and for another user's label", async () => {
    const key = newKey();
    await gateway.api.patch(`${LABELS}/${randomUUID()}`).set(auth(key)).send({ name: 'Ghost' }).expect(404, NOT_FOUND);
    const theirs = await createLabel(newKey(), { name: 'Theirs' });
    await gateway.api.patch(`${LABELS}/${theirs.id}`).set(auth(key)).send({ name: 'Mine now' }).expect(404, NOT_FOUND);
  });
});

describe('Jasni delete', () => {
  it('deletes the label for good: gone from get and list, and its name is free again', async () => {
    const key = newKey();
    const label = await createLabel(key, { name: 'Doomed' });
    const res = await gateway.api.delete(`${LABELS}/${label.id}`).set(auth(key)).expect(200);
    expect(res.body).toEqual({ success: true, message: 'Label deleted successfully' });
    await gateway.api.get(`${LABELS}/${label.id}`).set(auth(key)).expect(404, NOT_FOUND);
    const list = await gateway.api.get(LABELS).set(auth(key)).expect(200);
    expect(list.body.data.labels).toEqual([]);
    const again = await createLabel(key, { name: 'Doomed' });
    expect(again.id).not.toBe(label.id);
  });

  it('answers 404 when deleting twice', async () => {
    const key = newKey();
    const label = await createLabel(key, { name: 'Once' });
    await gateway.api.delete(`${LABELS}/${label.id}`).set(auth(key)).expect(200);
    await gateway.api.delete(`${LABELS}/${label.id}`).set(auth(key)).expect(404, NOT_FOUND);
  });

  it("answers 404 for another user's label and leaves it in place", async () => {
    const owner = newKey();
    const label = await createLabel(owner, { name: 'Kept' });
    await gateway.api.delete(`${LABELS}/${label.id}`).set(auth(newKey())).expect(404, NOT_FOUND);
    await gateway.api.get(`${LABELS}/${label.id}`).set(auth(owner)).expect(200);
  });
});
