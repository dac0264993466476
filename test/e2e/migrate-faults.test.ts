import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type { Exchange } from '../../src/http/journal';
import type { MigrationReport } from '../../src/migrate/report';
import { TEAM_ID } from '../support/dialect-profiles';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { armFault } from '../support/faults';
import { baseUrlOf, migrate, migrateArgs, readLabels, scratch, seedLabels } from '../support/migration';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

/**
 * A target that rate-limits and fails now and then: the run still puts every label there exactly
 * once, waits as long as Retry-After says before sending anything more, and backs off otherwise.
 */
jest.setTimeout(120_000);

const LABELS = 60;
const RETRY_AFTER_SECONDS = 3;
const TARGET_CREDENTIAL = 'Bearer faults-target';

let source: TestGateway;
let target: TestGateway;
let dir: string;

beforeAll(async () => {
  [source, target] = await Promise.all([startTestGateway(), startTestGateway()]);
  dir = scratch();
  await seedLabels(baseUrlOf(source.url, 'kirim'), '/v1/labels', 'Bearer faults-source', Array.from({ length: LABELS }, (_, index) => ({ name: `flaky ${index}`, color: 'green' })));
});
afterAll(async () => {
  await Promise.all([source.stop(), target.stop()]);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The target's journal of this tenant's SuperSend v2 exchanges, oldest first. */
async function targetExchanges(): Promise<Exchange[]> {
  const res = await request(target.url).get('/__admin/requests').query({ dialect: 'supersend-v2', limit: 1000 }).expect(200);
  return (res.body.requests as Exchange[]).reverse();
}

/** When the gateway received an exchange (the journal records when it answered, and how long that took). */
const arrivedAt = (exchange: Exchange): number => Date.parse(exchange.time) - exchange.durationMs;

it("completes through the target's 429s and 500s, honouring Retry-After, with every label in the target exactly once", async () => {
  // The gateway's own fault injection, on the target, for the migration's credential only. The first
  // armed fault that matches fires, so the 429 (one seeded draw in ten) comes somewhere mid-run.
  const forTarget = { dialect: 'supersend-v2', credential: TARGET_CREDENTIAL } as const;
  await armFault(target.url, { ...forTarget, operation: 'listLabels', respond: { status: 500 }, times: 1 });
  await armFault(target.url, { ...forTarget, operation: 'createLabel', respond: { status: 429, retryAfter: RETRY_AFTER_SECONDS }, times: 1, probability: 0.1, seed: 3 });
  await armFault(target.url, { ...forTarget, operation: 'createLabel', respond: { status: 500 }, times: 6, probability: 0.2, seed: 11 });

  const report = path.join(dir, 'report.json');
  const args = migrateArgs(
    { from: 'kirim', fromUrl: baseUrlOf(source.url, 'kirim'), to: 'supersend-v2', toUrl: baseUrlOf(target.url, 'supersend-v2'), state: path.join(dir, 'state.json') },
    '--param', `team_id=${TEAM_ID}`, '--yes', '--concurrency', '4', '--report', report,
  );
  const run = await migrate(args, { MIGRATE_FROM: 'faults-source', MIGRATE_TO: 'faults-target' });
  expect(run.exitCode).toBe(0);
  expect(run.stderr).toMatch(new RegExp(`the target answered 429; every request waits ${RETRY_AFTER_SECONDS}\\.0 s, as its Retry-After asks`));

  const labels = await readLabels(target.url, 'supersend-v2', TARGET_CREDENTIAL, TEAM_ID);
  expect(labels).toHaveLength(LABELS);
  expect(new Set(labels.map((label) => label.name)).size).toBe(LABELS);
  const written = JSON.parse(fs.readFileSync(report, 'utf8')) as MigrationReport;
  // A 500 from the fault stage means nothing was created: the create is sent again, not adopted.
  expect(written.outcome).toMatchObject({ created: LABELS, adopted: 0, refused: 0, failed: 0 });
  // Every armed fault fired as often as it may, so each is disarmed by now.
  expect((await request(target.url).get('/__admin/faults').expect(200)).body).toEqual({ faults: [] });

  const exchanges = await targetExchanges();
  const creates = exchanges.filter((exchange) => exchange.operation === 'createLabel');
  expect(creates.filter((exchange) => exchange.status === 500)).toHaveLength(6);
  expect(creates.filter((exchange) => exchange.status === 201)).toHaveLength(LABELS);
  // The failed first listing was tried again.
  const lists = exchanges.filter((exchange) => exchange.operation === 'listLabels');
  expect(lists[0].status).toBe(500);
  expect(lists[1].status).toBe(200);

  // Nothing was sent to the target while Retry-After ran (requests already on their way may land just after the 429).
  const limited = creates.filter((exchange) => exchange.status === 429);
  expect(limited).toHaveLength(1);
  const answeredAt = Date.parse(limited[0].time);
  const quietUntil = answeredAt + RETRY_AFTER_SECONDS * 1000 - 100;
  expect(limited[0]).not.toBe(creates[0]); // mid-run, not before anything else
  expect(exchanges.filter((exchange) => arrivedAt(exchange) > answeredAt + 600 && arrivedAt(exchange) < quietUntil)).toEqual([]);
  expect(exchanges.some((exchange) => arrivedAt(exchange) >= quietUntil)).toBe(true);
});

/**
 * What the gateway's faults cannot express, so a loopback proxy in front of the target stands in:
 * a 500 after the target did the work (the fault stage answers before the backend, so its 500s
 * never create anything), and a 429 without Retry-After (the gateway's 429s always carry one).
 */
describe('behind a proxy that loses answers', () => {
  const PROXIED_LABELS = 30;
  let proxy: FaultProxy;

  beforeAll(async () => {
    let creates = 0;
    proxy = await startFaultProxy(target.url, (method) => {
      if (method !== 'POST') return undefined;
      creates++;
      if (creates === 5) return 'limit-without-retry-after';
      return creates % 7 === 0 ? 'lose-answer' : undefined;
    });
    await seedLabels(baseUrlOf(source.url, 'kirim'), '/v1/labels', 'Bearer lost-source', Array.from({ length: PROXIED_LABELS }, (_, index) => ({ name: `lost ${index}` })));
  });
  afterAll(() => proxy.close());

  it('adopts a label whose create answer was lost instead of creating it twice, and backs off from a bare 429', async () => {
    const report = path.join(dir, 'lost-report.json');
    const args = migrateArgs(
      { from: 'kirim', fromUrl: baseUrlOf(source.url, 'kirim'), to: 'supersend-v2', toUrl: baseUrlOf(proxy.url, 'supersend-v2'), state: path.join(dir, 'lost-state.json') },
      '--param', `team_id=${TEAM_ID}`, '--yes', '--concurrency', '4', '--report', report,
    );
    const run = await migrate(args, { MIGRATE_FROM: 'lost-source', MIGRATE_TO: 'lost-target' });
    expect(run.exitCode).toBe(0);
    // No Retry-After to honour: that one request backs off, the others carry on.
    expect(run.stderr).not.toMatch(/every request waits/);

    const labels = await readLabels(target.url, 'supersend-v2', 'Bearer lost-target', TEAM_ID);
    expect(labels).toHaveLength(PROXIED_LABELS);
    expect(new Set(labels.map((label) => label.name)).size).toBe(PROXIED_LABELS);
    const lost = proxy.injected.filter((injection) => injection === 'lose-answer').length;
    expect(lost).toBeGreaterThanOrEqual(1);
    const written = JSON.parse(fs.readFileSync(report, 'utf8')) as MigrationReport;
    // Each create whose answer was lost is found by the next listing and adopted, never sent twice.
    expect(written.outcome).toMatchObject({ created: PROXIED_LABELS - lost, adopted: lost, refused: 0, failed: 0 });
    expect(proxy.injected).toContain('limit-without-retry-after');
  });
});
