import { randomUUID } from 'node:crypto';
import { JASNI_PALETTE } from '../../../src/core/colors';
import { startTestGateway, type TestGateway } from '../../support/test-gateway';

const LABELS = '/jasni/api/v1/labels';
const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
const newKey = () => `jsk_${randomUUID()}`;
const COLOR_MESSAGE = 'color must be a hex colour code in the form #RRGGBB (e.g. #ff0000).';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.stop());

const create = (key: string, body: unknown) => gateway.api.post(LABELS).set(auth(key)).send(body as object);
const expectError = (res: { body: unknown }, message: string) => expect(res.body).toEqual({ success: false, error: message });

describe('Jasni create: default colour', () => {
  it('assigns a random palette colour when none is given', async () => {
    const key = newKey();
    const colors: string[] = [];
    for (let n = 0; n < 40; n++) {
      const res = await create(key, { name: `auto colour ${n}` }).expect(201);
      colors.push(res.body.data.label.color);
    }
    for (const color of colors) expect(JASNI_PALETTE).toContain(color);
    // Random, not fixed: 40 draws from ten colours are all the same with probability 10^-39.
    expect(new Set(colors).size).toBeGreaterThan(1);
  });

  it('stores a label without a description as description null', async () => {
    const res = await create(newKey(), { name: 'Plain', color: '#123456' }).expect(201);
    expect(res.body.data.label).toEqual({ id: expect.any(String), name: 'Plain', color: '#123456', description: null, created_at: expect.any(String) });
  });
});

describe('Jasni create: name', () => {
  it('accepts 50 characters and rejects 51, naming the field', async () => {
    const key = newKey();
    const fifty = 'n'.repeat(50);
    const ok = await create(key, { name: fifty }).expect(201);
    expect(ok.body.data.label.name).toBe(fifty);
    expectError(await create(key, { name: 'n'.repeat(51) }).expect(400), 'name must be at most 50 characters.');
  });

  it('trims surrounding white space before checking and storing the name', async () => {
    const res = await create(newKey(), { name: `  ${'t'.repeat(50)}\t` }).expect(201);
    expect(res.body.data.label.name).toBe('t'.repeat(50));
  });

  it('rejects a whitespace-only name as empty', async () => {
    expectError(await create(newKey(), { name: '   ' }).expect(400), 'name must not be empty.');
  });

  it('requires a name', async () => {
    expectError(await create(newKey(), { color: '#ff0000' }).expect(400), 'name is required.');
  });

  it('rejects a name that is not a string', async () => {
    expectError(await create(newKey(), { name: 42 }).expect(400), 'name must be a string.');
  });
});

describe('Jasni create: colour', () => {
  it.each(['#ff0000', '#FF0000', '#0ea5E9'])('accepts %s and keeps it as sent', async (color) => {
    const res = await create(newKey(), { name: 'Coloured', color }).expect(201);
    expect(res.body.data.label.color).toBe(color);
  });

  it.each([['ff0000'], ['#fff'], ['red'], ['#gggggg'], ['#ff00001'], [42], [null]])('rejects %p with a message naming color', async (color) => {
    const res = await create(newKey(), { name: 'Coloured', color }).expect(400);
    expectError(res, COLOR_MESSAGE);
  });
});

describe('Jasni create: description', () => {
  it('accepts 500 characters and rejects 501', async () => {
    const key = newKey();
    await create(key, { name: 'Long', description: 'd'.repeat(500) }).expect(201);
    expectError(await create(key, { name: 'Longer', description: 'd'.repeat(501) }).expect(400), 'description must be at most 500 characters.');
  });

  it('rejects a description that is not a string', async () => {
    expectError(await create(newKey(), { name: 'Typed', description: null }).expect(400), 'description must be a string.');
  });
});

describe('Jasni create: body', () => {
  it('rejects an unknown field, naming it', async () => {
    expectError(await create(newKey(), { name: 'Teamed', team_id: randomUUID() }).expect(400), 'team_id is not a recognised field.');
  });
});

describe('Jasni create: names are unique per user', () => {
  it('answers 409 for a name the user already has', async () => {
    const key = newKey();
    await create(key, { name: 'Urgent' }).expect(201);
    expectError(await create(key, { name: 'Urgent' }).expect(409), "A label named 'Urgent' already exists in this account.");
  });

  it('treats a name that only differs by surrounding white space as the same name', async () => {
    const key = newKey();
    await create(key, { name: 'Urgent' }).expect(201);
    await create(key, { name: ' Urgent ' }).expect(409);
  });

  it('lets two users (two jsk_ keys) each have the same name', async () => {
    await create(newKey(), { name: 'Urgent' }).expect(201);
    await create(newKey(), { name: 'Urgent' }).expect(201);
  });

  it('treats names that differ only in case as different names (inferred)', async () => {
    const key = newKey();
    await create(key, { name: 'Urgent' }).expect(201);
    await create(key, { name: 'urgent' }).expect(201);
  });
});

describe('Jasni credentials', () => {
  it('rejects a key without the jsk_ prefix with 401', async () => {
    const res = await gateway.api.post(LABELS).set(auth(randomUUID())).send({ name: 'Nope' }).expect(401);
    expectError(res, 'Invalid API key: keys start with "jsk_".');
  });

  it('rejects a request without a key with 401', async () => {
    const res = await gateway.api.get(LABELS).expect(401);
    expect(res.body.success).toBe(false);
  });
});
