import { randomUUID } from 'node:crypto';
import { VENDOR_PREFIX } from '../../../src/core/dialects';
import { startTestGateway, type TestGateway } from '../../support/test-gateway';

const LABELS = `${VENDOR_PREFIX.attention}/v2/labels`;
/** Attention's credential is the whole header, with no scheme; each new key is its own organisation. */
const newAuth = () => ({ Authorization: `attention-create-${randomUUID()}` });

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.stop());

async function expectValidationError(auth: Record<string, string>, body: unknown, field: string, message?: string | RegExp) {
  const res = await gateway.api.post(LABELS).set(auth).send(body as object).expect(400);
  expect(res.body.error).toMatchObject({ code: 'validation_error', field });
  if (message !== undefined) expect(res.body.error.message).toMatch(message);
  const list = await gateway.api.get(LABELS).set(auth).expect(200);
  expect(list.body.data).toEqual([]);
}

describe('Attention v2 create', () => {
  it('fills the documented defaults: aiFlow false, allTeams false, no options, isDefaultTemplate false', async () => {
    const auth = newAuth();
    const res = await gateway.api.post(LABELS).set(auth).send({ name: 'Plain' }).expect(201);
    expect(res.body.data).toEqual({
      uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Plain',
      description: '',
      aiFlow: false,
      allTeams: false,
      isDefaultTemplate: false,
      options: [],
      organizationUUID: expect.any(String),
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
    });
  });

  it('takes the organisation from the API key, the same for every label of that key', async () => {
    const auth = newAuth();
    const first = await gateway.api.post(LABELS).set(auth).send({ name: 'One' }).expect(201);
    const second = await gateway.api.post(LABELS).set(auth).send({ name: 'Two' }).expect(201);
    const other = await gateway.api.post(LABELS).set(newAuth()).send({ name: 'One' }).expect(201);
    expect(second.body.data.organizationUUID).toBe(first.body.data.organizationUUID);
    expect(other.body.data.organizationUUID).not.toBe(first.body.data.organizationUUID);
  });

  it('takes the whole Authorization header as the key: "Bearer <key>" is not its form, and answers 401', async () => {
    const key = `attention-raw-${randomUUID()}`;
    await gateway.api.post(LABELS).set({ Authorization: key }).send({ name: 'Raw key' }).expect(201);
    const withScheme = await gateway.api.get(LABELS).set({ Authorization: `Bearer ${key}` }).expect(401);
    expect(JSON.stringify(withScheme.body)).not.toContain(key);
  });

  it('answers 401 in its envelope without an Authorization header', async () => {
    const res = await gateway.api.post(LABELS).send({ name: 'Nobody' }).expect(401);
    expect(res.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it('stores aiFlow, allTeams and the description as sent', async () => {
    const body = { name: 'Flags', description: 'Both flags on', aiFlow: true, allTeams: true };
    const res = await gateway.api.post(LABELS).set(newAuth()).send(body).expect(201);
    expect(res.body.data).toMatchObject(body);
  });

  it('round-trips options exactly, with and without an option description', async () => {
    const auth = newAuth();
    const options = [{ value: 'high', description: 'Strong signal' }, { value: 'low' }];
    const created = await gateway.api.post(LABELS).set(auth).send({ name: 'Intent', options }).expect(201);
    expect(created.body.data.options).toEqual(options);
    const read = await gateway.api.get(`${LABELS}/${created.body.data.uuid}`).set(auth).expect(200);
    expect(read.body.data.options).toEqual(options);
  });

  it('treats options: [] as a binary label', async () => {
    const res = await gateway.api.post(LABELS).set(newAuth()).send({ name: 'Binary', options: [] }).expect(201);
    expect(res.body.data.options).toEqual([]);
  });

  it('answers 400 to an option without a value, an empty value, or an unknown option field', async () => {
    await expectValidationError(newAuth(), { name: 'Bad', options: [{ description: 'no value' }] }, 'options[0].value', 'options[0].value is required.');
    await expectValidationError(newAuth(), { name: 'Bad', options: [{ value: '' }] }, 'options[0].value');
    await expectValidationError(newAuth(), { name: 'Bad', options: [{ value: 'a' }, { value: 'b', color: 'red' }] }, 'options[1].color');
    await expectValidationError(newAuth(), { name: 'Bad', options: 'high,low' }, 'options', 'options must be an array.');
  });
});

describe('Attention v2 create: name', () => {
  it('stores the name trimmed of leading and trailing white space', async () => {
    const res = await gateway.api.post(LABELS).set(newAuth()).send({ name: '  \t Buying Signal \n ' }).expect(201);
    expect(res.body.data.name).toBe('Buying Signal');
  });

  it('answers 400 naming name to a whitespace-only name, an empty one, or none', async () => {
    await expectValidationError(newAuth(), { name: '   ' }, 'name', 'name must not be empty.');
    await expectValidationError(newAuth(), { name: '' }, 'name', 'name must not be empty.');
    await expectValidationError(newAuth(), { description: 'no name' }, 'name', 'name is required.');
  });

  it('accepts 128 characters and refuses 129', async () => {
    const res = await gateway.api.post(LABELS).set(newAuth()).send({ name: 'n'.repeat(128) }).expect(201);
    expect(res.body.data.name).toHaveLength(128);
    await expectValidationError(newAuth(), { name: 'n'.repeat(129) }, 'name', 'name must be at most 128 characters.');
  });

  it('counts the length after trimming: 130 characters with surrounding spaces that trim to 128 are accepted', async () => {
    const raw = ` ${'n'.repeat(128)} `;
    expect(raw).toHaveLength(130);
    const res = await gateway.api.post(LABELS).set(newAuth()).send({ name: raw }).expect(201);
    expect(res.body.data.name).toBe('n'.repeat(128));
  });

  it('answers 409 to a name already used in the organisation, also when it differs only in surrounding spaces', async () => {
    const auth = newAuth();
    await gateway.api.post(LABELS).set(auth).send({ name: 'Churn Risk' }).expect(201);
    for (const name of ['Churn Risk', '  Churn Risk  ']) {
      const res = await gateway.api.post(LABELS).set(auth).send({ name }).expect(409);
      expect(res.body).toEqual({
        error: { code: 'already_exists', message: "A label named 'Churn Risk' already exists in this organization.", field: 'name' },
      });
    }
    const list = await gateway.api.get(LABELS).set(auth).expect(200);
    expect(list.body.data).toHaveLength(1);
  });

  it("lets another credential's organisation use the same name", async () => {
    await gateway.api.post(LABELS).set(newAuth()).send({ name: 'Shared Name' }).expect(201);
    await gateway.api.post(LABELS).set(newAuth()).send({ name: 'Shared Name' }).expect(201);
  });
});

describe('Attention v2 create: refused input', () => {
  it('answers 400 to an organizationUUID in the body, saying it comes from the API key', async () => {
    const auth = newAuth();
    const res = await gateway.api
      .post(LABELS)
      .set(auth)
      .send({ name: 'Sneaky', organizationUUID: '16b78cec-82ef-46d2-8213-5d3bb7d2571c' })
      .expect(400);
    expect(res.body).toEqual({
      error: {
        code: 'validation_error',
        message: 'organizationUUID is derived from the API key and must not be supplied in the body.',
        field: 'organizationUUID',
      },
    });
    expect((await gateway.api.get(LABELS).set(auth).expect(200)).body.data).toEqual([]);
  });

  it('answers 400 naming the field to a description of 2001 characters, and accepts 2000', async () => {
    const res = await gateway.api.post(LABELS).set(newAuth()).send({ name: 'Long', description: 'd'.repeat(2000) }).expect(201);
    expect(res.body.data.description).toHaveLength(2000);
    await expectValidationError(newAuth(), { name: 'Long', description: 'd'.repeat(2001) }, 'description', 'description must be at most 2000 characters.');
  });

  it('answers 400 naming the field to wrong types', async () => {
    await expectValidationError(newAuth(), { name: 'Typed', aiFlow: 'yes' }, 'aiFlow', 'aiFlow must be a boolean.');
    await expectValidationError(newAuth(), { name: 'Typed', allTeams: 1 }, 'allTeams', 'allTeams must be a boolean.');
    await expectValidationError(newAuth(), { name: 42 }, 'name', 'name must be a string.');
    await expectValidationError(newAuth(), { name: 'Typed', description: null }, 'description', 'description must be a string.');
  });

  it('answers 400 naming an unknown field, and the output-only fields', async () => {
    await expectValidationError(newAuth(), { name: 'Extra', colour: 'red' }, 'colour', 'colour is not a recognised field.');
    await expectValidationError(newAuth(), { name: 'Extra', isDefaultTemplate: true }, 'isDefaultTemplate');
    await expectValidationError(newAuth(), { name: 'Extra', uuid: randomUUID() }, 'uuid');
  });
});
