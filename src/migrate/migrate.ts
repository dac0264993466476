import type { Label } from '../core/label';
import { Checkpoint, type EndIdentity } from './checkpoint';
import { confirm } from './confirm';
import { contractRoutes } from './contract-routes';
import { MigrationInputError } from './errors';
import { openIdMapFeed } from './id-map-feed';
import { listEnd } from './list-end';
import { authorizationFrom, Peer } from './peer';
import { planMigration, type PlannedLabel } from './plan';
import { startProgress, type Progress, type ProgressStream } from './progress';
import { buildReport, countPlan, writeReport, type MigrationReport } from './report';
import { renderPlan, renderSummary } from './report-text';
import type { BackoffTiming } from './retry-policy';
import { runPlan } from './run';
import type { MigrationSettings } from './settings';

/** Where a migration talks to its user; the command line passes the process's own. */
export interface MigrationIo {
  env: NodeJS.ProcessEnv;
  stdout: ProgressStream;
  stderr: ProgressStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Calls `handler` on SIGINT (or SIGTERM) until the returned function is called. */
  onInterrupt(handler: (signal: string) => void): () => void;
}

/** Timings a test or a bench may shorten; the defaults suit real APIs. */
export interface MigrationTuning {
  backoff?: BackoffTiming;
  /** Pause before each further pass over creates whose answers were lost (× the pass number). */
  roundPauseMs?: number;
}

export interface MigrationResult {
  exitCode: number;
  report?: MigrationReport;
}

/** Passes over labels that may go again (creates whose answers were lost, rate limits past every attempt). */
const MAX_ROUNDS = 4;

/**
 * `label-gateway migrate`: list both ends, plan, confirm, then write label by label with a
 * checkpoint after each; bad input throws MigrationInputError before anything reaches the target.
 */
export async function runMigration(settings: MigrationSettings, io: MigrationIo, tuning: MigrationTuning = {}): Promise<MigrationResult> {
  const startedAt = Date.now();
  const sourceAuthorization = authorizationFrom(settings.from, 'source', io.env);
  const targetAuthorization = authorizationFrom(settings.to, 'target', io.env);
  const toStderr = (line: string): void => void io.stderr.write(`${line}\n`);
  let notice: (line: string) => void = toStderr;
  const peerOptions = {
    timeoutMs: settings.timeoutMs,
    maxAttempts: settings.maxAttempts,
    routes: await contractRoutes(),
    backoff: tuning.backoff,
    onWait: (peer: Peer, status: number, waitMs: number) =>
      notice(`migrate: the ${peer.role} answered ${status}; every request waits ${(waitMs / 1000).toFixed(1)} s, as its Retry-After asks`),
  };
  const source = new Peer('source', settings.from, sourceAuthorization, peerOptions);
  const target = new Peer('target', settings.to, targetAuthorization, peerOptions);
  const checkpoint = Checkpoint.open(settings.statePath, { source: identityOf(source), target: identityOf(target) }, new Date().toISOString());

  const sourceLabels = await listEnd(source);
  const plan = (targetLabels: readonly Label[]): PlannedLabel[] =>
    planMigration({
      sourceLabels,
      targetLabels,
      source: source.client,
      target: target.client,
      targetContext: target.context,
      recorded: checkpoint.recordedPairs(),
      overwrite: settings.overwrite,
    });
  const planned = plan(await listEnd(target));
  const planReport = buildReport({ plan: planned, source, target, dryRun: true, startedAt, dataDir: settings.dataDir });
  io.stdout.write(renderPlan(planReport));
  if (settings.dryRun) {
    if (settings.reportPath) writeReport(settings.reportPath, planReport);
    io.stdout.write('Dry run: nothing was written.\n');
    return { exitCode: 0, report: planReport };
  }

  const counts = countPlan(planned);
  const writes = counts.create + counts.overwrite;
  if (writes > 0 && !settings.yes && io.stdin.isTTY && io.stdout.isTTY) {
    const question = `Write ${writes} label(s) to ${target.describe()}?`;
    if (!(await confirm(question, io.stdin, io.stdout))) {
      io.stdout.write('Cancelled: nothing was written.\n');
      return { exitCode: 1, report: planReport };
    }
  }

  const feed = await openIdMapFeed(settings.dataDir, { source: settings.from.dialect, target: settings.to.dialect, targetUpstream: settings.to.upstream });
  let progress: Progress | undefined;
  let stopping = false;
  let interruptedBy = 'SIGINT';
  const stopListening = io.onInterrupt((signal) => {
    if (stopping) return;
    stopping = true;
    interruptedBy = signal;
    notice(`migrate: ${signal} received: finishing the labels in flight, then stopping (the state file keeps the progress)`);
  });
  let interrupted = false;
  const writesStartedAt = Date.now();
  try {
    try {
      await checkpoint.flush();
    } catch (error) {
      throw new MigrationInputError(`cannot write the state file ${settings.statePath}: ${(error as Error).message}`);
    }
    // Pairs recorded by an earlier run reach the id map too (that run may have been killed before they did).
    for (const { source: label, action } of planned) if (action.kind === 'done') await feed.pair(label.id, action.targetId);
    const work = planned.filter(({ action }) => action.kind !== 'done');
    progress = startProgress(work.length, io.stderr);
    const shown = progress;
    notice = (line) => shown.notice(line);
    const result = await runPlan({
      work,
      target,
      checkpoint,
      feed,
      concurrency: settings.concurrency,
      progress,
      stopRequested: () => stopping,
      maxRounds: MAX_ROUNDS,
      roundPauseMs: tuning.roundPauseMs ?? 1000,
      replan: async (labels) => {
        const again = new Set(labels.map((label) => label.id));
        try {
          return plan(await listEnd(target)).filter((item) => again.has(item.source.id));
        } catch (error) {
          notice(`migrate: could not list the target again (${(error as Error).message}); ${labels.length} label(s) stay failed`);
          return [];
        }
      },
    });
    interrupted = result.interrupted;
  } finally {
    progress?.stop();
    notice = toStderr;
    stopListening();
    await checkpoint.flush().catch(() => {});
    await feed.close();
  }
  const report = buildReport({ plan: planned, source, target, checkpoint, feed, dataDir: settings.dataDir, dryRun: false, interruptedBy: interrupted ? interruptedBy : undefined, startedAt, writesStartedAt });
  if (settings.reportPath) writeReport(settings.reportPath, report);
  io.stdout.write(renderSummary(report));
  return { exitCode: interrupted ? 130 : report.complete ? 0 : 1, report };
}

function identityOf(peer: Peer): EndIdentity {
  return { dialect: peer.settings.dialect, upstream: peer.settings.upstream, params: peer.settings.params, account: peer.account };
}
