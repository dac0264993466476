import fs from 'node:fs';
import path from 'node:path';
import { checkBudget } from './budget';
import { measureFaultsOverhead } from './faults-scenario';
import type { LiveResults } from './live-probes';
import { measureLive } from './live-scenario';
import { describeMachine, type Machine } from './machine';
import { measureMigration } from './migration';
import { measurePostgres, type PostgresResults } from './postgres-scenario';
import type { BenchReport, ColdStart, LoadRow, MemoryPeaks, MigrationBench } from './model';
import { startReferenceServers, type ReferenceServers } from './reference-servers';
import { measureCreate, measureGetOne } from './budgeted-scenarios';
import { addRatios } from './ratios';
import { renderTable } from './report';
import {
  ceilingBodyFrom,
  measureCeilings,
  measureColdStart,
  measureList,
  remeasureCeilings,
  seedOnePerDialect,
  type ScenarioContext,
} from './scenarios';
import { measurePassThrough, measureTranslation } from './proxy-scenarios';
import { stopAll, withGateway } from './servers';
import { GROUPS, parseSettings, USAGE, UsageError, type Settings } from './settings';

/**
 * `npm run bench`: starts every measured server as a child process, loads each in turn from this
 * process (loopback only), prints one table (or JSON) and writes bench/results/latest.json. A budget
 * line that fails is reported; only a failing harness exits non-zero.
 */
async function main(argv: string[]): Promise<number> {
  let settings: Settings | 'help';
  try {
    settings = parseSettings(argv);
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof TypeError)) throw error;
    process.stderr.write(`bench: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (settings === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const started = Date.now();
  const machine = describeMachine(); // before any load, for its load average
  // Only a full run of every group replaces latest.json, the reference the README quotes; a quick or
  // partial run writes beside it, so trying one group never overwrites the whole run by mistake.
  const complete = settings.mode === 'full' && settings.groups.size === GROUPS.length;
  const resultsFile = path.join(settings.resultsDir, complete ? 'latest.json' : 'partial.json');
  const report = await runAll(settings, machine);
  report.durationSeconds = Math.round((Date.now() - started) / 100) / 10;
  fs.mkdirSync(settings.resultsDir, { recursive: true });
  fs.writeFileSync(resultsFile, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(settings.json ? `${JSON.stringify(report, null, 2)}\n` : renderTable(report));
  process.stderr.write(`bench: report written to ${path.relative(process.cwd(), resultsFile)}\n`);
  return report.failures.length > 0 ? 1 : 0;
}

async function runAll(settings: Settings, machine: Machine): Promise<BenchReport> {
  const ctx: ScenarioContext = {
    settings,
    progress: (message) => process.stderr.write(`bench: ${message}\n`),
    gatewayFlags: (name) =>
      settings.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', settings.cpuProfDir, '--cpu-prof-name', `${name}.cpuprofile`] : [],
  };
  const { groups } = settings;
  const rows: LoadRow[] = [];
  const failures: string[] = [];
  const memory: MemoryPeaks = { idleRunsMb: [] };
  let coldStart: ColdStart | undefined;
  let listP99Ratio: number | undefined;
  let reference: ReferenceServers | undefined;
  let ceilingBodyBytes: number | undefined;
  let migration: MigrationBench | undefined;
  let postgres: PostgresResults | undefined;
  let live: LiveResults | undefined;

  /** A whole step that could not run: recorded, and the run goes on with the next one. */
  const step = async (name: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      ctx.progress(`${name} failed: ${failures[failures.length - 1]}`);
    }
  };

  try {
    if (groups.has('get-one') || groups.has('list') || groups.has('create') || groups.has('proxy') || groups.has('faults') || groups.has('postgres')) {
      await step('ceilings and get-one', () =>
        withGateway({ name: 'get-one', nodeFlags: ctx.gatewayFlags('get-one') }, async ({ server }) => {
          ctx.progress('seeding one label per dialect');
          const seeded = await seedOnePerDialect(server.url);
          const body = await ceilingBodyFrom(server.url, seeded);
          reference = await startReferenceServers(body);
          ctx.reference = reference;
          ceilingBodyBytes = reference.bodyBytes;
          ctx.progress('ceilings');
          rows.push(...(await measureCeilings(ctx, reference)));
          if (groups.has('get-one')) {
            ctx.progress('1. get-one');
            rows.push(...(await measureGetOne(ctx, server, seeded)));
          }
        }),
      );
    }
    if (groups.has('list')) {
      await step('list', async () => {
        ctx.progress('2. list (seeding data folders)');
        const list = await measureList(ctx);
        rows.push(...list.rows);
        listP99Ratio = list.p99Ratio;
        Object.assign(memory, list.memory);
      });
    }
    if (groups.has('create')) {
      await step('create', async () => {
        ctx.progress('3. create');
        rows.push(...(await measureCreate(ctx)));
      });
    }
    if (groups.has('proxy')) {
      await step('proxy pass-through', async () => {
        if (!reference) throw new Error('needs node-ceiling as its upstream, and the ceilings did not start');
        ctx.progress('4. proxy pass-through');
        rows.push(...(await measurePassThrough(ctx, reference)));
      });
      await step('translating proxy', async () => {
        ctx.progress('5. translating proxy');
        rows.push(...(await measureTranslation(ctx)));
      });
    }
    if (groups.has('faults')) {
      await step('faults', async () => {
        ctx.progress('8. faults: unarmed against 100 armed faults that do not match');
        rows.push(...(await measureFaultsOverhead(ctx)));
      });
    }
    if (groups.has('postgres')) {
      await step('postgres', async () => {
        ctx.progress('10. PostgreSQL store beside NeDB; two gateways on one database');
        postgres = await measurePostgres(ctx);
        rows.push(...postgres.rows);
      });
    }
    if (reference) {
      const ceilings = reference;
      await step('ceilings, again', async () => {
        ctx.progress('ceilings, again');
        await remeasureCeilings(ctx, ceilings, rows);
      });
    }
    if (groups.has('cold-start')) {
      await step('cold start', async () => {
        ctx.progress(`6. cold start (${settings.coldStartRuns} runs) and idle memory`);
        const result = await measureColdStart(ctx);
        coldStart = result.coldStart;
        memory.idleRunsMb = result.idleRunsMb;
        memory.idleMb = Math.max(...result.idleRunsMb);
      });
    }
    if (groups.has('migrate')) {
      await step('migration', async () => {
        ctx.progress('9. label-gateway migrate between two gateways');
        migration = await measureMigration(ctx);
        for (const run of migration.runs) {
          if (run.outcome.status === 'failed') failures.push(`migrate at concurrency ${run.concurrency}: ${run.outcome.reason}`);
        }
      });
    }
    if (groups.has('live')) {
      await step('live', async () => {
        ctx.progress('11. live: answer to event on GET /__admin/events, answer to row on the dashboard');
        live = await measureLive(ctx);
        for (const probe of live.probes) {
          if (probe.outcome.status === 'failed') failures.push(`live, ${probe.title}: ${probe.outcome.reason}`);
        }
      });
    }
  } finally {
    await reference?.stop();
    await stopAll();
  }

  addRatios(rows);
  for (const row of rows) {
    if (row.outcome.status === 'failed') failures.push(`${row.title}: ${row.outcome.reason}`);
  }
  return {
    date: new Date().toISOString(),
    mode: settings.mode,
    durationSeconds: 0,
    machine,
    phases: settings.phases,
    ceilingBodyBytes,
    rows,
    listP99Ratio,
    coldStart,
    memory,
    migration,
    postgres,
    live,
    budget: checkBudget({ rows, connections: settings.phases.connections, listP99Ratio, listSizes: settings.listSizes, coldStart, memory, migration, postgres, live }),
    failures,
  };
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  async (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    await stopAll();
    process.exitCode = 1;
  },
);
