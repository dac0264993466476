import { currentAttempt } from './speculation';

/**
 * Concurrent calls for one key share the call under way: a new tenant's (or team's) first burst
 * of writes records it once, not once per request queued behind the engine's write lock.
 *
 * A request on an unconfirmed view (speculation.ts) shares only with others like it: its insert may
 * be refused as stale, which is theirs to handle (they run again), never a caught-up request's.
 */
export class InFlight {
  private readonly running = new Map<string, Promise<void>>();

  run(key: string, work: () => Promise<void>): Promise<void> {
    const shared = currentAttempt() ? `on-view|${key}` : key;
    let call = this.running.get(shared);
    if (!call) {
      call = work().finally(() => this.running.delete(shared));
      this.running.set(shared, call);
    }
    return call;
  }
}
