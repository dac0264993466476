import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { startGateway } from '../../src/gateway';
import { silentLogger } from '../../src/http/logger';
import { parseServeOptions } from '../../src/cli';
import { VIOLATIONS_HEADER } from '../support/faults';
import { profileOf, uniqueName } from '../support/dialect-profiles';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

const kirim = profileOf('kirim');
const jasni = profileOf('jasni');
const WINDOW_SECONDS = 2;

describe('a rate limit per credential', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ rateLimits: { kirim: { limit: 3, windowSeconds: WINDOW_SECONDS } } });
  });
  afterAll(() => gateway.stop());

  const list = (key: string) => gateway.api.get(kirim.collection).set(kirim.auth(key));

  it("answers the dialect's 429 past the limit, with Retry-After and the rate-limit headers, until the window ends", async () => {
    const first = await list('sk_limited').expect(200);
    expect(first.headers).toMatchObject({ 'ratelimit-limit': '3', 'ratelimit-remaining': '2', 'x-ratelimit-limit': '3', 'x-ratelimit-remaining': '2' });
    await list('sk_limited').expect(200);
    await list('sk_limited').expect(200);
    const refused = await list('sk_limited').expect(429);
    expect(refused.body.error).toMatchObject({ type: 'rate_limit_error', code: 'rate_limited', message: 'Rate limit exceeded' });
    expect(refused.headers[VIOLATIONS_HEADER]).toBeUndefined();
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(refused.headers).toMatchObject({ 'ratelimit-remaining': '0', 'x-ratelimit-remaining': '0', 'ratelimit-reset': String(retryAfter) });
    const resetAt = Number(refused.headers['x-ratelimit-reset']);
    expect(resetAt * 1000).toBeGreaterThan(Date.now());
    expect(resetAt * 1000).toBeLessThanOrEqual(Date.now() + WINDOW_SECONDS * 1000 + 1000);

    await sleep(retryAfter * 1000 + 100);
    await list('sk_limited').expect(200);
  });

  it('counts each credential on its own', async () => {
    for (let i = 0; i < 3; i++) await list('sk_tenant_a').expect(200);
    await list('sk_tenant_a').expect(429);
    const other = await list('sk_tenant_b').expect(200);
    expect(other.headers['ratelimit-remaining']).toBe('2');
  });

  it('leaves dialects without a limit alone', async () => {
    const res = await gateway.api.get(jasni.collection).set(jasni.auth('free')).expect(200);
    expect(res.headers['ratelimit-limit']).toBeUndefined();
  });
});

describe('the config file and the command line', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'label-gateway-faults-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const configFile = (config: unknown): string => {
    const file = path.join(dir, `${uniqueName('gateway').replace(/\s+/g, '-')}.json`);
    fs.writeFileSync(file, JSON.stringify(config));
    return file;
  };

  it('arms the faults of the config file at start, in order, and applies its rate limits', async () => {
    const config = configFile({
      faults: [
        { dialect: 'kirim', operation: 'createLabel', credential: 'Bearer sk_test_1', respond: { status: 429, retryAfter: 2 }, times: 3 },
        { dialect: 'jasni', respond: { status: 503 } },
      ],
      rateLimits: { 'supersend-v2': { limit: 1, windowSeconds: 60 } },
    });
    const gateway = await startTestGateway({ config });
    try {
      const listed = (await request(gateway.url).get('/__admin/faults').expect(200)).body.faults;
      expect(listed.map((fault: { dialect: string }) => fault.dialect)).toEqual(['kirim', 'jasni']);
      const refused = await gateway.api.post(kirim.collection).set('Authorization', 'Bearer sk_test_1').send(kirim.createBody(uniqueName('cfg'))).expect(429);
      expect(refused.headers['retry-after']).toBe('2');
      await gateway.api.post(kirim.collection).set('Authorization', 'Bearer sk_test_2').send(kirim.createBody(uniqueName('cfg'))).expect(201);
      await gateway.api.get(jasni.collection).set(jasni.auth('cfg')).expect(503);
      const supersend = profileOf('supersend-v2');
      await gateway.api.get(supersend.collection).query(supersend.listQuery).set(supersend.auth('cfg')).expect(200);
      await gateway.api.get(supersend.collection).query(supersend.listQuery).set(supersend.auth('cfg')).expect(429);
    } finally {
      await gateway.stop();
    }
  });

  it('refuses to start on a bad fault, naming the file, the fault and the field', async () => {
    const config = configFile({ faults: [{ dialect: 'kirim', respond: { status: 429 } }, { dialect: 'kirim', probability: 2, respond: { status: 500 } }] });
    await expect(startGateway({ port: 0, memory: true, logger: silentLogger, config })).rejects.toThrow(`${config}: faults[1].probability: probability must be a number from 0 to 1.`);
  });

  it('refuses to start on a bad rate limit', async () => {
    const config = configFile({ rateLimits: { kirim: { limit: 0, windowSeconds: 1 }, stripe: { limit: 1, windowSeconds: 1 } } });
    await expect(startGateway({ port: 0, memory: true, logger: silentLogger, config })).rejects.toThrow(/^\S+ is not a valid gateway config:\n  \/rateLimits: "stripe" is not a dialect \(use [^)]+\)\n  \/rateLimits\/kirim\/limit: must be >= 1$/);
  });

  it('reads --rate-limit flags into the options', () => {
    expect(parseServeOptions(['--rate-limit', 'kirim=10/1s', '--rate-limit', 'jasni=100/1m'], {}).rateLimits).toEqual({
      kirim: { limit: 10, windowSeconds: 1 },
      jasni: { limit: 100, windowSeconds: 60 },
    });
    expect(() => parseServeOptions(['--rate-limit', 'kirim=ten/1s'], {})).toThrow(/expected DIALECT=LIMIT\/WINDOW/);
  });
});
