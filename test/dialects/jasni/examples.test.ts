import { randomUUID } from 'node:crypto';
import { VENDOR_PREFIX } from '../../../src/core/dialects';
import { expectLikeDocumented, loadExamples, type DocumentedExample } from '../../support/fixtures';
import { startTestGateway, type TestGateway } from '../../support/test-gateway';

const LABELS = `${VENDOR_PREFIX.jasni}/api/v1/labels`;
const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
const newKey = () => `jsk_${randomUUID()}`;

const examples = loadExamples('jasni');
const useCase = (loop: string): DocumentedExample[] => examples.filter((example) => example.title.startsWith(`Use cases › ${loop}:`));

describe('Jasni documented examples', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.stop());

  it('keeps every example of the page as a fixture', () => {
    expect(examples).toHaveLength(10);
    expect(useCase('AI Classification Labels')).toHaveLength(5);
    expect(useCase('Priority Labels')).toHaveLength(4);
  });

  it.each(examples.map((example) => [example.title, example] as const))('replays: %s', async (_title, example) => {
    const { method, path, body } = example.request;
    const res = await gateway.api[method.toLowerCase() as 'post'](`${VENDOR_PREFIX.jasni}${path}`)
      .set(auth(newKey()))
      .send(body as object);
    expect(res.status).toBe(example.response.status);
    expectLikeDocumented(res.body, example.response.body, example.dynamic);
  });
});

describe('Jasni use cases', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.stop());

  it.each(['AI Classification Labels', 'Priority Labels'])(
    'creates the %s one after another with one key, then lists them as given, oldest first',
    async (loop) => {
      const key = newKey();
      const requests = useCase(loop).map((example) => example.request.body as { name: string; color: string; description?: string });
      for (const body of requests) {
        await gateway.api.post(LABELS).set(auth(key)).send(body).expect(201);
      }
      const list = await gateway.api.get(LABELS).set(auth(key)).expect(200);
      // Colours outside the palette (#3b82f6, #dc2626, #eab308) are valid hex and kept exactly as sent.
      expect(list.body.data.labels.map(({ name, color, description }: Record<string, unknown>) => ({ name, color, description }))).toEqual(
        requests.map(({ name, color, description }) => ({ name, color, description: description ?? null })),
      );
    },
  );
});
