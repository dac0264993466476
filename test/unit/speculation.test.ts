import { GatewayError } from '../../src/core/errors';
import type { ViewMark } from '../../src/store/engine';
import { InFlight } from '../../src/store/in-flight';
import { currentAttempt, onCurrentView, StaleView } from '../../src/store/speculation';

/**
 * How a request runs on a shared store's view: caught up first, or speculating on the view it holds
 * with its inserts confirming it. The engine here is a stand-in that records what was asked of it;
 * the database's side of the check is proven in test/store/postgres-speculation.test.ts.
 */
function sharedEngine(options: { quiet?: boolean } = {}) {
  const calls: string[] = [];
  const mark: ViewMark = { engine: 'postgres' };
  return {
    calls,
    engine: {
      catchUp: async () => void calls.push('catch up'),
      markView: () => (options.quiet === false ? undefined : (calls.push('mark'), mark)),
    },
  };
}

/** Work that inserts (confirming the attempt, as an engine's insert past its check does) and answers. */
const confirmingWork = (calls: string[], answer = 'created') => async () => {
  const attempt = currentAttempt();
  calls.push(attempt ? 'work on the view held' : 'work on a caught-up view');
  if (attempt) attempt.confirmed = true;
  return answer;
};

describe('running a request on a current view of a shared store', () => {
  it('runs a create once, on the view it holds, when its insert confirms that view: no catch-up', async () => {
    const { engine, calls } = sharedEngine();
    await expect(onCurrentView(engine, confirmingWork(calls), true)).resolves.toBe('created');
    expect(calls).toEqual(['mark', 'work on the view held']);
  });

  it('catches up and runs the work again when its insert finds the view stale', async () => {
    const { engine, calls } = sharedEngine();
    let first = true;
    const work = async () => {
      calls.push(currentAttempt() ? 'work on the view held' : 'work on a caught-up view');
      if (first) {
        first = false;
        throw new StaleView('another gateway wrote');
      }
      return 'created';
    };
    await expect(onCurrentView(engine, work, true)).resolves.toBe('created');
    expect(calls).toEqual(['mark', 'work on the view held', 'catch up', 'work on a caught-up view']);
  });

  it('runs again after a catch-up when the work ended without a confirmed insert, whether it answered or failed', async () => {
    const { engine, calls } = sharedEngine();
    const answersFromTheView = async () => {
      calls.push(currentAttempt() ? 'work on the view held' : 'work on a caught-up view');
      return 'read';
    };
    await expect(onCurrentView(engine, answersFromTheView, true)).resolves.toBe('read');
    expect(calls).toEqual(['mark', 'work on the view held', 'catch up', 'work on a caught-up view']);

    calls.length = 0;
    const failsOnTheView = async () => {
      const attempt = currentAttempt();
      calls.push(attempt ? 'work on the view held' : 'work on a caught-up view');
      if (attempt) throw new GatewayError('validation', 'team_id is required: this organization has 2 teams.');
      return 'created';
    };
    await expect(onCurrentView(engine, failsOnTheView, true)).resolves.toBe('created');
    expect(calls).toEqual(['mark', 'work on the view held', 'catch up', 'work on a caught-up view']);
  });

  it("answers a failure decided past a confirmed insert as it is (a name taken), without running again", async () => {
    const { engine, calls } = sharedEngine();
    const conflict = new GatewayError('conflict', "A label named 'x' already exists in this organization.");
    const work = async () => {
      calls.push('work on the view held');
      currentAttempt()!.confirmed = true;
      throw conflict;
    };
    await expect(onCurrentView(engine, work, true)).rejects.toBe(conflict);
    expect(calls).toEqual(['mark', 'work on the view held']);
  });

  it('passes on a lost database (503) or a bug at once: nothing decided on the view, and a commit may have been under way', async () => {
    for (const failure of [new GatewayError('service_unavailable', 'The database cannot be reached.'), new TypeError('a bug')]) {
      const { engine, calls } = sharedEngine();
      const work = async () => {
        calls.push('work on the view held');
        throw failure;
      };
      await expect(onCurrentView(engine, work, true)).rejects.toBe(failure);
      expect(calls).toEqual(['mark', 'work on the view held']);
    }
  });

  it('catches up first for work that does not speculate, and when the engine declines to mark a view', async () => {
    const { engine, calls } = sharedEngine();
    await onCurrentView(engine, confirmingWork(calls, 'read'), false);
    expect(calls).toEqual(['catch up', 'work on a caught-up view']);

    const declining = sharedEngine({ quiet: false });
    await onCurrentView(declining.engine, confirmingWork(declining.calls), true);
    expect(declining.calls).toEqual(['catch up', 'work on a caught-up view']);
  });

  it('runs the work as it is on a store one process writes to', async () => {
    const calls: string[] = [];
    await expect(onCurrentView({}, confirmingWork(calls), true)).resolves.toBe('created');
    expect(calls).toEqual(['work on a caught-up view']);
  });
});

describe('shared first writes (InFlight) and requests on an unconfirmed view', () => {
  it('never hands a caught-up request the outcome of a write made on an unconfirmed view', async () => {
    const inFlight = new InFlight();
    const { engine } = sharedEngine();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const runs: string[] = [];
    const speculating = onCurrentView(
      engine,
      () =>
        inFlight.run('tenant', async () => {
          runs.push('on the view held');
          await held;
          throw new StaleView('another gateway wrote');
        }),
      true,
    ).catch(() => undefined);
    await Promise.resolve();
    const caughtUp = inFlight.run('tenant', async () => void runs.push('caught up'));
    await expect(caughtUp).resolves.toBeUndefined();
    release();
    await speculating;
    expect(runs.slice(0, 2)).toEqual(['on the view held', 'caught up']);
  });
});
