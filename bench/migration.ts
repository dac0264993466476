import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { MigrationReport } from '../src/migrate/report';
import { TEAM_ID } from './dialects';
import { describeAnswer, request } from './http';
import type { MigrationBench, MigrationRun } from './model';
import type { ScenarioContext } from './scenarios';
import { PACKAGE_ROOT, removeScratchDir, scratchDir, withGateway } from './servers';

const GATEWAY_BIN = path.join(PACKAGE_ROOT, 'bin', 'label-gateway.js');
const SOURCE_KEY = 'bench-migrate-source';
export const MIGRATION_CONCURRENCIES = [1, 4, 16] as const;
const SEED_CONCURRENCY = 8;
const RUN_TIMEOUT_MS = 5 * 60_000;

/**
 * 9. `label-gateway migrate` between two local gateways: Kirim (the source, seeded through its API)
 * to SuperSend v2, once per concurrency, each run into a new target tenant. Labels/s is the run's
 * own figure from its --report: labels settled in the target over the time its writes took
 * (listing both ends and planning come before, and are in `seconds`).
 */
export async function measureMigration(ctx: ScenarioContext): Promise<MigrationBench> {
  const labels = ctx.settings.migrationLabels;
  const bench: MigrationBench = { source: 'kirim', target: 'supersend-v2', labels, runs: [] };
  await withGateway({ name: 'migrate-source' }, async ({ server: source }) =>
    withGateway({ name: 'migrate-target' }, async ({ server: target }) => {
      ctx.progress(`  seeding ${labels.toLocaleString('en-US')} Kirim labels through the API`);
      await seedKirim(source.url, labels);
      const dir = scratchDir('migrate');
      try {
        for (const concurrency of MIGRATION_CONCURRENCIES) {
          ctx.progress(`  migrate --concurrency ${concurrency}`);
          bench.runs.push(await runOnce({ dir, sourceUrl: source.url, targetUrl: target.url, concurrency, labels }));
        }
      } finally {
        removeScratchDir(dir);
      }
    }),
  );
  return bench;
}

async function seedKirim(gatewayUrl: string, count: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const answer = await request('POST', `${gatewayUrl}/kirim/v1/labels`, { Authorization: `Bearer ${SOURCE_KEY}` }, { name: `migrated ${index}`, color: 'blue' });
      if (answer.status !== 201) throw new Error(`seeding the Kirim source answered ${describeAnswer(answer)}`);
    }
  };
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, worker));
}

async function runOnce(options: { dir: string; sourceUrl: string; targetUrl: string; concurrency: number; labels: number }): Promise<MigrationRun> {
  const { dir, concurrency, labels } = options;
  const reportFile = path.join(dir, `report-${concurrency}.json`);
  const args = [
    GATEWAY_BIN, 'migrate',
    '--from', `kirim=${options.sourceUrl}/kirim`, '--from-credential-env', 'BENCH_MIGRATE_FROM',
    '--to', `supersend-v2=${options.targetUrl}/supersend`, '--to-credential-env', 'BENCH_MIGRATE_TO',
    '--param', `team_id=${TEAM_ID}`, '--yes', '--concurrency', String(concurrency),
    '--state', path.join(dir, `state-${concurrency}.json`), '--report', reportFile,
  ];
  const env = { ...process.env, BENCH_MIGRATE_FROM: SOURCE_KEY, BENCH_MIGRATE_TO: `bench-migrate-target-${concurrency}` };
  const { code, stderrTail } = await runToEnd(args, env);
  if (code !== 0) return { concurrency, labels, outcome: { status: 'failed', reason: `migrate exited ${code}: ${stderrTail}` } };
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as MigrationReport;
  if (report.outcome?.created !== labels || report.labelsPerSecond === undefined) {
    return { concurrency, labels, outcome: { status: 'failed', reason: `created ${report.outcome?.created ?? 0} of ${labels} labels` } };
  }
  return { concurrency, labels, outcome: { status: 'measured', seconds: report.seconds, labelsPerSecond: report.labelsPerSecond } };
}

/** Runs the command to its end (killed after RUN_TIMEOUT_MS); stdout is drained, stderr's tail kept. */
function runToEnd(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderrTail: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: PACKAGE_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.resume();
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-2000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderrTail: stderr.trim().split('\n').slice(-3).join(' | ') });
    });
  });
}
