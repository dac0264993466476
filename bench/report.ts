import type { LiveResults } from './live-probes';
import { latenciesValid } from './load';
import type { BenchReport, LoadRow, ScenarioId } from './model';

const SECTIONS: ReadonlyArray<{ scenario: ScenarioId; heading: string }> = [
  { scenario: 'ceiling', heading: 'ceilings (reference servers, same machine, same load)' },
  { scenario: 'get-one', heading: '1. mock get-one' },
  { scenario: 'list', heading: '2. mock list, a page of 50' },
  { scenario: 'create', heading: '3. mock create, a new name per request' },
  { scenario: 'pass-through', heading: '4. proxy pass-through (supersend-v2, contract checks both ways) in front of node-ceiling' },
  { scenario: 'translation', heading: '5. translating proxy, a Jasni client in front of the Kirim mock' },
  { scenario: 'faults', heading: '8. faults: nothing armed against 100 armed faults that do not match' },
  { scenario: 'postgres', heading: '10. PostgreSQL store (fsync on, same machine) beside NeDB; two gateways on one database' },
];

const COLUMNS = ['req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'vs node', 'vs express'] as const;
const WIDTHS = [8, 8, 8, 7, 8, 8, 11] as const;

const integer = (value: number): string => value.toLocaleString('en-US', { maximumFractionDigits: 0 });
const ms = (value: number): string => value.toFixed(2);
const ratio = (value: number | undefined): string => (value === undefined ? '' : `${value.toFixed(2)}×`);

function cells(values: readonly string[]): string {
  return values.map((value, column) => value.padStart(WIDTHS[column])).join('');
}

function rowLine(row: LoadRow, titleWidth: number): string[] {
  const title = `  ${row.title}`.padEnd(titleWidth);
  const { outcome } = row;
  const lines: string[] = [];
  if (outcome.status === 'measured') {
    const { stats } = outcome;
    const valid = latenciesValid(stats);
    lines.push(
      title +
        cells([
          integer(stats.requestsPerSecond),
          valid ? ms(stats.p50Ms) : 'n/a',
          valid ? ms(stats.p99Ms) : 'n/a',
          integer(stats.errors),
          integer(stats.non2xx),
          ratio(row.ratio?.node),
          ratio(row.ratio?.express),
        ]),
    );
    const odd = Object.keys(stats.statuses).filter((status) => !status.startsWith('2'));
    if (!valid) {
      lines.push(
        `${' '.repeat(6)}${integer(stats.closedConnections)} answers closed their connection (Connection: close): each request needed a new one, ` +
          'and autocannon cannot time requests across reconnections, so latencies are not shown',
      );
    }
    if (odd.length > 0) lines.push(`${' '.repeat(6)}statuses: ${Object.entries(stats.statuses).map(([status, count]) => `${status}×${count}`).join(', ')}`);
  } else {
    const word = outcome.status === 'failed' ? 'FAILED' : 'skipped';
    lines.push(`${title}  ${word}: ${outcome.reason.split('\n')[0]}`);
  }
  if (row.rerun && outcome.status === 'measured') {
    const first = outcome.stats.requestsPerSecond;
    const again = row.rerun.requestsPerSecond;
    const drift = Math.round((100 * (again - first)) / first);
    lines.push(
      `${' '.repeat(6)}again after the gateway scenarios: ${integer(again)} req/s, p99 ${ms(row.rerun.p99Ms)} ms ` +
        `(${drift >= 0 ? '+' : ''}${drift} %${Math.abs(drift) > 15 ? ': the machine was not steady, read ratios with care' : ''}); ratios use the mean`,
    );
  }
  if (row.paired && outcome.status === 'measured') {
    const p99 = row.ratio?.p99 === undefined ? '' : `; this row's p99 is ${ratio(row.ratio.p99)} its`;
    lines.push(
      `${' '.repeat(6)}express-ceiling measured just before: ${integer(row.paired.requestsPerSecond)} req/s, p99 ${ms(row.paired.p99Ms)} ms (the vs express ratio${p99})`,
    );
  }
  if (row.versus) {
    const { against, throughput, addedP50Ms } = row.versus;
    lines.push(`${' '.repeat(6)}vs ${against}: ${ratio(throughput)} the req/s, ${addedP50Ms >= 0 ? '+' : ''}${ms(addedP50Ms)} ms p50`);
  }
  if (row.note) lines.push(`${' '.repeat(6)}${row.note}`);
  if (row.contractWarnings) lines.push(`${' '.repeat(6)}the gateway logged ${row.contractWarnings} contract finding(s) on stderr`);
  return lines;
}

/** 11. One line per probe: answer-to-event or answer-to-row latencies over its sequential creates. */
function liveLines(live: LiveResults): string[] {
  const width = Math.max(60, ...live.probes.map((probe) => probe.title.length + 4));
  const columns = ['creates', 'p50 ms', 'p99 ms', 'max ms', 'first ms'];
  const out = ['11. live: a Kirim create\'s whole answer to its event (bench\'s stream) or its row (dashboard in headless Chromium)'];
  out.push(' '.repeat(width) + columns.map((column) => column.padStart(9)).join(''));
  for (const probe of live.probes) {
    const title = `  ${probe.title}`.padEnd(width);
    const { outcome } = probe;
    if (outcome.status === 'measured') {
      const { samples, p50Ms, p99Ms, maxMs, firstMs, early } = outcome.latency;
      out.push(title + [integer(samples), ms(p50Ms), ms(p99Ms), ms(maxMs), ms(firstMs)].map((cell) => cell.padStart(9)).join(''));
      if (early > 0) out.push(`${' '.repeat(6)}${early} there before the bench had read the whole answer (counted as 0 ms)`);
    } else out.push(`${title}  FAILED: ${outcome.reason.split('\n')[0]}`);
    if (probe.note) out.push(`${' '.repeat(6)}${probe.note}`);
  }
  return out;
}

/** The human report: machine, every row, cold start, memory, and the budget lines. */
export function renderTable(report: BenchReport): string {
  const { machine, phases } = report;
  const titleWidth = Math.max(60, ...report.rows.map((row) => row.title.length + 4));
  const out: string[] = [];
  out.push(
    `label-gateway bench, ${report.date} (${report.mode}: ${phases.warmupSeconds} s warm-up + ${phases.seconds} s measured per phase, ` +
      `${phases.connections} connections, loopback), took ${report.durationSeconds} s`,
  );
  out.push(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB RAM, node ${machine.node}, ${machine.platform}`);
  out.push(`load average at start: ${machine.loadAverage.join(' ')}${(machine.loadAverage[0] ?? 0) > 0.5 ? ' (something else was running: expect noise)' : ''}`);
  out.push('');
  out.push(''.padEnd(titleWidth) + cells(COLUMNS));
  for (const { scenario, heading } of SECTIONS) {
    const rows = report.rows.filter((row) => row.scenario === scenario);
    if (rows.length === 0) continue;
    out.push(heading);
    for (const row of rows) out.push(...rowLine(row, titleWidth));
    if (scenario === 'list' && report.listP99Ratio !== undefined) out.push(`  p99 ratio, large tenant / small tenant: ${report.listP99Ratio}×`);
  }
  if (report.coldStart) {
    out.push(`6. cold start (spawn → first 200 from GET /__admin/health, --memory)`);
    out.push(`  median ${report.coldStart.medianMs} ms of ${report.coldStart.runsMs.length} runs: ${report.coldStart.runsMs.join(', ')} ms`);
    const { firstCreateMs, firstCreateMedianMs } = report.coldStart;
    out.push(`  then its first Kirim create (validators compile on first use): median ${firstCreateMedianMs} ms: ${firstCreateMs.join(', ')} ms`);
  }
  const { memory } = report;
  if (memory.idleMb !== undefined || memory.loadedMb !== undefined) {
    out.push('7. memory (peak RSS: VmHWM from /proc/<pid>/status)');
    if (memory.idleMb !== undefined) out.push(`  idle (--memory, only the health check answered): ${memory.idleMb} MB (largest of ${memory.idleRunsMb.join(', ')})`);
    if (memory.loadedMb !== undefined) {
      out.push(`  ${(memory.labels ?? 0).toLocaleString('en-US')} labels loaded from --data: ${memory.loadedMb.toFixed(1)} MB`);
      if (memory.afterListLoadMb !== undefined) out.push(`  the same after its list phases: ${memory.afterListLoadMb.toFixed(1)} MB`);
    }
  }
  if (report.migration) {
    const { source, target, labels, runs } = report.migration;
    out.push(`9. label-gateway migrate, ${source} → ${target} between two --memory gateways, ${integer(labels)} labels per run`);
    for (const run of runs) {
      const { outcome } = run;
      out.push(
        outcome.status === 'measured'
          ? `  concurrency ${String(run.concurrency).padStart(2)}: ${integer(outcome.labelsPerSecond)} labels/s (${outcome.seconds} s in all, listing and planning included)`
          : `  concurrency ${String(run.concurrency).padStart(2)}: FAILED: ${outcome.reason.split('\n')[0]}`,
      );
    }
  }
  if (report.postgres) {
    const { versusNedb, twoReplicas, listP99Ratio, server } = report.postgres;
    out.push(`10. PostgreSQL (${server ?? 'server'}) summary`);
    if (versusNedb) {
      out.push(`  one gateway on PostgreSQL over one on NeDB: get-one ${versusNedb.get ?? '?'}×, create ${versusNedb.create ?? '?'}×`);
      const { rounds } = versusNedb;
      if (rounds) out.push(`    round by round: get-one ${rounds.get.map((r) => `${r}×`).join(', ')}; create ${rounds.create.map((r) => `${r}×`).join(', ')}`);
    }
    if (twoReplicas) {
      out.push(`  two gateways over one (2 cores shared with the database and the load): get-one ${twoReplicas.get ?? '?'}×, create ${twoReplicas.create ?? '?'}×`);
      for (const [phase, cpu] of Object.entries(twoReplicas.cpuSeconds)) {
        out.push(`    CPU seconds during ${phase}: ${Object.entries(cpu).map(([part, seconds]) => `${part} ${seconds}`).join(', ')}`);
      }
    }
    if (listP99Ratio !== undefined) out.push(`  list p99 ratio, large tenant / small tenant: ${listP99Ratio}×`);
  }
  if (report.live) out.push(...liveLines(report.live));
  out.push('');
  out.push('budget (a report: a FAIL does not change the exit code)');
  for (const line of report.budget) {
    const verdict = line.pass === null ? 'SKIP' : line.pass ? 'PASS' : 'FAIL';
    out.push(`  ${verdict}  ${line.label}: ${line.detail.split('\n')[0]}`);
  }
  if (report.failures.length > 0) {
    out.push('');
    out.push('harness failures (exit code 1)');
    for (const failure of report.failures) out.push(`  ${failure.split('\n').join('\n    ')}`);
  }
  return `${out.join('\n')}\n`;
}
