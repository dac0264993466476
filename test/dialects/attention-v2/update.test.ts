import { randomUUID } from 'node:crypto';
import { VENDOR_PREFIX } from '../../../src/core/dialects';
import { startTestGateway, type TestGateway } from '../../support/test-gateway';

const LABELS = `${VENDOR_PREFIX.attention}/v2/labels`;
const newAuth = () => ({ Authorization: `attention-update-${randomUUID()}` });

const ORIGINAL = {
  name: 'Buying Signal',
  description: 'Conversations where the prospect expresses a buying signal.',
  aiFlow: true,
  allTeams: true,
  options: [{ value: 'high-intent', description: 'Prospect has explicit buying signals' }, { value: 'low-intent' }],
};

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.stop());

/** A fresh organisation holding one label with every field set, so each change is visible. */
async function labelWithEverything() {
  const auth = newAuth();
  const res = await gateway.api.post(LABELS).set(auth).send(ORIGINAL).expect(201);
  const label = res.body.data as Record<string, unknown> & { uuid: string };
  const patch = (body: unknown) => gateway.api.patch(`${LABELS}/${label.uuid}`).set(auth).send(body as object);
  const read = async () => (await gateway.api.get(`${LABELS}/${label.uuid}`).set(auth).expect(200)).body.data;
  return { auth, label, patch, read };
}

describe('Attention v2 update: pointer-nil merge', () => {
  it('applies only the fields present and leaves every other field as it was', async () => {
    const { label, patch, read } = await labelWithEverything();
    const res = await patch({ aiFlow: false }).expect(200);
    expect(res.body.data).toEqual({ ...label, aiFlow: false });
    expect(await read()).toEqual({ ...label, aiFlow: false });
  });

  it('leaves description, aiFlow and allTeams unchanged when they are null', async () => {
    const { label, patch, read } = await labelWithEverything();
    const res = await patch({ name: 'Renamed', description: null, aiFlow: null, allTeams: null }).expect(200);
    expect(res.body.data).toEqual({ ...label, name: 'Renamed' });
    expect(await read()).toEqual({ ...label, name: 'Renamed' });
  });

  it('clears the description with an empty string', async () => {
    const { label, patch, read } = await labelWithEverything();
    const res = await patch({ description: '' }).expect(200);
    expect(res.body.data).toEqual({ ...label, description: '' });
    expect(await read()).toEqual({ ...label, description: '' });
  });

  it('replaces the whole options list, and clears it with []', async () => {
    const { label, patch, read } = await labelWithEverything();
    const replacement = [{ value: 'medium', description: 'Some interest' }];
    expect((await patch({ options: replacement }).expect(200)).body.data).toEqual({ ...label, options: replacement });
    expect((await patch({ options: [] }).expect(200)).body.data).toEqual({ ...label, options: [] });
    expect(await read()).toEqual({ ...label, options: [] });
  });

  it('sets allTeams and aiFlow to false and back to true', async () => {
    const { label, patch } = await labelWithEverything();
    expect((await patch({ allTeams: false, aiFlow: false }).expect(200)).body.data).toMatchObject({ allTeams: false, aiFlow: false });
    expect((await patch({ allTeams: true, aiFlow: true }).expect(200)).body.data).toEqual(label);
  });

  it('answers 400 naming body to an empty body, and to a body whose fields are all null', async () => {
    const { label, patch, read } = await labelWithEverything();
    for (const body of [{}, { description: null }, { description: null, aiFlow: null, allTeams: null }]) {
      const res = await patch(body).expect(400);
      expect(res.body.error).toMatchObject({ code: 'validation_error', field: 'body' });
      expect(res.body.error.message).toMatch(/^body must contain at least one field to update/);
    }
    expect(await read()).toEqual(label);
  });

  it('applies the non-null fields of a body that also carries nulls', async () => {
    const { label, patch } = await labelWithEverything();
    expect((await patch({ description: null, allTeams: false }).expect(200)).body.data).toEqual({ ...label, allTeams: false });
  });
});

describe('Attention v2 update: name', () => {
  it('trims the new name, and counts 128 characters after trimming', async () => {
    const { patch } = await labelWithEverything();
    expect((await patch({ name: '  Trimmed Name  ' }).expect(200)).body.data.name).toBe('Trimmed Name');
    expect((await patch({ name: ` ${'n'.repeat(128)} ` }).expect(200)).body.data.name).toBe('n'.repeat(128));
  });

  it('answers 400 naming name to a whitespace-only name, 129 characters, or null', async () => {
    const { label, patch, read } = await labelWithEverything();
    const cases: Array<[unknown, string]> = [
      ['   ', 'name must not be empty.'],
      ['n'.repeat(129), 'name must be at most 128 characters.'],
      [null, 'name must be a string.'],
    ];
    for (const [name, message] of cases) {
      const res = await patch({ name }).expect(400);
      expect(res.body.error).toEqual({ code: 'validation_error', message, field: 'name' });
    }
    expect(await read()).toEqual(label);
  });

  it('answers 409 to the name of another label of the organisation, and changes nothing', async () => {
    const { auth, label, patch, read } = await labelWithEverything();
    await gateway.api.post(LABELS).set(auth).send({ name: 'Taken' }).expect(201);
    const res = await patch({ name: ' Taken ', aiFlow: false }).expect(409);
    expect(res.body.error).toEqual({ code: 'already_exists', message: "A label named 'Taken' already exists in this organization.", field: 'name' });
    expect(await read()).toEqual(label);
  });

  it("accepts the label's own current name, and a name used only in another organisation", async () => {
    const { label, patch } = await labelWithEverything();
    await gateway.api.post(LABELS).set(newAuth()).send({ name: 'Elsewhere' }).expect(201);
    expect((await patch({ name: label.name }).expect(200)).body.data).toEqual(label);
    expect((await patch({ name: 'Elsewhere' }).expect(200)).body.data.name).toBe('Elsewhere');
  });

  it('frees the old name for a new label after a rename', async () => {
    const { auth, patch } = await labelWithEverything();
    await patch({ name: 'New Name' }).expect(200);
    await gateway.api.post(LABELS).set(auth).send({ name: ORIGINAL.name }).expect(201);
  });
});

describe('Attention v2 update: refused input', () => {
  it('answers 404 to an unknown id, in the Attention envelope', async () => {
    const res = await gateway.api.patch(`${LABELS}/${randomUUID()}`).set(newAuth()).send({ name: 'Ghost' }).expect(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: 'Label not found.' } });
  });

  it('answers 400 naming the field to wrong types', async () => {
    const { label, patch, read } = await labelWithEverything();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ aiFlow: 'yes' }, 'aiFlow'],
      [{ allTeams: 0 }, 'allTeams'],
      [{ description: 7 }, 'description'],
      [{ options: null }, 'options'],
      [{ options: [{ value: '' }] }, 'options[0].value'],
    ];
    for (const [body, field] of cases) {
      const res = await patch(body).expect(400);
      expect(res.body.error).toMatchObject({ code: 'validation_error', field });
    }
    const res = await patch({ aiFlow: 'yes' }).expect(400);
    expect(res.body.error.message).toBe('aiFlow must be true, false, or null to leave it unchanged.');
    expect(await read()).toEqual(label);
  });

  it('answers 400 to a description of 2001 characters, and accepts 2000', async () => {
    const { patch } = await labelWithEverything();
    const res = await patch({ description: 'd'.repeat(2001) }).expect(400);
    expect(res.body.error).toMatchObject({ code: 'validation_error', field: 'description' });
    expect((await patch({ description: 'd'.repeat(2000) }).expect(200)).body.data.description).toHaveLength(2000);
  });

  it('answers 400 to an unknown field and to organizationUUID', async () => {
    const { label, patch, read } = await labelWithEverything();
    const unknown = await patch({ name: 'X', colour: 'red' }).expect(400);
    expect(unknown.body.error).toEqual({ code: 'validation_error', message: 'colour is not a recognised field.', field: 'colour' });
    const organization = await patch({ organizationUUID: randomUUID() }).expect(400);
    expect(organization.body.error).toEqual({
      code: 'validation_error',
      message: 'organizationUUID is derived from the API key and must not be supplied in the body.',
      field: 'organizationUUID',
    });
    expect(await read()).toEqual(label);
  });
});
