import { randomUUID } from 'node:crypto';
import { VENDOR_PREFIX } from '../../../src/core/dialects';
import { startTestGateway, type TestGateway } from '../../support/test-gateway';

const LABELS = `${VENDOR_PREFIX.attention}/v2/labels`;
const newAuth = () => ({ Authorization: `attention-read-${randomUUID()}` });

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.stop());

describe('Attention v2 list (inferred)', () => {
  it("answers {data: [...]} with every label of the organisation, oldest first, and no other organisation's", async () => {
    const auth = newAuth();
    await gateway.api.post(LABELS).set(newAuth()).send({ name: 'Not mine' }).expect(201);
    const created = [];
    for (const name of ['First', 'Second', 'Third']) {
      created.push((await gateway.api.post(LABELS).set(auth).send({ name, options: [{ value: name.toLowerCase() }] }).expect(201)).body.data);
    }
    const list = await gateway.api.get(LABELS).set(auth).expect(200);
    expect(list.body).toEqual({ data: created });
  });

  it('answers an empty list to an organisation without labels', async () => {
    expect((await gateway.api.get(LABELS).set(newAuth()).expect(200)).body).toEqual({ data: [] });
  });
});

describe('Attention v2 get (inferred)', () => {
  it('answers {data: label} with the label as created', async () => {
    const auth = newAuth();
    const created = await gateway.api.post(LABELS).set(auth).send({ name: 'Readable', description: 'To read back' }).expect(201);
    const read = await gateway.api.get(`${LABELS}/${created.body.data.uuid}`).set(auth).expect(200);
    expect(read.body).toEqual(created.body);
  });

  it('answers 404 in the Attention envelope to an unknown id, and to an id that is not a UUID', async () => {
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const res = await gateway.api.get(`${LABELS}/${id}`).set(newAuth()).expect(404);
      expect(res.body).toEqual({ error: { code: 'not_found', message: 'Label not found.' } });
    }
  });
});

describe('Attention v2 delete (inferred)', () => {
  it('answers 200 with the label as it was, then get answers 404 and the list no longer has it', async () => {
    const auth = newAuth();
    const kept = await gateway.api.post(LABELS).set(auth).send({ name: 'Kept' }).expect(201);
    const doomed = await gateway.api.post(LABELS).set(auth).send({ name: 'Doomed', aiFlow: true, options: [{ value: 'x' }] }).expect(201);
    const id = doomed.body.data.uuid;
    const res = await gateway.api.delete(`${LABELS}/${id}`).set(auth).expect(200);
    expect(res.body).toEqual(doomed.body);
    await gateway.api.get(`${LABELS}/${id}`).set(auth).expect(404);
    await gateway.api.patch(`${LABELS}/${id}`).set(auth).send({ name: 'Back' }).expect(404);
    await gateway.api.delete(`${LABELS}/${id}`).set(auth).expect(404);
    expect((await gateway.api.get(LABELS).set(auth).expect(200)).body).toEqual({ data: [kept.body.data] });
  });

  it('is a hard delete: the name is free again, for a label with a new uuid', async () => {
    const auth = newAuth();
    const first = await gateway.api.post(LABELS).set(auth).send({ name: 'Reusable' }).expect(201);
    await gateway.api.delete(`${LABELS}/${first.body.data.uuid}`).set(auth).expect(200);
    const second = await gateway.api.post(LABELS).set(auth).send({ name: 'Reusable' }).expect(201);
    expect(second.body.data.uuid).not.toBe(first.body.data.uuid);
  });

  it("answers 404 to another organisation's label and leaves it in place", async () => {
    const owner = newAuth();
    const created = await gateway.api.post(LABELS).set(owner).send({ name: 'Guarded' }).expect(201);
    await gateway.api.delete(`${LABELS}/${created.body.data.uuid}`).set(newAuth()).expect(404);
    await gateway.api.get(`${LABELS}/${created.body.data.uuid}`).set(owner).expect(200);
  });
});

describe('Attention v2 routing errors', () => {
  it('answers 405 with an Allow header to a method the path does not have', async () => {
    const res = await gateway.api.put(`${LABELS}/${randomUUID()}`).set(newAuth()).send({ name: 'x' }).expect(405);
    expect(res.headers.allow).toBe('GET, HEAD, PATCH, DELETE');
    expect(res.body.error.code).toBe('method_not_allowed');
  });

  it('answers its 404 envelope to an unknown path under /attention', async () => {
    const res = await gateway.api.get(`${VENDOR_PREFIX.attention}/v1/labels`).set(newAuth()).expect(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: expect.stringContaining('/attention/v1/labels') } });
  });
});

describe('Attention v2 in --documented-only mode', () => {
  let strict: TestGateway;
  beforeAll(async () => {
    strict = await startTestGateway({ documentedOnly: true });
  });
  afterAll(() => strict.stop());

  it('serves the documented create and update', async () => {
    const auth = newAuth();
    const created = await strict.api.post(LABELS).set(auth).send({ name: 'Documented' }).expect(201);
    await strict.api.patch(`${LABELS}/${created.body.data.uuid}`).set(auth).send({ aiFlow: true }).expect(200);
  });

  it("answers the inferred list, get and delete with Attention's 404", async () => {
    const auth = newAuth();
    const created = await strict.api.post(LABELS).set(auth).send({ name: 'Hidden reads' }).expect(201);
    const id = created.body.data.uuid;
    for (const res of [
      await strict.api.get(LABELS).set(auth),
      await strict.api.get(`${LABELS}/${id}`).set(auth),
      await strict.api.delete(`${LABELS}/${id}`).set(auth),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    }
    // The delete was refused, so the label is still there for the documented update.
    await strict.api.patch(`${LABELS}/${id}`).set(auth).send({ allTeams: true }).expect(200);
  });
});
