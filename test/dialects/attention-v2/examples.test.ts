import { randomUUID } from 'node:crypto';
import { VENDOR_PREFIX } from '../../../src/core/dialects';
import { expectLikeDocumented, fillIn, loadExamples } from '../../support/fixtures';
import { startTestGateway, type TestGateway } from '../../support/test-gateway';

const examples = loadExamples('attention-v2');
const [createExample, updateExample] = examples;

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.stop());

describe('Attention v2 documented examples', () => {
  // One organisation for both, so the update example applies to the label the create example made.
  const auth = { Authorization: `attention-examples-${randomUUID()}` };

  it('keeps the create and the update example of the pages as fixtures', () => {
    expect(examples.map((example) => [example.source, example.request.method])).toEqual([
      ['000_dc4b1d58fbf8d798.txt', 'POST'],
      ['001_e8d00dfb414e0c0f.txt', 'PATCH'],
    ]);
  });

  it('replays the create example: 201 and the stored values, options included', async () => {
    const { path, body } = createExample.request;
    const res = await gateway.api.post(`${VENDOR_PREFIX.attention}${path}`).set(auth).send(body as object);
    expect(res.status).toBe(createExample.response.status);
    expectLikeDocumented(res.body, createExample.response.body, createExample.dynamic);
  });

  it('replays the update example on that label: 200 and the label as updated', async () => {
    const list = await gateway.api.get(`${VENDOR_PREFIX.attention}/v2/labels`).set(auth).expect(200);
    const id: string = list.body.data[0].uuid;
    const { path, body } = fillIn(updateExample.request, { id });
    const res = await gateway.api.patch(`${VENDOR_PREFIX.attention}${path}`).set(auth).send(body as object);
    expect(res.status).toBe(updateExample.response.status);
    expectLikeDocumented(res.body, updateExample.response.body, updateExample.dynamic);
    expect(res.body.data.uuid).toBe(id);
    // And the update is what a later read sees.
    const read = await gateway.api.get(`${VENDOR_PREFIX.attention}/v2/labels/${id}`).set(auth).expect(200);
    expect(read.body).toEqual(res.body);
  });
});
