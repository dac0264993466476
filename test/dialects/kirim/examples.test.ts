import { randomUUID } from 'node:crypto';
import { kirimAdapter } from '../../../adapters/kirim';
import { VENDOR_PREFIX } from '../../../src/core/dialects';
import { GatewayError, type ErrorKind } from '../../../src/core/errors';
import { cryptoRandomness } from '../../../src/core/random';
import { checkResponse } from '../../../src/http/response-contract';
import { defaultSpecsDir } from '../../../src/options';
import { loadSpecs } from '../../../src/specs/spec-loader';
import { expectLikeDocumented, loadExamples, type DocumentedExample } from '../../support/fixtures';
import { startTestGateway, type TestGateway } from '../../support/test-gateway';

const examples = loadExamples('kirim');
const exampleWithStatus = (status: number): DocumentedExample => {
  const found = examples.find((example) => example.response.status === status);
  if (!found) throw new Error(`no Kirim fixture with status ${status}`);
  return found;
};
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.stop());

/** Sends a fixture's request; `token` undefined sends no Authorization header. */
function send(example: DocumentedExample, token: string | undefined) {
  const { method, path, body } = example.request;
  const request = gateway.api[method.toLowerCase() as 'post'](`${VENDOR_PREFIX.kirim}${path}`);
  if (token) request.set(auth(token));
  return request.send(body as object);
}

describe('Kirim documented examples', () => {
  it('keeps every response example of the page as a fixture, each one corrected where the page is wrong', () => {
    expect(examples.map((example) => example.response.status)).toEqual([201, 400, 401, 429, 500]);
    // The page's success example omits required fields and its four error examples are one copy-paste.
    for (const example of examples) expect(example.correction).toEqual(expect.any(String));
  });

  it("replays the page's create request: 201 and every field the schema requires", async () => {
    const example = exampleWithStatus(201);
    const res = await send(example, `tok_${randomUUID()}`);
    expect(res.status).toBe(201);
    expectLikeDocumented(res.body, example.response.body, example.dynamic);
  });

  it("replays the validation failure: the page's request sent twice is a duplicate name in team 'example'", async () => {
    const example = exampleWithStatus(400);
    const token = `tok_${randomUUID()}`;
    await send(example, token).expect(201);
    const res = await send(example, token);
    expect(res.status).toBe(400);
    expectLikeDocumented(res.body, example.response.body, example.dynamic);
  });

  it("replays the authentication failure: the page's request without an Authorization header", async () => {
    const example = exampleWithStatus(401);
    const res = await send(example, undefined);
    expect(res.status).toBe(401);
    expectLikeDocumented(res.body, example.response.body, example.dynamic);
  });

  // The mock cannot be made to answer 429 or 500 on request: the adapter renders the failure, and
  // the spec's createLabel response for that status must accept it.
  it.each([
    [429, 'rate_limited'],
    [500, 'internal'],
  ] as const)('renders the documented %i failure in the shape of its fixture and the spec', async (status, kind: ErrorKind) => {
    const example = exampleWithStatus(status);
    const rendered = kirimAdapter.renderError(new GatewayError(kind, 'Something went wrong.'), kirimAdapter.newRequestId?.(cryptoRandomness));
    expect(rendered.status).toBe(status);
    expectLikeDocumented(rendered.body, example.response.body, example.dynamic);
    const spec = (await loadSpecs(['kirim'], defaultSpecsDir())).get('kirim')!;
    const createLabel = spec.operations.find((operation) => operation.operationId === 'createLabel')!;
    expect(checkResponse(createLabel, status, rendered.body)).toEqual([]);
  });
});
