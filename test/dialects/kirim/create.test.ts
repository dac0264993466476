import { randomUUID } from 'node:crypto';
import { KIRIM_COLOR_NAMES } from '../../../src/core/colors';
import { startTestGateway, type TestGateway } from '../../support/test-gateway';

const LABELS = '/kirim/v1/labels';
const LABEL_ID = /^lbl_[0-9A-HJKMNP-TV-Z]{26}$/;
const REQUEST_ID = /^req_[0-9A-HJKMNP-TV-Z]{26}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const COLOR_MESSAGE = `color must be one of: ${KIRIM_COLOR_NAMES.join(', ')}.`;

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const newToken = () => `tok_${randomUUID()}`;

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.stop());

const create = (token: string, body: unknown) => gateway.api.post(LABELS).set(auth(token)).send(body as object);
const listOf = async (token: string, query: Record<string, string | number> = {}) =>
  (await gateway.api.get(LABELS).query({ limit: 100, ...query }).set(auth(token)).expect(200)).body;

/** The Kirim error envelope with everything but the request id fixed. */
const kirimError = (code: string, message: string, param?: string) => ({
  error: { type: 'invalid_request_error', code, message, ...(param && { param }), request_id: expect.stringMatching(REQUEST_ID) },
});

describe('Kirim create: the answer', () => {
  it('answers 201 with every label field in data and a request_id beside it', async () => {
    const res = await create(newToken(), { team_id: 'team_main', name: 'Urgent', color: 'red' }).expect(201);
    expect(res.body).toEqual({
      data: {
        id: expect.stringMatching(LABEL_ID),
        object: 'label',
        name: 'Urgent',
        color: 'red',
        team_id: 'team_main',
        created_at: expect.stringMatching(TIMESTAMP),
        updated_at: res.body.data.created_at,
      },
      request_id: expect.stringMatching(REQUEST_ID),
    });
  });

  it('gives every label its own lbl_ id and every answer its own req_ request id', async () => {
    const token = newToken();
    const first = await create(token, { name: 'one' }).expect(201);
    const second = await create(token, { name: 'two' }).expect(201);
    expect(first.body.data.id).not.toBe(second.body.data.id);
    expect(first.body.request_id).not.toBe(second.body.request_id);
    const failed = await create(token, { name: 'one' }).expect(400);
    expect(failed.body.error.request_id).toMatch(REQUEST_ID);
    expect([first.body.request_id, second.body.request_id]).not.toContain(failed.body.error.request_id);
  });
});

describe('Kirim create: colour', () => {
  it('is gray when none is given', async () => {
    const res = await create(newToken(), { name: 'Plain' }).expect(201);
    expect(res.body.data.color).toBe('gray');
  });

  it.each(KIRIM_COLOR_NAMES)('accepts %s and answers it back on create and get', async (color) => {
    const token = newToken();
    const created = await create(token, { name: `Colour ${color}`, color }).expect(201);
    expect(created.body.data.color).toBe(color);
    const fetched = await gateway.api.get(`${LABELS}/${created.body.data.id}`).set(auth(token)).expect(200);
    expect(fetched.body.data.color).toBe(color);
  });

  it.each([['grey'], ['Gray'], ['#6b7280'], [''], [42], [null]])('rejects %p with 400 invalid_field_value on color', async (color) => {
    const token = newToken();
    const res = await create(token, { name: 'Coloured', color }).expect(400);
    expect(res.body).toEqual(kirimError('invalid_field_value', COLOR_MESSAGE, 'color'));
    expect((await listOf(token)).data).toEqual([]);
  });
});

describe('Kirim create: name', () => {
  it('requires a name: 400 parameter_missing on name', async () => {
    const res = await create(newToken(), { color: 'gray' }).expect(400);
    expect(res.body).toEqual(kirimError('parameter_missing', 'name is required.', 'name'));
  });

  it('accepts 100 characters and rejects 101 as invalid_field_value', async () => {
    const token = newToken();
    await create(token, { name: 'n'.repeat(100) }).expect(201);
    const res = await create(token, { name: 'n'.repeat(101) }).expect(400);
    expect(res.body).toEqual(kirimError('invalid_field_value', 'name must be at most 100 characters.', 'name'));
  });

  it('trims surrounding white space before checking and storing it', async () => {
    const res = await create(newToken(), { name: `  ${'t'.repeat(100)}\n` }).expect(201);
    expect(res.body.data.name).toBe('t'.repeat(100));
  });

  it('rejects a name of white space only as empty', async () => {
    const res = await create(newToken(), { name: '   ' }).expect(400);
    expect(res.body).toEqual(kirimError('invalid_field_value', 'name must not be empty.', 'name'));
  });

  it('rejects a name that is not a string', async () => {
    const res = await create(newToken(), { name: 42 }).expect(400);
    expect(res.body).toEqual(kirimError('invalid_field_value', 'name must be a string.', 'name'));
  });

  it('rejects an unknown field, naming it', async () => {
    const res = await create(newToken(), { name: 'x', description: 'not a Kirim field' }).expect(400);
    expect(res.body).toEqual(kirimError('invalid_field_value', 'description is not a recognised field.', 'description'));
  });
});

describe('Kirim create: team resolution', () => {
  it('creates a default team for an organisation that has none, and reuses it on the next create', async () => {
    const token = newToken();
    const first = await create(token, { name: 'first' }).expect(201);
    const team = first.body.data.team_id;
    expect(team).toEqual(expect.any(String));
    expect(team.length).toBeGreaterThan(0);
    const second = await create(token, { name: 'second' }).expect(201);
    expect(second.body.data.team_id).toBe(team);
    expect((await listOf(token, { team_id: team })).data.map((label: { name: string }) => label.name)).toEqual(['first', 'second']);
  });

  it("resolves team_id to a single-team organisation's only team", async () => {
    const token = newToken();
    await create(token, { team_id: 'team_only', name: 'named' }).expect(201);
    const res = await create(token, { name: 'resolved' }).expect(201);
    expect(res.body.data.team_id).toBe('team_only');
  });

  it('requires team_id in a multi-team organisation: 400 parameter_missing on team_id, nothing written', async () => {
    const token = newToken();
    await create(token, { team_id: 'team_a', name: 'in a' }).expect(201);
    await create(token, { team_id: 'team_b', name: 'in b' }).expect(201);
    const res = await create(token, { name: 'where?' }).expect(400);
    expect(res.body).toEqual(kirimError('parameter_missing', 'team_id is required: this organization has 2 teams.', 'team_id'));
    expect((await listOf(token)).data.map((label: { name: string }) => label.name)).toEqual(['in a', 'in b']);
    await create(token, { team_id: 'team_b', name: 'here' }).expect(201);
  });

  it('rejects an empty team_id as invalid_field_value', async () => {
    const res = await create(newToken(), { team_id: '', name: 'x' }).expect(400);
    expect(res.body).toEqual(kirimError('invalid_field_value', 'team_id must not be empty.', 'team_id'));
  });
});

describe('Kirim create: names are unique per team', () => {
  it('answers a duplicate in the same team with 400 invalid_field_value on name (never 409)', async () => {
    const token = newToken();
    await create(token, { team_id: 'team_a', name: 'Urgent' }).expect(201);
    const res = await create(token, { team_id: 'team_a', name: 'Urgent', color: 'blue' }).expect(400);
    expect(res.body).toEqual(kirimError('invalid_field_value', "A label named 'Urgent' already exists in this team.", 'name'));
    expect((await listOf(token)).data).toHaveLength(1);
  });

  it('finds the duplicate in a resolved team too', async () => {
    const token = newToken();
    await create(token, { name: 'Urgent' }).expect(201);
    await create(token, { name: 'Urgent' }).expect(400);
  });

  it('treats a name that differs only by surrounding white space as the same name', async () => {
    const token = newToken();
    await create(token, { name: 'Urgent' }).expect(201);
    const res = await create(token, { name: ' Urgent ' }).expect(400);
    expect(res.body.error.param).toBe('name');
  });

  it('lets another team of the organisation use the same name', async () => {
    const token = newToken();
    const inA = await create(token, { team_id: 'team_a', name: 'Urgent' }).expect(201);
    const inB = await create(token, { team_id: 'team_b', name: 'Urgent' }).expect(201);
    expect(inB.body.data.id).not.toBe(inA.body.data.id);
    expect(inB.body.data.team_id).toBe('team_b');
  });

  it('lets another organisation use the same name and team id', async () => {
    await create(newToken(), { team_id: 'team_a', name: 'Urgent' }).expect(201);
    await create(newToken(), { team_id: 'team_a', name: 'Urgent' }).expect(201);
  });

  it('treats names that differ in case as different names (inferred)', async () => {
    const token = newToken();
    await create(token, { name: 'Urgent' }).expect(201);
    await create(token, { name: 'urgent' }).expect(201);
  });
});
