import fs from 'node:fs';
import path from 'node:path';
import type { MigrationReport } from '../../src/migrate/report';
import { TEAM_ID } from '../support/dialect-profiles';
import { baseUrlOf, migrate, migrateArgs, readLabels, scratch, seedLabels, spawnMigrate } from '../support/migration';
import { closedPort } from '../support/stub-upstream';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

/** Labels a target already has or refuses, and input the command must refuse before writing anything. */
jest.setTimeout(60_000);

const OTHER_TEAM = '0d3e5f60-7182-4394-a5b6-c7d8e9f00112';
/** Credentials shaped like real secrets, to be sure none leaks into output, state or report. */
const SOURCE_SECRET = 'sk_live_SOURCE_SECRET_4242';
const TARGET_SECRET = 'sk_live_TARGET_SECRET_4343';
const LONG_NAME = 'a label name far too long for supersend, which allows fifty characters';

let source: TestGateway;
let target: TestGateway;
let dir: string;

beforeAll(async () => {
  [source, target] = await Promise.all([startTestGateway(), startTestGateway()]);
  dir = scratch();
});
afterAll(async () => {
  await Promise.all([source.stop(), target.stop()]);
  fs.rmSync(dir, { recursive: true, force: true });
});

const kirimToSuperSend = (state: string, ...extra: string[]) =>
  migrateArgs({ from: 'kirim', fromUrl: baseUrlOf(source.url, 'kirim'), to: 'supersend-v2', toUrl: baseUrlOf(target.url, 'supersend-v2'), state }, '--param', `team_id=${TEAM_ID}`, '--yes', ...extra);

describe('labels the target already has, or refuses', () => {
  const state = () => path.join(dir, 'outcomes.state.json');
  const report = () => path.join(dir, 'outcomes.report.json');
  const env = { MIGRATE_FROM: SOURCE_SECRET, MIGRATE_TO: TARGET_SECRET };
  const targetLabel = async (name: string) => (await readLabels(target.url, 'supersend-v2', `Bearer ${TARGET_SECRET}`, TEAM_ID)).find((label) => label.name === name);

  let sourceIdOf: Map<string, string>;
  let targetIdOf: Map<string, string>;
  beforeAll(async () => {
    const seeded = await seedLabels(baseUrlOf(source.url, 'kirim'), '/v1/labels', `Bearer ${SOURCE_SECRET}`, [
      { name: 'Same', color: 'red', team_id: TEAM_ID },
      { name: 'different', color: 'red', team_id: TEAM_ID },
      { name: LONG_NAME, color: 'red', team_id: TEAM_ID },
      { name: 'fresh', color: 'blue', team_id: TEAM_ID },
      { name: 'twin', color: 'blue', team_id: TEAM_ID },
      { name: 'twin', color: 'blue', team_id: OTHER_TEAM },
    ], 1);
    sourceIdOf = new Map(seeded.map((label) => [label.name, label.id]));
    const existing = await seedLabels(baseUrlOf(target.url, 'supersend-v2'), '/v2/labels', `Bearer ${TARGET_SECRET}`, [
      { name: 'same', color: '#ef4444', team_id: TEAM_ID },
      { name: 'different', color: '#000000', team_id: TEAM_ID },
    ], 1);
    targetIdOf = new Map(existing.map((label) => [label.name, label.id]));
  });

  it('plans, adopts, reports conflicts and refusals with their reasons, and leaves conflicts alone', async () => {
    const dry = await migrate([...kirimToSuperSend(state()), '--dry-run'], env);
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toMatch(/6 label\(s\) in the source\n\s+3 to create\n\s+1 already in the target \(same name, same scope\): adopted, not duplicated\n\s+1 in conflict/);
    expect(dry.stdout).toMatch(/"different" \(lbl_\w+\): color: #ef4444 in the source, #000000 in the target/);
    expect(dry.stdout).toMatch(/colours mapped: red → #ef4444 ×3, blue → #3b82f6 ×3/);
    expect(dry.stdout).toContain('Dry run: nothing was written.');
    expect(fs.existsSync(state())).toBe(false);
    expect(await readLabels(target.url, 'supersend-v2', `Bearer ${TARGET_SECRET}`, TEAM_ID)).toHaveLength(2);

    const run = await migrate([...kirimToSuperSend(state(), '--report', report())], env);
    expect(run.exitCode).toBe(1); // not every label is in the target
    const written = JSON.parse(fs.readFileSync(report(), 'utf8')) as MigrationReport;
    expect(written.outcome).toMatchObject({ created: 2, adopted: 1, conflicts: 1, refused: 2, failed: 0 });
    expect(written.conflicts).toEqual([expect.objectContaining({ name: 'different', differences: ['color: #ef4444 in the source, #000000 in the target'] })]);
    expect(written.refused).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: LONG_NAME, status: 400, reason: expect.stringMatching(/supersend-v2.*at most 50 characters/) }),
        expect.objectContaining({ name: 'twin', reason: expect.stringMatching(/another label of the source \(lbl_\w+\) has the same name \("twin"\)/) }),
      ]),
    );
    expect(written.complete).toBe(false);
    expect(run.stdout).toMatch(/conflicts 1 \(left alone; rerun with --overwrite/);
    expect(run.stdout).toMatch(/3 of 6 label\(s\) are not in the target\./); // the conflict and the two refused
    expect((await targetLabel('different'))?.color).toBe('#000000');
    expect(written.ids[sourceIdOf.get('Same')!]).toBe(targetIdOf.get('same')); // adopted: the old label, not a second one
    expect(written.ids[sourceIdOf.get('different')!]).toBeUndefined();

    // Nothing secret anywhere the command writes.
    for (const text of [dry.stdout, dry.stderr, run.stdout, run.stderr, fs.readFileSync(state(), 'utf8'), fs.readFileSync(report(), 'utf8')]) {
      expect(text).not.toContain(SOURCE_SECRET);
      expect(text).not.toContain(TARGET_SECRET);
    }
  });

  it('with --overwrite, updates the conflicting label to match the source', async () => {
    const run = await migrate([...kirimToSuperSend(state(), '--overwrite', '--report', report())], env);
    const written = JSON.parse(fs.readFileSync(report(), 'utf8')) as MigrationReport;
    expect(written.outcome).toMatchObject({ overwritten: 1, alreadyMigrated: 3, created: 0, refused: 2 });
    expect((await targetLabel('different'))?.color).toBe('#ef4444');
    expect(run.exitCode).toBe(1); // the two refused labels are still not there
  });
});

describe('bad input: a one-line error, exit code 2, nothing written to the target', () => {
  const targetKey = 'bad-input-target';
  const env = { MIGRATE_FROM: 'bad-input-source', MIGRATE_TO: targetKey };
  const nothingWritten = async () => expect(await readLabels(target.url, 'supersend-v2', `Bearer ${targetKey}`, TEAM_ID)).toEqual([]);
  const expectRefused = (run: { exitCode: number | string; stderr: string }, message: RegExp) => {
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(message)]);
  };

  beforeAll(() => seedLabels(baseUrlOf(source.url, 'kirim'), '/v1/labels', 'Bearer bad-input-source', [{ name: 'one' }]));

  it('an unknown dialect (the installed command)', async () => {
    const run = spawnMigrate(['--from', 'stripe=https://api.stripe.com', '--from-credential-env', 'X', '--to', `supersend-v2=${baseUrlOf(target.url, 'supersend-v2')}`, '--to-credential-env', 'Y'], {});
    const exitCode = await run.exited;
    expectRefused({ exitCode, stderr: run.stderr() }, /^label-gateway migrate: --from stripe=https:\/\/api\.stripe\.com: "stripe" is not a dialect \(use attention-v2, kirim/);
  });

  it('an unreachable source', async () => {
    const args = migrateArgs({ from: 'kirim', fromUrl: `http://127.0.0.1:${await closedPort()}/kirim`, to: 'supersend-v2', toUrl: baseUrlOf(target.url, 'supersend-v2'), state: path.join(dir, 'unreachable.json') }, '--param', `team_id=${TEAM_ID}`, '--yes');
    expectRefused(await migrate(args, env), /cannot reach the source \(kirim at http:\/\/127\.0\.0\.1:\d+\/kirim\): .*ECONNREFUSED/);
    await nothingWritten();
  });

  it("a credential the source refuses: the source's 401", async () => {
    const tenants = path.join(dir, 'tenants.json');
    fs.writeFileSync(tenants, JSON.stringify({ tenants: [{ credential: 'the-right-token', organization: 'org-a', teams: [TEAM_ID] }] }));
    const guarded = await startTestGateway({ tenants });
    try {
      const args = migrateArgs({ from: 'kirim', fromUrl: baseUrlOf(guarded.url, 'kirim'), to: 'supersend-v2', toUrl: baseUrlOf(target.url, 'supersend-v2'), state: path.join(dir, 'refused.json') }, '--param', `team_id=${TEAM_ID}`, '--yes');
      const run = await migrate(args, { ...env, MIGRATE_FROM: 'sk_live_WRONG_TOKEN' });
      expectRefused(run, /the source \(kirim at .*\) refused the credential in \$MIGRATE_FROM \(--from-credential-env\): The upstream \(kirim\) rejected the request/);
      expect(run.stderr).not.toContain('sk_live_WRONG_TOKEN');
    } finally {
      await guarded.stop();
    }
    await nothingWritten();
  });

  it('a state file from another migration', async () => {
    const state = path.join(dir, 'other.json');
    const first = await migrate(kirimToSuperSend(state), { MIGRATE_FROM: 'bad-input-source', MIGRATE_TO: 'another-target' });
    expect(first.exitCode).toBe(0);
    expectRefused(await migrate(kirimToSuperSend(state), env), /the state file .*other\.json belongs to another migration \(its target supersend-v2 at .* was read with another credential\); give this one its own --state FILE/);
    await nothingWritten();
  });

  it('a credential variable that is not set, and a target that needs a param', async () => {
    const state = path.join(dir, 'unset.json');
    expectRefused(await migrate(kirimToSuperSend(state), { MIGRATE_FROM: 'x' }), /the environment variable MIGRATE_TO \(--to-credential-env\) is not set or empty/);
    const withoutTeam = migrateArgs({ from: 'kirim', fromUrl: baseUrlOf(source.url, 'kirim'), to: 'supersend-v2', toUrl: baseUrlOf(target.url, 'supersend-v2'), state }, '--yes');
    expectRefused(await migrate(withoutTeam, env), /the target \(supersend-v2 at .*\) needs team_id: pass --param team_id=/);
    await nothingWritten();
  });
});
