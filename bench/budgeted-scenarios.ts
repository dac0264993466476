import type { DialectId } from '../src/core/dialects';
import { BENCH_DIALECTS, uniqueName } from './dialects';
import { describeAnswer, request } from './http';
import { measure, type LoadPhases, type LoadStats, type LoadTarget } from './load';
import type { LoadRow, Outcome } from './model';
import { attempt, CREATE_KEY, GET_ONE_KEY, getOnePath, measured, type ScenarioContext } from './scenarios';
import { createViaApi, type Created } from './seed';
import { withGateway, type ServerProcess } from './servers';

/**
 * Scenarios 1 (get-one) and 3 (create), whose rows the budget judges against express-ceiling: each
 * at the run's connections (10), then at `heavyPhases` (32 connections, a shorter phase), each row
 * right after express-ceiling sent the same requests at the same connections.
 */

/**
 * A budgeted row: express-ceiling, sent the same requests at the same connections, is measured right
 * before it, and the row's express ratios (req/s and p99) use that phase. On a shared machine
 * throughput drifts by tens of per cent over a run; a ceiling a few seconds away drifts far less than
 * one measured minutes earlier.
 */
async function measuredWithPairedCeiling(
  ctx: ScenarioContext,
  label: string,
  target: LoadTarget,
  phases: LoadPhases,
): Promise<{ outcome: Outcome; paired?: LoadStats }> {
  let paired: LoadStats | undefined;
  if (ctx.reference) {
    const ceiling = ctx.reference.servers['express-ceiling'];
    ctx.progress(`  express-ceiling ${target.method}, ${phases.connections} connections, paired with the next row`);
    paired = await measure({ ...target, url: ceiling.url }, phases);
  }
  return { outcome: await measured(ctx, label, target, phases), paired };
}

/** The run's phases, then the heavier ones; the row of the heavier ones names its connections. */
function loads(ctx: ScenarioContext): Array<{ phases: LoadPhases; connections?: number; suffix: string }> {
  const { phases, heavyPhases } = ctx.settings;
  return [
    { phases, suffix: '' },
    { phases: heavyPhases, connections: heavyPhases.connections, suffix: `, ${heavyPhases.connections} connections` },
  ];
}

// ── 1. get-one ──────────────────────────────────────────────────────────────────────────────────

export async function measureGetOne(ctx: ScenarioContext, gateway: ServerProcess, seeded: Map<DialectId, Created>): Promise<LoadRow[]> {
  const rows: LoadRow[] = [];
  for (const profile of BENCH_DIALECTS) {
    const label = seeded.get(profile.dialect);
    let skipped: Outcome | undefined;
    if (!label?.ok) skipped = { status: 'skipped', reason: `${profile.dialect} adapter not usable yet: ${label?.reason ?? 'not seeded'}` };
    for (const { phases, connections, suffix } of loads(ctx)) {
      const title = `${profile.dialect} GET ${profile.collection}/{id}${suffix}`;
      const warningsBefore = gateway.contractWarnings();
      let paired: LoadStats | undefined;
      const outcome =
        skipped ??
        (await attempt(async (): Promise<Outcome> => {
          const labelPath = getOnePath(profile, (label as { id: string }).id);
          const probe = await request('GET', gateway.url + labelPath, profile.auth(GET_ONE_KEY));
          if (probe.status === 405) {
            return { status: 'skipped', reason: `${profile.dialect} has no get-one operation (GET answered ${describeAnswer(probe)})` };
          }
          if (probe.status !== 200) return { status: 'skipped', reason: `GET of a label it just created answered ${describeAnswer(probe)}` };
          const target: LoadTarget = { url: gateway.url, method: 'GET', path: labelPath, headers: profile.auth(GET_ONE_KEY) };
          const result = await measuredWithPairedCeiling(ctx, title, target, phases);
          paired = result.paired;
          return result.outcome;
        }));
      if (outcome.status === 'skipped') skipped = outcome;
      rows.push({ scenario: 'get-one', title, dialect: profile.dialect, compareTo: 'get', connections, outcome, paired, contractWarnings: gateway.contractWarnings() - warningsBefore });
    }
  }
  return rows;
}

// ── 3. create ───────────────────────────────────────────────────────────────────────────────────

/**
 * Every dialect in a gateway of its own (so each starts from the same empty store), a new name per
 * request; the heavier phase follows in the same gateway, on the labels the first one made.
 */
export async function measureCreate(ctx: ScenarioContext): Promise<LoadRow[]> {
  const rows: LoadRow[] = [];
  for (const profile of BENCH_DIALECTS) {
    const name = `create-${profile.dialect}`;
    const dialectRows: LoadRow[] = loads(ctx).map(({ connections, suffix }) => ({
      scenario: 'create',
      title: `${profile.dialect} POST ${profile.collection} (new name each)${suffix}`,
      dialect: profile.dialect,
      compareTo: 'post',
      connections,
      outcome: { status: 'skipped', reason: 'not reached' },
    }));
    let reached = false;
    const outcome = await attempt(() =>
      withGateway({ name, nodeFlags: ctx.gatewayFlags(name) }, async ({ server }): Promise<Outcome> => {
        const probe = await createViaApi(server.url, profile, CREATE_KEY);
        if (!probe.ok) return { status: 'skipped', reason: `${profile.dialect} adapter not usable yet: ${probe.reason}` };
        const target: LoadTarget = {
          url: server.url,
          method: 'POST',
          path: profile.collection,
          headers: profile.auth(CREATE_KEY),
          body: () => profile.createBody(uniqueName()),
        };
        reached = true;
        for (const [index, { phases }] of loads(ctx).entries()) {
          const row = dialectRows[index];
          const warningsBefore = server.contractWarnings();
          const result = await attempt(async () => {
            const measuredRow = await measuredWithPairedCeiling(ctx, row.title, target, phases);
            row.paired = measuredRow.paired;
            return measuredRow.outcome;
          });
          row.outcome = result;
          row.contractWarnings = server.contractWarnings() - warningsBefore;
        }
        return dialectRows[0].outcome;
      }),
    );
    // A gateway that could not start, or a dialect that cannot create yet: every row of it says so.
    if (!reached) for (const row of dialectRows) row.outcome = outcome;
    rows.push(...dialectRows);
  }
  return rows;
}
