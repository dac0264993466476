/**
 * The README's "Testing your retry logic" example, run as written: the block below is the README's
 * code block with only its import pointed at the source tree, and the first test checks that the two
 * have not drifted apart.
 */
import fs from 'node:fs';
import path from 'node:path';

// README example: begin
import { startGateway } from '../../src';

// The code under test: a client that waits out a 429's Retry-After, then tries again.
async function createLabel(baseUrl: string, name: string): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(`${baseUrl}/kirim/v1/labels`, {
      method: 'POST',
      headers: { Authorization: 'Bearer sk_test_1', 'Content-Type': 'application/json' },
      body: JSON.stringify({ name }),
    });
    if (res.status !== 429 || attempt === 3) return res;
    await new Promise((resolve) => setTimeout(resolve, Number(res.headers.get('retry-after')) * 1000));
  }
}

let gateway: Awaited<ReturnType<typeof startGateway>>;
beforeAll(async () => {
  gateway = await startGateway({ port: 0, memory: true, quiet: true });
});
afterAll(() => gateway.stop());
beforeEach(() => gateway.state.reset({ credential: 'Bearer sk_test_1' }));

it('retries after a 429 and creates the label once', async () => {
  await gateway.faults.add({ dialect: 'kirim', operation: 'createLabel', respond: { status: 429, retryAfter: 1 }, times: 1 });

  const res = await createLabel(gateway.url, 'VIP');

  expect(res.status).toBe(201);
  expect(await gateway.requests.count({ dialect: 'kirim', operation: 'createLabel', status: 429 })).toBe(1);
  expect(await gateway.requests.count({ dialect: 'kirim', operation: 'createLabel', status: 201 })).toBe(1);
  expect((await gateway.faults.list()).length).toBe(0); // `times: 1`: disarmed after firing once
});
// README example: end

it('is the README block, word for word', () => {
  const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
  const block = /### Testing your retry logic[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  const own = fs.readFileSync(__filename, 'utf8');
  const twin = /\/\/ README example: begin\n([\s\S]*?)\/\/ README example: end/.exec(own)?.[1];
  expect(block).toBeDefined();
  expect(twin?.replace("from '../../src'", "from 'label-gateway'")).toBe(block);
});
