import type { DialectId } from '../src/core/dialects';
import type { LoadStats } from './load';
import type { LiveResults } from './live-probes';
import type { Machine } from './machine';
import type { PostgresResults } from './postgres-scenario';

export type ScenarioId = 'ceiling' | 'get-one' | 'list' | 'create' | 'pass-through' | 'translation' | 'faults' | 'postgres';

/** What became of one row: numbers, or the reason there are none. */
export type Outcome =
  | { status: 'measured'; stats: LoadStats }
  /** Cannot be measured on this tree yet (an adapter or operation is missing); not a failure. */
  | { status: 'skipped'; reason: string }
  /** The harness could not measure it: the run exits non-zero. */
  | { status: 'failed'; reason: string };

export interface LoadRow {
  scenario: ScenarioId;
  /** What was measured, e.g. `supersend-v2 GET /supersend/v2/labels/{id}`. */
  title: string;
  dialect?: DialectId;
  /** The ceiling phase this row is compared with (GET or POST); none for the proxy rows, which carry `versus`. */
  compareTo?: 'get' | 'post';
  /** Concurrent connections of the load, when not the run's default. */
  connections?: number;
  /** The proxy rows: compared with a baseline measured beside them at the same connections. */
  versus?: Comparison;
  outcome: Outcome;
  /**
   * This row's req/s over each ceiling's (measured rows, once the ceilings are known; node only at
   * the run's connections, where node-ceiling was measured), and for a row with a paired phase its
   * p99 over that phase's (`p99`: 1.2 is 20 % slower at the 99th percentile).
   */
  ratio?: { node?: number; express: number; p99?: number };
  /** Contract findings the gateway logged on stderr while this row ran (should be 0). */
  contractWarnings?: number;
  /** Budgeted rows: express-ceiling for the same method, measured right before this row (its express ratio uses it). */
  paired?: LoadStats;
  /** Ceilings only: the same phase run again after the gateway scenarios. */
  rerun?: LoadStats;
  /** A fact worth printing under the row (time to seed, labels in the tenant, …). */
  note?: string;
}

export interface Comparison {
  /** The baseline row's title. */
  against: string;
  /** This row's req/s over the baseline's. */
  throughput: number;
  /** This row's p50 minus the baseline's, in ms. */
  addedP50Ms: number;
  /** What the comparison checks, where a scenario makes more than one (the faults group). */
  role?: 'reference' | 'armed';
}

export interface ColdStart {
  runsMs: number[];
  medianMs: number;
  /** Each run's first Kirim create, sent once the health check answered: its whole answer. */
  firstCreateMs: number[];
  firstCreateMedianMs: number;
}

export interface MemoryPeaks {
  /** VmHWM of a `--memory` gateway that has answered only its health check, per cold-start run. */
  idleRunsMb: number[];
  /** The largest of those: the idle budget line uses it. */
  idleMb?: number;
  /** Labels in the data folder of the big list gateway. */
  labels?: number;
  /** VmHWM once that gateway has loaded them and answers (before any load). */
  loadedMb?: number;
  /** VmHWM after the list phases ran against it. */
  afterListLoadMb?: number;
}

/** One `label-gateway migrate` run of the migration scenario. */
export interface MigrationRun {
  concurrency: number;
  labels: number;
  outcome: { status: 'measured'; seconds: number; labelsPerSecond: number } | { status: 'failed'; reason: string };
}

export interface MigrationBench {
  source: string;
  target: string;
  labels: number;
  runs: MigrationRun[];
}

export interface BudgetLine {
  label: string;
  /** null: could not be checked (its row was skipped or failed). */
  pass: boolean | null;
  detail: string;
}

export interface BenchReport {
  date: string;
  mode: 'full' | 'quick';
  durationSeconds: number;
  machine: Machine;
  phases: { warmupSeconds: number; seconds: number; connections: number };
  /** Bytes of the fixed body the ceilings answer (the SuperSend v2 get-one answer). */
  ceilingBodyBytes?: number;
  rows: LoadRow[];
  listP99Ratio?: number;
  coldStart?: ColdStart;
  memory: MemoryPeaks;
  /** 9. labels/s of `label-gateway migrate` between two local gateways, per concurrency. */
  migration?: MigrationBench;
  /** 10. The PostgreSQL store beside NeDB, and two gateways on one database. */
  postgres?: PostgresResults;
  /** 11. A create's answer to its event on GET /__admin/events, and to its row on the dashboard. */
  live?: LiveResults;
  budget: BudgetLine[];
  /** Anything that made the harness fail; the run exits 1 when this is not empty. */
  failures: string[];
}
