import { AsyncLocalStorage } from 'node:async_hooks';
import { isGatewayError } from '../core/errors';
import type { StoreEngine, ViewMark } from './engine';

/**
 * A write the database refused to confirm: it was made on a view of the state that lacks a write
 * another process made (or it is a kind of write that is never made on an unconfirmed view). The
 * request is run again once the view has caught up; nothing was written.
 */
export class StaleView extends Error {
  override name = 'StaleView';
}

/** A request running on the view it found, whose inserts the database confirms (or refuses). */
export interface Attempt {
  readonly mark: ViewMark;
  /** Set once an insert of the attempt passed the database's check: the view was current then. */
  confirmed: boolean;
}

const attempts = new AsyncLocalStorage<Attempt>();

/** The attempt the caller runs in, if any: engines guard its inserts and refuse its other writes. */
export const currentAttempt = (): Attempt | undefined => attempts.getStore();

type SharedEngine = Pick<StoreEngine, 'catchUp' | 'markView'>;

/**
 * Runs `work` on a view that holds every write acknowledged anywhere before the call.
 *
 * On an engine one process writes to, the view always does: `work` runs as it is. On a shared one
 * the view is first caught up with the others' writes: one round trip to the database before the
 * work, and a second for its write. With `speculate` (creates: their answer rests on what they
 * insert), the work instead runs at once on the view this process holds, and each insert it makes
 * carries a check that the database holds no write from elsewhere past that view; the first insert
 * that passes confirms the view as current at that moment, so the work's outcome stands as if it had
 * caught up first. Should the check fail (another process wrote meanwhile), or the work end without
 * a confirmed insert (an error decided on the view alone), or try a write that is not an insert, it
 * has written nothing unconfirmed: the view catches up and the work runs again, the usual way.
 *
 * While other processes write, an attempt would mostly be run twice: the engine then declines to
 * mark a view (`markView` answers undefined) and every request catches up first.
 */
export async function onCurrentView<T>(engine: SharedEngine, work: () => Promise<T>, speculate: boolean): Promise<T> {
  if (!engine.catchUp) return work();
  const mark = speculate ? engine.markView?.() : undefined;
  if (mark) {
    const attempt: Attempt = { mark, confirmed: false };
    try {
      const outcome = await attempts.run(attempt, work);
      if (attempt.confirmed) return outcome;
    } catch (error) {
      if (attempt.confirmed && !(error instanceof StaleView)) throw error;
      // Not decided on the view (the database lost, perhaps with an insert's commit under way; a
      // bug): answered as it is, as it would have been after a catch-up.
      if (!(error instanceof StaleView) && !(isGatewayError(error) && error.kind !== 'service_unavailable')) throw error;
    }
  }
  await engine.catchUp();
  return work();
}
