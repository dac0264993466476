import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type { StateFile } from '../../src/migrate/checkpoint';
import { TEAM_ID } from '../support/dialect-profiles';
import { baseUrlOf, migrate, migrateArgs, readLabels, scratch, seedLabels, spawnMigrate } from '../support/migration';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

/**
 * 1,000 Kirim labels to SuperSend v2, between two gateways on loopback: every page of the source,
 * exactly once in the target whatever happens to the run (SIGKILL, SIGINT), nothing created twice.
 * The killed runs are the installed command (`npm run build` first), spawned as child processes.
 */
jest.setTimeout(180_000);

const LABELS = 1000;
const SOURCE_KEY = 'resume-source';
const names = Array.from({ length: LABELS }, (_, index) => `Label ${String(index + 1).padStart(4, '0')}`);

let source: TestGateway;
let target: TestGateway;
let dir: string;
let sourceIds: string[];

beforeAll(async () => {
  [source, target] = await Promise.all([startTestGateway(), startTestGateway()]);
  dir = scratch();
  const created = await seedLabels(baseUrlOf(source.url, 'kirim'), '/v1/labels', `Bearer ${SOURCE_KEY}`, names.map((name, index) => ({ name, color: index % 2 ? 'red' : 'blue' })));
  sourceIds = created.map((label) => label.id);
});
afterAll(async () => {
  await Promise.all([source.stop(), target.stop()]);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A migration into its own target tenant (each credential is its own organisation in open mode). */
function ends(targetKey: string) {
  const state = path.join(dir, `${targetKey}.state.json`);
  const args = migrateArgs({ from: 'kirim', fromUrl: baseUrlOf(source.url, 'kirim'), to: 'supersend-v2', toUrl: baseUrlOf(target.url, 'supersend-v2'), state }, '--param', `team_id=${TEAM_ID}`, '--yes');
  const env = { MIGRATE_FROM: SOURCE_KEY, MIGRATE_TO: targetKey };
  const targetLabels = () => readLabels(target.url, 'supersend-v2', `Bearer ${targetKey}`, TEAM_ID);
  const readState = () => JSON.parse(fs.readFileSync(state, 'utf8')) as StateFile;
  return { state, args, env, targetLabels, readState };
}

/** Exactly the source's labels, once each, and the state pairs every source id with one of them. */
async function expectExactlyOnce(migration: ReturnType<typeof ends>) {
  const labels = await migration.targetLabels();
  expect(labels).toHaveLength(LABELS);
  expect(new Set(labels.map((label) => label.name))).toEqual(new Set(names.map((name) => name.toLowerCase())));
  const ids = migration.readState().ids;
  expect(Object.keys(ids).sort()).toEqual([...sourceIds].sort());
  expect(new Set(Object.values(ids))).toEqual(new Set(labels.map((label) => label.id)));
}

describe('migrating 1,000 Kirim labels to SuperSend v2', () => {
  it('reads every page of the source, creates each label once, and a second run creates none', async () => {
    const migration = ends('resume-complete');
    await request(source.url).delete('/__admin/requests').expect(200);

    const first = await migrate([...migration.args, '--concurrency', '16'], migration.env);
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toMatch(/1000 label\(s\) in the source\n\s+1000 to create/);
    expect(first.stdout).toMatch(/created 1000, adopted 0/);
    expect(first.stderr).toMatch(/migrate: 100\/1000 labels/); // one progress line per 100 labels off a terminal
    expect(first.stderr).toMatch(/migrate: 1000\/1000 labels/);
    const journal = await request(source.url).get('/__admin/requests?limit=1000').expect(200);
    const listPages = journal.body.requests.filter((entry: { method: string; path: string }) => entry.method === 'GET' && entry.path.startsWith('/kirim/v1/labels'));
    expect(listPages.length).toBeGreaterThanOrEqual(LABELS / 100); // Kirim pages hold at most 100
    await expectExactlyOnce(migration);

    const again = await migrate(migration.args, migration.env);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/1000 already migrated/);
    expect(again.stdout).toMatch(/created 0, adopted 0, overwritten 0, already migrated 1000/);
    await expectExactlyOnce(migration);

    // Without the state file, the labels already there are adopted by name: still none created.
    fs.rmSync(migration.state);
    const fresh = await migrate(migration.args, migration.env);
    expect(fresh.exitCode).toBe(0);
    expect(fresh.stdout).toMatch(/created 0, adopted 1000/);
    await expectExactlyOnce(migration);
  });

  it('killed with SIGKILL mid-run, resumes from its state file to exactly 1,000 labels', async () => {
    const migration = ends('resume-killed');
    const run = spawnMigrate([...migration.args, '--concurrency', '2'], migration.env);
    await run.waitForStderr(/migrate: [1-9]00\/1000 labels/);
    run.child.kill('SIGKILL');
    expect(await run.exited).toBe('SIGKILL');

    const partial = await migration.targetLabels();
    expect(partial.length).toBeGreaterThanOrEqual(100);
    expect(partial.length).toBeLessThan(LABELS);
    expect(migration.readState().kind).toBe('label-gateway migration state'); // whole, never half-written

    const resumed = await migrate(migration.args, migration.env);
    expect(resumed.exitCode).toBe(0);
    expect(resumed.stdout).toMatch(/already migrated [1-9]\d\d\b/);
    await expectExactlyOnce(migration);
  });

  it('stops cleanly on SIGINT after the labels in flight, says how to resume, and resumes', async () => {
    const migration = ends('resume-interrupted');
    const run = spawnMigrate([...migration.args, '--concurrency', '4'], migration.env);
    await run.waitForStderr(/migrate: [1-9]00\/1000 labels/);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    expect(run.stderr()).toMatch(/SIGINT received: finishing the labels in flight/);
    expect(run.stdout()).toMatch(/Stopped by SIGINT: \d+ label\(s\) still to do\. The state is saved in .*; run the same command again to resume\./);

    // Every label that reached the target is in the state file: the ones in flight finished and were recorded.
    const partial = await migration.targetLabels();
    expect(Object.keys(migration.readState().ids)).toHaveLength(partial.length);
    expect(partial.length).toBeLessThan(LABELS);

    const resumed = await migrate(migration.args, migration.env);
    expect(resumed.exitCode).toBe(0);
    await expectExactlyOnce(migration);
  });
});
