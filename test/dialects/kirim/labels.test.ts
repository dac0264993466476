import { randomUUID } from 'node:crypto';
import { startTestGateway, type TestGateway } from '../../support/test-gateway';

const LABELS = '/kirim/v1/labels';
const REQUEST_ID = /^req_[0-9A-HJKMNP-TV-Z]{26}$/;
const UNKNOWN_ID = 'lbl_01HXYZABCDEFGHJKMNPQRSTVWX';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const newToken = () => `tok_${randomUUID()}`;

interface KirimLabel {
  id: string;
  object: 'label';
  name: string;
  color: string;
  team_id: string;
  created_at: string;
  updated_at: string;
}

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.stop());

async function createLabel(token: string, body: Record<string, unknown>): Promise<KirimLabel> {
  const res = await gateway.api.post(LABELS).set(auth(token)).send(body).expect(201);
  return res.body.data as KirimLabel;
}

async function createMany(token: string, count: number, team_id?: string): Promise<KirimLabel[]> {
  const labels = [];
  for (let n = 1; n <= count; n++) labels.push(await createLabel(token, { name: `label ${n}`, ...(team_id && { team_id }) }));
  return labels;
}

const list = (token: string, query: Record<string, string | number> = {}) => gateway.api.get(LABELS).query(query).set(auth(token));

const kirimError = (code: string, message: string, param?: string) => ({
  error: { type: 'invalid_request_error', code, message, ...(param && { param }), request_id: expect.stringMatching(REQUEST_ID) },
});
const NOT_FOUND = kirimError('resource_missing', 'Label not found.');

describe('Kirim list', () => {
  it('answers an empty list object for a new organisation', async () => {
    const res = await list(newToken()).expect(200);
    expect(res.body).toEqual({ object: 'list', data: [], has_more: false, request_id: expect.stringMatching(REQUEST_ID) });
  });

  it("lists every team's labels, oldest first, without team_id", async () => {
    const token = newToken();
    const created = [
      await createLabel(token, { team_id: 'team_b', name: 'Charlie' }),
      await createLabel(token, { team_id: 'team_a', name: 'Alpha', color: 'green' }),
      await createLabel(token, { team_id: 'team_b', name: 'Bravo' }),
    ];
    const res = await list(token).expect(200);
    expect(res.body.data).toEqual(created);
    expect(res.body.has_more).toBe(false);
  });

  it("lists only one team's labels with team_id", async () => {
    const token = newToken();
    const inA = await createLabel(token, { team_id: 'team_a', name: 'one' });
    await createLabel(token, { team_id: 'team_b', name: 'two' });
    const inA2 = await createLabel(token, { team_id: 'team_a', name: 'three' });
    expect((await list(token, { team_id: 'team_a' }).expect(200)).body.data).toEqual([inA, inA2]);
  });

  it('answers an empty list for a team the organisation has never used (open mode)', async () => {
    const token = newToken();
    await createLabel(token, { team_id: 'team_a', name: 'one' });
    expect((await list(token, { team_id: 'team_new' }).expect(200)).body.data).toEqual([]);
  });

  it("never lists another organisation's labels", async () => {
    await createLabel(newToken(), { team_id: 'team_a', name: 'private' });
    expect((await list(newToken(), { team_id: 'team_a' }).expect(200)).body.data).toEqual([]);
  });

  it('pages with limit and starting_after until has_more is false', async () => {
    const token = newToken();
    const created = await createMany(token, 5);
    const pages: KirimLabel[][] = [];
    const hasMore: boolean[] = [];
    let startingAfter: string | undefined;
    do {
      const res = await list(token, { limit: 2, ...(startingAfter && { starting_after: startingAfter }) }).expect(200);
      pages.push(res.body.data);
      hasMore.push(res.body.has_more);
      startingAfter = res.body.data.at(-1)?.id;
    } while (hasMore.at(-1));
    expect(pages.map((page) => page.map((label) => label.name))).toEqual([['label 1', 'label 2'], ['label 3', 'label 4'], ['label 5']]);
    expect(hasMore).toEqual([true, true, false]);
    expect(pages.flat()).toEqual(created);
  });

  it('answers has_more false when the last page is exactly full, and an empty page after the last label', async () => {
    const token = newToken();
    const created = await createMany(token, 4);
    const second = await list(token, { limit: 2, starting_after: created[1].id }).expect(200);
    expect(second.body).toMatchObject({ data: created.slice(2), has_more: false });
    const after = await list(token, { starting_after: created[3].id }).expect(200);
    expect(after.body).toMatchObject({ data: [], has_more: false });
  });

  it('pages within a team', async () => {
    const token = newToken();
    const inA = await createMany(token, 3, 'team_a');
    await createMany(token, 2, 'team_b');
    const res = await list(token, { team_id: 'team_a', limit: 1, starting_after: inA[0].id }).expect(200);
    expect(res.body).toMatchObject({ data: [inA[1]], has_more: true });
  });

  it('answers 10 labels by default', async () => {
    const token = newToken();
    const created = await createMany(token, 11);
    const res = await list(token).expect(200);
    expect(res.body.data).toEqual(created.slice(0, 10));
    expect(res.body.has_more).toBe(true);
  });

  it.each([
    [0, 'limit must be at least 1.'],
    [101, 'limit must be at most 100.'],
    ['ten', 'limit must be an integer.'],
  ])('rejects limit=%p with 400 invalid_field_value on limit', async (limit, message) => {
    const res = await list(newToken(), { limit }).expect(400);
    expect(res.body).toEqual(kirimError('invalid_field_value', message, 'limit'));
  });

  it('accepts limit=1 and limit=100', async () => {
    const token = newToken();
    await createMany(token, 2);
    expect((await list(token, { limit: 1 }).expect(200)).body.data).toHaveLength(1);
    expect((await list(token, { limit: 100 }).expect(200)).body.data).toHaveLength(2);
  });

  it("rejects an unknown starting_after, or another organisation's label, with 400 on starting_after", async () => {
    const token = newToken();
    const res = await list(token, { starting_after: UNKNOWN_ID }).expect(400);
    expect(res.body).toEqual(kirimError('invalid_field_value', `No label with id '${UNKNOWN_ID}' to start after.`, 'starting_after'));
    const foreign = await createLabel(newToken(), { name: 'foreign' });
    expect((await list(token, { starting_after: foreign.id }).expect(400)).body.error.param).toBe('starting_after');
  });
});

describe('Kirim get', () => {
  it('answers the label in its envelope', async () => {
    const token = newToken();
    const label = await createLabel(token, { team_id: 'team_a', name: 'Urgent', color: 'pink' });
    const res = await gateway.api.get(`${LABELS}/${label.id}`).set(auth(token)).expect(200);
    expect(res.body).toEqual({ data: label, request_id: expect.stringMatching(REQUEST_ID) });
  });

  it('answers 404 resource_missing for an unknown id, and for a malformed one', async () => {
    const token = newToken();
    expect((await gateway.api.get(`${LABELS}/${UNKNOWN_ID}`).set(auth(token)).expect(404)).body).toEqual(NOT_FOUND);
    expect((await gateway.api.get(`${LABELS}/not-an-id`).set(auth(token)).expect(404)).body).toEqual(NOT_FOUND);
  });

  it("answers 404 for another organisation's label, as for an unknown one", async () => {
    const label = await createLabel(newToken(), { name: 'private' });
    expect((await gateway.api.get(`${LABELS}/${label.id}`).set(auth(newToken())).expect(404)).body).toEqual(NOT_FOUND);
  });
});

describe('Kirim update', () => {
  const patch = (token: string, id: string, body: unknown) => gateway.api.patch(`${LABELS}/${id}`).set(auth(token)).send(body as object);

  it('renames a label, keeping its id, team, colour and created_at', async () => {
    const token = newToken();
    const label = await createLabel(token, { team_id: 'team_a', name: 'Old', color: 'cyan' });
    const res = await patch(token, label.id, { name: '  New  ' }).expect(200);
    expect(res.body).toEqual({
      data: { ...label, name: 'New', updated_at: expect.any(String) },
      request_id: expect.stringMatching(REQUEST_ID),
    });
    expect(res.body.data.updated_at >= label.updated_at).toBe(true);
    expect((await gateway.api.get(`${LABELS}/${label.id}`).set(auth(token)).expect(200)).body.data).toEqual(res.body.data);
  });

  it('changes only the colour when only color is sent', async () => {
    const token = newToken();
    const label = await createLabel(token, { name: 'Keep' });
    const res = await patch(token, label.id, { color: 'violet' }).expect(200);
    expect(res.body.data).toMatchObject({ name: 'Keep', color: 'violet' });
  });

  it('changes name and colour together', async () => {
    const token = newToken();
    const label = await createLabel(token, { name: 'Both' });
    const res = await patch(token, label.id, { name: 'Changed', color: 'amber' }).expect(200);
    expect(res.body.data).toMatchObject({ id: label.id, name: 'Changed', color: 'amber' });
  });

  it('requires at least one field', async () => {
    const token = newToken();
    const label = await createLabel(token, { name: 'Same' });
    const res = await patch(token, label.id, {}).expect(400);
    expect(res.body).toEqual(kirimError('invalid_field_value', 'body must contain at least one field to update.', 'body'));
  });

  it('rejects an unknown colour, and a team_id (a label cannot change team)', async () => {
    const token = newToken();
    const label = await createLabel(token, { name: 'Stay' });
    expect((await patch(token, label.id, { color: 'teal' }).expect(400)).body.error).toMatchObject({ code: 'invalid_field_value', param: 'color' });
    expect((await patch(token, label.id, { team_id: 'team_b' }).expect(400)).body).toEqual(
      kirimError('invalid_field_value', 'team_id is not a recognised field.', 'team_id'),
    );
  });

  it("rejects a rename to a name the label's team already has, but not one another team has", async () => {
    const token = newToken();
    await createLabel(token, { team_id: 'team_a', name: 'Taken' });
    await createLabel(token, { team_id: 'team_b', name: 'Elsewhere' });
    const label = await createLabel(token, { team_id: 'team_a', name: 'Mine' });
    expect((await patch(token, label.id, { name: 'Taken' }).expect(400)).body).toEqual(
      kirimError('invalid_field_value', "A label named 'Taken' already exists in this team.", 'name'),
    );
    await patch(token, label.id, { name: 'Elsewhere' }).expect(200);
  });

  it('lets a label be renamed to its own name', async () => {
    const token = newToken();
    const label = await createLabel(token, { name: 'Self' });
    await patch(token, label.id, { name: 'Self', color: 'red' }).expect(200);
  });

  it("answers 404 for an unknown id and for another organisation's label", async () => {
    expect((await patch(newToken(), UNKNOWN_ID, { name: 'x' }).expect(404)).body).toEqual(NOT_FOUND);
    const label = await createLabel(newToken(), { name: 'private' });
    await patch(newToken(), label.id, { name: 'hijacked' }).expect(404);
  });
});

describe('Kirim delete', () => {
  const remove = (token: string, id: string) => gateway.api.delete(`${LABELS}/${id}`).set(auth(token));

  it('answers the deleted object and removes the label from get and list', async () => {
    const token = newToken();
    const label = await createLabel(token, { name: 'Doomed' });
    const res = await remove(token, label.id).expect(200);
    expect(res.body).toEqual({ data: { id: label.id, object: 'label', deleted: true }, request_id: expect.stringMatching(REQUEST_ID) });
    expect((await gateway.api.get(`${LABELS}/${label.id}`).set(auth(token)).expect(404)).body).toEqual(NOT_FOUND);
    expect((await list(token).expect(200)).body.data).toEqual([]);
  });

  it('answers 404 to a second delete of the same label', async () => {
    const token = newToken();
    const label = await createLabel(token, { name: 'Once' });
    await remove(token, label.id).expect(200);
    expect((await remove(token, label.id).expect(404)).body).toEqual(NOT_FOUND);
  });

  it('frees the name in its team: a new label with a new id can take it (hard delete)', async () => {
    const token = newToken();
    const label = await createLabel(token, { team_id: 'team_a', name: 'Reused' });
    await remove(token, label.id).expect(200);
    const again = await createLabel(token, { team_id: 'team_a', name: 'Reused' });
    expect(again.id).not.toBe(label.id);
  });

  it("answers 404 for another organisation's label and leaves it in place", async () => {
    const owner = newToken();
    const label = await createLabel(owner, { name: 'private' });
    await remove(newToken(), label.id).expect(404);
    await gateway.api.get(`${LABELS}/${label.id}`).set(auth(owner)).expect(200);
  });
});
