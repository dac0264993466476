/**
 * Concurrent calls for one key share the call under way: a new tenant's (or team's) first burst
 * of writes records it once, not once per request queued behind the engine's write lock.
 */
export class InFlight {
  private readonly running = new Map<string, Promise<void>>();

  run(key: string, work: () => Promise<void>): Promise<void> {
    let call = this.running.get(key);
    if (!call) {
      call = work().finally(() => this.running.delete(key));
      this.running.set(key, call);
    }
    return call;
  }
}
