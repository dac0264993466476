import { ARMED_FAULTS } from './faults-scenario';
import type { LiveProbeId, LiveResults } from './live-probes';
import { REFERENCE_COMMIT, REFERENCE_DATE } from './reference-gateway';
import type { BudgetLine, Comparison, ColdStart, LoadRow, MemoryPeaks, MigrationBench } from './model';
import type { PostgresResults } from './postgres-scenario';

/** The performance budget of the issue. A failed line is reported, never an exit code. */
export const BUDGET = {
  // The issue asked for get-one >= 0.8x, create >= 0.7x and p99 <= 1.5x; measured on 2026-12-07
  // (loaded machine): get-one 1.81-2.06x, create 1.22-1.48x, p99 0.30-0.96x. The lines guard those.
  getOneOfExpress: 1.2,
  createOfExpress: 1.0,
  /** get-one and create p99 over express-ceiling's (paired, same connections), at 10 and at 32 connections. */
  getOneP99OfExpress: 1.2,
  createP99OfExpress: 1.2,
  listP99Growth: 5,
  coldStartMs: 1500,
  idleRssMb: 120,
  loadedRssMb: 400,
  passThroughOfExpress: 0.5,
  passThroughAddedP50Ms: 1,
  translationOfDirect: 0.4,
  /** 100 armed faults that do not match: at least this share of the unarmed gateway's req/s. */
  armedFaultsOfUnarmed: 0.9,
  /** Unarmed get-one: at least this share of the reference build's req/s (reference-gateway.ts), measured in turn with it. */
  unarmedOfReference: 0.97,
  migrationLabelsPerSecond: 1000,
  migrationConcurrency: 16,
  /** One gateway on PostgreSQL against one on NeDB: shares of its req/s. */
  postgresCreateOfNedb: 0.5,
  postgresGetOfNedb: 0.7,
  postgresListP99Growth: 3,
  /**
   * The dashboard issue's "within a second": a create's answer to its row in the page's DOM, p99,
   * in headless Chromium with the GPU off (headless-chromium.ts says why). Measured on 2026-12-07,
   * 2-core machine shared with another session's work (load average 1.5-6), 4 runs: p50 3.2-4.0 ms,
   * p99 6.6-6.9 ms (4.6-9.8 ms with the machine busy). With an emulated GPU (SwiftShader), p99
   * 1.2-1.6 s in every run (6).
   */
  dashboardRowP99Ms: 1000,
  /**
   * A create's answer to its event on GET /__admin/events, p99, the gateway otherwise idle. The
   * issue asked for 100 ms; measured on the same machine, 8 runs: p99 1.3-5.9 ms (3.7-14.9 ms with
   * the same gateway under get-one load). 25 ms leaves room for a busy machine and still catches
   * events held back to be sent in batches.
   */
  eventStreamP99Ms: 25,
} as const;

const percent = (ratio: number): string => `${Math.round(ratio * 100)} %`;

export function checkBudget(input: {
  rows: readonly LoadRow[];
  /** The run's connections (a row measured at others names its own). */
  connections: number;
  listP99Ratio?: number;
  listSizes: { small: number; large: number };
  coldStart?: ColdStart;
  memory: MemoryPeaks;
  migration?: MigrationBench;
  postgres?: PostgresResults;
  live?: LiveResults;
}): BudgetLine[] {
  const lines: BudgetLine[] = [];
  const budgeted = (scenario: 'get-one' | 'create') => input.rows.filter((candidate) => candidate.scenario === scenario);
  const ratioLines = (scenario: 'get-one' | 'create', minimum: number) => {
    // Throughput at the run's connections; the heavier rows are judged by their tail below.
    for (const row of budgeted(scenario).filter((candidate) => candidate.connections === undefined)) {
      const label = `${scenario} ${row.dialect ?? ''} ≥ ${percent(minimum)} of express-ceiling req/s`;
      if (row.outcome.status !== 'measured' || !row.ratio) {
        lines.push({ label, pass: null, detail: `${row.outcome.status} (see its row)` });
      } else {
        lines.push({ label, pass: row.ratio.express >= minimum, detail: `${percent(row.ratio.express)} (${row.outcome.stats.requestsPerSecond} req/s)` });
      }
    }
  };
  /** One line per dialect: its p99 over the paired express-ceiling's, at every connection count it was measured at. */
  const p99Lines = (scenario: 'get-one' | 'create', maximum: number) => {
    const rows = budgeted(scenario);
    for (const dialect of [...new Set(rows.map((row) => row.dialect))]) {
      const ofDialect = rows.filter((row) => row.dialect === dialect);
      const connections = ofDialect.map((row) => row.connections ?? input.connections);
      const label = `${scenario} ${dialect ?? ''} p99 ≤ ${maximum}× express-ceiling's at ${connections.join(' and ')} connections`;
      const unmeasured = ofDialect.find((row) => row.outcome.status !== 'measured' || row.ratio?.p99 === undefined);
      if (unmeasured) {
        lines.push({ label, pass: null, detail: `${unmeasured.outcome.status === 'measured' ? 'no paired p99' : unmeasured.outcome.status} (see its row)` });
        continue;
      }
      const parts = ofDialect.map((row, index) => {
        const { stats } = row.outcome as { stats: { p99Ms: number } };
        return `${row.ratio!.p99!.toFixed(2)}× at ${connections[index]} (${stats.p99Ms.toFixed(2)} against ${row.paired!.p99Ms.toFixed(2)} ms)`;
      });
      lines.push({ label, pass: ofDialect.every((row) => row.ratio!.p99! <= maximum), detail: parts.join(', ') });
    }
  };
  ratioLines('get-one', BUDGET.getOneOfExpress);
  ratioLines('create', BUDGET.createOfExpress);
  p99Lines('get-one', BUDGET.getOneP99OfExpress);
  p99Lines('create', BUDGET.createP99OfExpress);

  // The proxy lines read the comparison each row carries (baseline measured beside it).
  const versusLine = (label: string, row: LoadRow | undefined, check: (versus: NonNullable<LoadRow['versus']>) => { pass: boolean; detail: string }) => {
    if (!row) lines.push({ label, pass: null, detail: 'not measured' });
    else if (!row.versus) lines.push({ label, pass: null, detail: `${row.outcome.status} (see its rows)` });
    else lines.push({ label, ...check(row.versus) });
  };
  const proxied = (scenario: 'pass-through' | 'translation' | 'faults', connections?: number, role?: Comparison['role']) =>
    input.rows.find(
      (row) => row.scenario === scenario && row.versus !== undefined && row.versus.role === role && (connections === undefined || row.connections === connections),
    );
  versusLine(`pass-through at 32 connections ≥ ${percent(BUDGET.passThroughOfExpress)} of express-ceiling req/s`, proxied('pass-through', 32), (versus) => ({
    pass: versus.throughput >= BUDGET.passThroughOfExpress,
    detail: percent(versus.throughput),
  }));
  versusLine(`pass-through at 1 connection adds < ${BUDGET.passThroughAddedP50Ms} ms p50`, proxied('pass-through', 1), (versus) => ({
    pass: versus.addedP50Ms < BUDGET.passThroughAddedP50Ms,
    detail: `+${versus.addedP50Ms.toFixed(3)} ms over node-ceiling hit directly`,
  }));
  versusLine(`translating proxy (jasni → kirim) ≥ ${percent(BUDGET.translationOfDirect)} of the Kirim mock hit directly`, proxied('translation'), (versus) => ({
    pass: versus.throughput >= BUDGET.translationOfDirect,
    detail: percent(versus.throughput),
  }));

  versusLine(
    `unarmed get-one within ${percent(1 - BUDGET.unarmedOfReference)} of the ${REFERENCE_DATE} build's req/s (same sitting)`,
    proxied('faults', undefined, 'reference'),
    (versus) => ({
      pass: versus.throughput >= BUDGET.unarmedOfReference,
      detail: `${percent(versus.throughput)} of ${REFERENCE_COMMIT.slice(0, 7)}, ${versus.addedP50Ms >= 0 ? '+' : ''}${versus.addedP50Ms.toFixed(3)} ms p50`,
    }),
  );
  versusLine(`${ARMED_FAULTS} armed faults that do not match cost < ${percent(1 - BUDGET.armedFaultsOfUnarmed)} of unarmed req/s`, proxied('faults', undefined, 'armed'), (versus) => ({
    pass: versus.throughput >= BUDGET.armedFaultsOfUnarmed,
    detail: `${percent(versus.throughput)} of unarmed, ${versus.addedP50Ms >= 0 ? '+' : ''}${versus.addedP50Ms.toFixed(3)} ms p50`,
  }));

  const { small, large } = input.listSizes;
  const listLabel = `list p99 at ${large / 1000}k < ${BUDGET.listP99Growth}× p99 at ${small / 1000}k`;
  lines.push(
    input.listP99Ratio === undefined
      ? { label: listLabel, pass: null, detail: 'not measured' }
      : { label: listLabel, pass: input.listP99Ratio < BUDGET.listP99Growth, detail: `${input.listP99Ratio}×` },
  );
  lines.push(
    input.coldStart === undefined
      ? { label: `cold start < ${BUDGET.coldStartMs} ms`, pass: null, detail: 'not measured' }
      : {
          label: `cold start < ${BUDGET.coldStartMs} ms`,
          pass: input.coldStart.medianMs < BUDGET.coldStartMs,
          detail: `median ${input.coldStart.medianMs} ms`,
        },
  );
  const { idleMb, loadedMb, afterListLoadMb, labels } = input.memory;
  lines.push(
    idleMb === undefined
      ? { label: `idle peak RSS < ${BUDGET.idleRssMb} MB`, pass: null, detail: 'not measured' }
      : { label: `idle peak RSS < ${BUDGET.idleRssMb} MB`, pass: idleMb < BUDGET.idleRssMb, detail: `${idleMb} MB` },
  );
  const loadedLabel = `peak RSS with ${(labels ?? large).toLocaleString('en-US')} labels < ${BUDGET.loadedRssMb} MB`;
  if (loadedMb === undefined) {
    lines.push({ label: loadedLabel, pass: null, detail: 'not measured' });
  } else {
    // The stricter of the two: loading, and then serving the list phases.
    const peak = Math.max(loadedMb, afterListLoadMb ?? 0);
    lines.push({ label: loadedLabel, pass: peak < BUDGET.loadedRssMb, detail: `${peak.toFixed(1)} MB (loaded ${loadedMb.toFixed(1)}, after list load ${afterListLoadMb?.toFixed(1) ?? '?'})` });
  }
  const migrationLabel = `migrate at concurrency ${BUDGET.migrationConcurrency} ≥ ${BUDGET.migrationLabelsPerSecond.toLocaleString('en-US')} labels/s`;
  const run = input.migration?.runs.find((candidate) => candidate.concurrency === BUDGET.migrationConcurrency);
  if (!run) lines.push({ label: migrationLabel, pass: null, detail: 'not measured' });
  else if (run.outcome.status !== 'measured') lines.push({ label: migrationLabel, pass: null, detail: `failed (see its row)` });
  else lines.push({ label: migrationLabel, pass: run.outcome.labelsPerSecond >= BUDGET.migrationLabelsPerSecond, detail: `${run.outcome.labelsPerSecond} labels/s` });
  lines.push(...postgresLines(input.postgres, input.listSizes));
  lines.push(...liveLines(input.live));
  return lines;
}

function liveLines(live: LiveResults | undefined): BudgetLine[] {
  const line = (id: LiveProbeId, label: string, maximumMs: number): BudgetLine => {
    const probe = live?.probes.find((candidate) => candidate.id === id);
    if (!probe) return { label, pass: null, detail: 'not measured' };
    if (probe.outcome.status !== 'measured') return { label, pass: null, detail: 'failed (see its row)' };
    const { p99Ms, samples } = probe.outcome.latency;
    return { label, pass: p99Ms <= maximumMs, detail: `p99 ${p99Ms.toFixed(2)} ms over ${samples} creates` };
  };
  return [
    line('dashboard-row', `dashboard row p99 ≤ ${BUDGET.dashboardRowP99Ms} ms after the create's answer (headless Chromium, machine idle)`, BUDGET.dashboardRowP99Ms),
    line('event-stream', `event stream p99 ≤ ${BUDGET.eventStreamP99Ms} ms after the create's answer (gateway idle)`, BUDGET.eventStreamP99Ms),
  ];
}

function postgresLines(postgres: PostgresResults | undefined, { small, large }: { small: number; large: number }): BudgetLine[] {
  const share = (label: string, value: number | undefined, minimum: number): BudgetLine =>
    value === undefined ? { label, pass: null, detail: 'not measured' } : { label, pass: value >= minimum, detail: percent(value) };
  const listLabel = `PostgreSQL list p99 at ${large / 1000}k < ${BUDGET.postgresListP99Growth}× p99 at ${small / 1000}k`;
  return [
    share(`PostgreSQL create ≥ ${percent(BUDGET.postgresCreateOfNedb)} of NeDB's req/s (one gateway each)`, postgres?.versusNedb?.create, BUDGET.postgresCreateOfNedb),
    share(`PostgreSQL get-one ≥ ${percent(BUDGET.postgresGetOfNedb)} of NeDB's req/s (one gateway each)`, postgres?.versusNedb?.get, BUDGET.postgresGetOfNedb),
    postgres?.listP99Ratio === undefined
      ? { label: listLabel, pass: null, detail: 'not measured' }
      : { label: listLabel, pass: postgres.listP99Ratio < BUDGET.postgresListP99Growth, detail: `${postgres.listP99Ratio}×` },
  ];
}
