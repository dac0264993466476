import fs from 'node:fs';
import path from 'node:path';
import type { ContractViolation } from '../http/response-contract';
import { fieldNameIn } from '../proxy/translation/lost-fields';
import { IN_TARGET, type Checkpoint } from './checkpoint';
import { shown, type IdMapFeed } from './id-map-feed';
import type { Peer } from './peer';
import type { PlannedLabel } from './plan';
import { describeDifference } from './run';

export interface EndReport {
  dialect: string;
  upstream: string;
  params: Record<string, string>;
}

export interface PlanCounts {
  labels: number;
  alreadyMigrated: number;
  create: number;
  adopt: number;
  conflicts: number;
  overwrite: number;
  collisions: number;
}

export interface OutcomeCounts {
  alreadyMigrated: number;
  created: number;
  adopted: number;
  overwritten: number;
  conflicts: number;
  refused: number;
  failed: number;
  /** Interrupted before they were tried. */
  notStarted: number;
}

/** `--report FILE` and the final summary: what was planned, what happened, what was lost. Never a credential. */
export interface MigrationReport {
  source: EndReport;
  target: EndReport;
  dryRun: boolean;
  startedAt: string;
  finishedAt: string;
  seconds: number;
  /** Labels settled in the target by this run over the time the writes took. */
  labelsPerSecond?: number;
  /** Every label of the source is in the target. */
  complete: boolean;
  /** Stopped by a signal before every label was settled (rerun to resume)… */
  interrupted: boolean;
  /** …this one. */
  signal?: string;
  plan: PlanCounts;
  outcome?: OutcomeCounts;
  conflicts: Array<{ sourceId: string; name: string; targetId: string; differences: string[] }>;
  refused: Array<{ sourceId: string; name: string; status?: number; reason: string }>;
  failed: Array<{ sourceId: string; name: string; reason: string }>;
  /** Labels losing each field, by the field's name in the source dialect. */
  lostFields: Record<string, number>;
  lostByLabel: Array<{ sourceId: string; name: string; fields: string[] }>;
  colorsMapped: Array<{ from: string; to: string; labels: number }>;
  idMap: { pairs: number; stateFile: string; dataDir?: string; scope?: string; skipped?: string; clashes: number };
  contractFindings: { source: { count: number; first: ContractViolation[] }; target: { count: number; first: ContractViolation[] } };
  /** Source id → target id of every label of this source in the target. */
  ids: Record<string, string>;
}

export function countPlan(plan: readonly PlannedLabel[]): PlanCounts {
  const counts: PlanCounts = { labels: plan.length, alreadyMigrated: 0, create: 0, adopt: 0, conflicts: 0, overwrite: 0, collisions: 0 };
  for (const { action } of plan) {
    if (action.kind === 'done') counts.alreadyMigrated++;
    else if (action.kind === 'conflict') counts.conflicts++;
    else if (action.kind === 'collision') counts.collisions++;
    else counts[action.kind]++;
  }
  return counts;
}

export interface ReportInput {
  plan: readonly PlannedLabel[];
  source: Peer;
  target: Peer;
  checkpoint?: Checkpoint;
  feed?: IdMapFeed;
  dataDir?: string;
  dryRun: boolean;
  /** The signal that stopped the run early, if one did. */
  interruptedBy?: string;
  startedAt: number;
  writesStartedAt?: number;
}

export function buildReport(input: ReportInput): MigrationReport {
  const { plan, checkpoint } = input;
  const finished = Date.now();
  const end = (peer: Peer): EndReport => ({ dialect: peer.settings.dialect, upstream: peer.settings.upstream, params: peer.settings.params });
  const report: MigrationReport = {
    source: end(input.source),
    target: end(input.target),
    dryRun: input.dryRun,
    startedAt: new Date(input.startedAt).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    seconds: round((finished - input.startedAt) / 1000),
    complete: false,
    interrupted: input.interruptedBy !== undefined,
    ...(input.interruptedBy === undefined ? {} : { signal: input.interruptedBy }),
    plan: countPlan(plan),
    conflicts: [],
    refused: [],
    failed: [],
    lostFields: {},
    lostByLabel: [],
    colorsMapped: [],
    idMap: { pairs: 0, stateFile: input.checkpoint?.file ?? '', dataDir: input.dataDir === undefined ? undefined : shown(input.dataDir), scope: input.feed?.scope, skipped: input.feed?.skipped, clashes: input.feed?.clashes ?? 0 },
    contractFindings: { source: input.source.contractFindings(), target: input.target.contractFindings() },
    ids: {},
  };
  addLossesAndColors(report, plan, input.source.settings.dialect);
  if (input.dryRun || !checkpoint) {
    addPlannedTroubles(report, plan);
    report.complete = plan.every(({ action }) => action.kind === 'done' || action.kind === 'adopt');
    return report;
  }
  const outcome: OutcomeCounts = { alreadyMigrated: 0, created: 0, adopted: 0, overwritten: 0, conflicts: 0, refused: 0, failed: 0, notStarted: 0 };
  for (const { source, action } of plan) {
    const record = checkpoint.recordOf(source.id);
    if (record && IN_TARGET.has(record.outcome) && 'targetId' in record) report.ids[source.id] = record.targetId;
    if (action.kind === 'done') outcome.alreadyMigrated++;
    else if (!record || !checkpoint.recordedThisRun(source.id)) outcome.notStarted++;
    else if (record.outcome === 'conflict') {
      outcome.conflicts++;
      report.conflicts.push({ sourceId: source.id, name: record.name, targetId: record.targetId, differences: record.differences });
    } else if (record.outcome === 'refused') {
      outcome.refused++;
      report.refused.push({ sourceId: source.id, name: record.name, ...(record.status === undefined ? {} : { status: record.status }), reason: record.reason });
    } else if (record.outcome === 'failed') {
      outcome.failed++;
      report.failed.push({ sourceId: source.id, name: record.name, reason: record.reason });
    } else outcome[record.outcome]++;
  }
  report.outcome = outcome;
  report.idMap.pairs = Object.keys(report.ids).length;
  report.complete = report.idMap.pairs === plan.length;
  const written = outcome.created + outcome.adopted + outcome.overwritten;
  if (input.writesStartedAt !== undefined && written > 0) report.labelsPerSecond = round(written / Math.max(0.001, (finished - input.writesStartedAt) / 1000));
  return report;
}

/** A dry run's conflicts and collisions, from the plan alone. */
function addPlannedTroubles(report: MigrationReport, plan: readonly PlannedLabel[]): void {
  for (const { source, action } of plan) {
    if (action.kind === 'conflict') report.conflicts.push({ sourceId: source.id, name: source.name, targetId: action.targetId, differences: action.differences.map(describeDifference) });
    if (action.kind === 'collision') {
      report.refused.push({ sourceId: source.id, name: source.name, reason: `another label of the source (${action.withSourceId}) has the same name ("${action.name}") in the target's scope` });
    }
  }
}

function addLossesAndColors(report: MigrationReport, plan: readonly PlannedLabel[], sourceDialect: Parameters<typeof fieldNameIn>[0]): void {
  const colors = new Map<string, { from: string; to: string; labels: number }>();
  for (const { source, lost, colorMapped } of plan) {
    if (lost.length > 0) {
      const fields = lost.map((field) => fieldNameIn(sourceDialect, field));
      for (const field of fields) report.lostFields[field] = (report.lostFields[field] ?? 0) + 1;
      report.lostByLabel.push({ sourceId: source.id, name: source.name, fields });
    }
    if (colorMapped) {
      const key = `${colorMapped.from}\u0000${colorMapped.to}`;
      const entry = colors.get(key) ?? { ...colorMapped, labels: 0 };
      entry.labels++;
      colors.set(key, entry);
    }
  }
  report.colorsMapped = [...colors.values()].sort((a, b) => b.labels - a.labels);
}

/** Writes the report atomically (temporary file, then rename). */
export function writeReport(file: string, report: MigrationReport): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(temporary, `${JSON.stringify(report, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
}

const round = (value: number): number => Math.round(value * 10) / 10;
