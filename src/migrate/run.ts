import pLimit from 'p-limit';
import type { Label } from '../core/label';
import type { Checkpoint, LabelRecord } from './checkpoint';
import type { IdMapFeed } from './id-map-feed';
import type { Peer } from './peer';
import type { Difference, PlannedLabel } from './plan';
import type { Progress, ProgressCounts } from './progress';
import { classifyWriteFailure } from './write-failure';

export interface RunInput {
  /** The labels to settle (not those done by an earlier run). */
  work: PlannedLabel[];
  target: Peer;
  checkpoint: Checkpoint;
  feed: IdMapFeed;
  concurrency: number;
  progress: Progress;
  /** True once SIGINT asked to stop: nothing new starts, labels in flight finish. */
  stopRequested(): boolean;
  /** Lists the target again and plans these labels anew (after creates whose answers were lost). */
  replan(labels: Label[]): Promise<PlannedLabel[]>;
  /** Passes over the labels that may go again, the first one included. */
  maxRounds: number;
  /** Pause before each further pass. */
  roundPauseMs: number;
}

export interface RunResult {
  /** Stopped by SIGINT before every label was settled. */
  interrupted: boolean;
  rounds: number;
}

/**
 * Writes the plan to the target, `concurrency` labels at a time (p-limit). Each label's outcome is
 * checkpointed (and its id pair fed to the id map) before its slot is free again. Creates that may
 * or may not have happened are not sent again blindly: the next pass lists the target and adopts
 * what is there, so every label lands exactly once.
 */
export async function runPlan(input: RunInput): Promise<RunResult> {
  const counts: ProgressCounts = { created: 0, adopted: 0, overwritten: 0, refused: 0, conflicts: 0, failed: 0 };
  let settled = 0;
  /** Labels being written to the target (in settle), not yet recorded. */
  let underWay = 0;
  let fatal: unknown;
  let items = input.work;
  let round = 0;
  while (items.length > 0) {
    round++;
    const lastRound = round >= input.maxRounds;
    const again: PlannedLabel[] = [];
    const limit = pLimit(input.concurrency);
    await Promise.all(
      items.map((item) =>
        limit(async () => {
          if (fatal !== undefined || input.stopRequested()) return;
          try {
            underWay++;
            const { record, retry } = await settle(item, input.target).finally(() => underWay--);
            // Labels still under way will be recorded soon: their records may share this one's write.
            await input.checkpoint.record(item.source.id, record, new Date().toISOString(), { moreComing: underWay > 0 });
            if ('targetId' in record && record.outcome !== 'conflict') await input.feed.pair(item.source.id, record.targetId);
            if (retry && !lastRound) {
              again.push(item);
              return;
            }
            countOutcome(counts, record);
            input.progress.update(++settled, counts);
          } catch (error) {
            fatal ??= error;
          }
        }),
      ),
    );
    if (fatal !== undefined) throw fatal;
    if (input.stopRequested()) return { interrupted: true, rounds: round };
    if (again.length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, input.roundPauseMs * round));
    items = await input.replan(again.map((item) => item.source));
  }
  return { interrupted: false, rounds: round };
}

async function settle(item: PlannedLabel, target: Peer): Promise<{ record: LabelRecord; retry?: boolean }> {
  const name = item.source.name;
  const { action } = item;
  switch (action.kind) {
    case 'done':
    case 'adopt':
      return { record: { outcome: 'adopted', name, targetId: action.targetId } };
    case 'conflict':
      return { record: { outcome: 'conflict', name, targetId: action.targetId, differences: action.differences.map(describeDifference) } };
    case 'collision':
      return {
        record: { outcome: 'refused', name, reason: `another label of the source (${action.withSourceId}) has the same name ("${action.name}") in the target's scope` },
      };
    case 'create':
    case 'overwrite': {
      const exchange = target.exchange();
      try {
        const written =
          action.kind === 'create'
            ? await target.client.create(exchange.send, item.write, target.context)
            : await target.client.update(exchange.send, action.targetId, action.changes, target.context);
        return { record: { outcome: action.kind === 'create' ? 'created' : 'overwritten', name, targetId: written.id } };
      } catch (error) {
        const failure = classifyWriteFailure(error, exchange.lastStatus());
        const reason = target.redact(failure.reason);
        if (failure.kind === 'refused') return { record: { outcome: 'refused', name, status: failure.status, reason } };
        return { record: { outcome: 'failed', name, reason }, retry: true };
      }
    }
  }
}

function countOutcome(counts: ProgressCounts, record: LabelRecord): void {
  if (record.outcome === 'conflict') counts.conflicts++;
  else counts[record.outcome]++;
}

/** `color: #ef4444 in the source, #22c55e in the target` */
export function describeDifference(difference: Difference): string {
  const show = (value: unknown) => (value === null || value === undefined || value === '' ? '(none)' : typeof value === 'string' ? value : JSON.stringify(value));
  return `${difference.field}: ${show(difference.source)} in the source, ${show(difference.target)} in the target`;
}
