import fs from 'node:fs';
import path from 'node:path';
import type { MigrationReport } from '../../src/migrate/report';
import { TEAM_ID } from '../support/dialect-profiles';
import { startFaultProxy, type Fault, type FaultProxy } from '../support/fault-proxy';
import { baseUrlOf, migrate, migrateArgs, readLabels, scratch, seedLabels } from '../support/migration';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

/**
 * A target that rate-limits and fails now and then: the run still puts every label there exactly
 * once, waits as long as Retry-After says before sending anything more, and backs off otherwise.
 * The faults come from a loopback proxy in front of the target gateway.
 */
jest.setTimeout(120_000);

const LABELS = 60;
const RETRY_AFTER_SECONDS = 3;

let source: TestGateway;
let target: TestGateway;
let faults: FaultProxy;
let dir: string;

/** The target's first list fails; creates now and then answer 429 (with and without Retry-After) or 500. */
function faultFor(): (n: number, method: string) => Fault | undefined {
  let gets = 0;
  let posts = 0;
  return (_n, method) => {
    if (method === 'GET') return ++gets === 1 ? { status: 500 } : undefined;
    if (method !== 'POST') return undefined;
    posts++;
    if (posts === 12) return { status: 429, retryAfterSeconds: RETRY_AFTER_SECONDS };
    if (posts === 30) return { status: 429 }; // no Retry-After: exponential backoff
    if (posts % 9 === 0) return { status: 500, afterForwarding: true }; // created upstream, answer lost
    if (posts % 13 === 0) return { status: 500 }; // not created
    return undefined;
  };
}

beforeAll(async () => {
  [source, target] = await Promise.all([startTestGateway(), startTestGateway()]);
  faults = await startFaultProxy(target.url, faultFor());
  dir = scratch();
  await seedLabels(baseUrlOf(source.url, 'kirim'), '/v1/labels', 'Bearer faults-source', Array.from({ length: LABELS }, (_, index) => ({ name: `flaky ${index}`, color: 'green' })));
});
afterAll(async () => {
  await faults.close();
  await Promise.all([source.stop(), target.stop()]);
  fs.rmSync(dir, { recursive: true, force: true });
});

it('completes through 429s and 500s, honouring Retry-After, with every label in the target exactly once', async () => {
  const report = path.join(dir, 'report.json');
  const args = migrateArgs(
    { from: 'kirim', fromUrl: baseUrlOf(source.url, 'kirim'), to: 'supersend-v2', toUrl: baseUrlOf(faults.url, 'supersend-v2'), state: path.join(dir, 'state.json') },
    '--param', `team_id=${TEAM_ID}`, '--yes', '--concurrency', '4', '--report', report,
  );
  const run = await migrate(args, { MIGRATE_FROM: 'faults-source', MIGRATE_TO: 'faults-target' });
  expect(run.exitCode).toBe(0);
  expect(run.stderr).toMatch(new RegExp(`the target answered 429; every request waits ${RETRY_AFTER_SECONDS}\\.0 s, as its Retry-After asks`));

  const labels = await readLabels(target.url, 'supersend-v2', 'Bearer faults-target', TEAM_ID);
  expect(labels).toHaveLength(LABELS);
  expect(new Set(labels.map((label) => label.name)).size).toBe(LABELS);
  const written = JSON.parse(fs.readFileSync(report, 'utf8')) as MigrationReport;
  // A create whose answer was lost is found by the next listing and adopted, never sent twice.
  expect(written.outcome).toMatchObject({ refused: 0, failed: 0 });
  expect(written.outcome!.adopted).toBeGreaterThanOrEqual(1);
  expect(written.outcome!.created + written.outcome!.adopted).toBe(LABELS);

  // Nothing left for the target while Retry-After ran (requests already on their way may land just after the 429).
  const limited = faults.arrivals.find((arrival) => arrival.status === 429)!; // the 12th create: the one with Retry-After
  const quietUntil = limited.answeredAt + RETRY_AFTER_SECONDS * 1000 - 100;
  const during = faults.arrivals.filter((arrival) => arrival.at > limited.answeredAt + 600 && arrival.at < quietUntil);
  expect(during).toEqual([]);
  expect(faults.arrivals.some((arrival) => arrival.at >= quietUntil)).toBe(true);
  // The failed first listing was tried again.
  expect(faults.arrivals.filter((arrival) => arrival.method === 'GET' && arrival.status === 500)).toHaveLength(1);
});
