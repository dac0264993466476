import type { DialectId } from '../src/core/dialects';
import { BENCH_DIALECTS, benchDialect, TEAM_ID, uniqueName, type BenchDialect } from './dialects';
import { describeAnswer, request } from './http';
import { latenciesValid, measure, median, type LoadPhases, type LoadTarget } from './load';
import type { ColdStart, LoadRow, MemoryPeaks, Outcome } from './model';
import type { ReferenceServers } from './reference-servers';
import { createViaApi, writeSeededDataFolder, type Created } from './seed';
import { peakRssMb, removeScratchDir, scratchDir, startGatewayProcess, stopServer, withGateway } from './servers';
import type { Settings } from './settings';

export interface ScenarioContext {
  settings: Settings;
  /** A progress line on stderr. */
  progress(message: string): void;
  /** Node flags for a measured gateway (a CPU profile named after it, with --cpu-prof). */
  gatewayFlags(name: string): string[];
  /** The ceilings, once started (the budgeted rows measure express-ceiling right before themselves). */
  reference?: ReferenceServers;
}

/** The dialect whose answers size the ceilings and drive the list scenario (its adapter came first). */
export const REFERENCE_DIALECT: DialectId = 'supersend-v2';

export const GET_ONE_KEY = 'bench-get-one';
export const CREATE_KEY = 'bench-create';
const LIST_KEY = 'bench-list';
const COLD_START_KEY = 'bench-cold-start';
const PAGE = 50;
/** Any id of a label's length, so the ceilings' GET requests have the gateway's size. */
export const CEILING_ID = '00000000-0000-4000-8000-000000000000';

/** Runs one row's measurement; an exception becomes a failed row instead of ending the run. */
export async function attempt(work: () => Promise<Outcome>): Promise<Outcome> {
  try {
    return await work();
  } catch (error) {
    return { status: 'failed', reason: error instanceof Error ? error.message : String(error) };
  }
}

export async function measured(ctx: ScenarioContext, label: string, target: LoadTarget, phases: LoadPhases = ctx.settings.phases): Promise<Outcome> {
  ctx.progress(`  ${label}`);
  return { status: 'measured', stats: await measure(target, phases) };
}

// ── set-up shared by get-one and the ceilings ───────────────────────────────────────────────────

/** One label per dialect in a fresh gateway; a dialect whose create does not work yet is reported. */
export async function seedOnePerDialect(gatewayUrl: string): Promise<Map<DialectId, Created>> {
  const seeded = new Map<DialectId, Created>();
  for (const profile of BENCH_DIALECTS) seeded.set(profile.dialect, await createViaApi(gatewayUrl, profile, GET_ONE_KEY));
  return seeded;
}

export const getOnePath = (profile: BenchDialect, id: string): string => `${profile.collection}/${encodeURIComponent(id)}`;

/** The reference dialect's get-one answer, byte for byte: the body both ceilings answer with. */
export async function ceilingBodyFrom(gatewayUrl: string, seeded: Map<DialectId, Created>): Promise<string> {
  const profile = benchDialect(REFERENCE_DIALECT);
  const label = seeded.get(REFERENCE_DIALECT);
  if (!label?.ok) throw new Error(`cannot size the ceilings: ${REFERENCE_DIALECT} ${label?.ok === false ? label.reason : 'not seeded'}`);
  const answer = await request('GET', gatewayUrl + getOnePath(profile, label.id), profile.auth(GET_ONE_KEY));
  if (answer.status !== 200) throw new Error(`cannot size the ceilings: ${REFERENCE_DIALECT} get-one answered ${describeAnswer(answer)}`);
  return answer.text;
}

// ── ceilings ────────────────────────────────────────────────────────────────────────────────────

interface CeilingPhase {
  title: string;
  compareTo: 'get' | 'post';
  target: LoadTarget;
}

function ceilingPhases(reference: ReferenceServers): CeilingPhase[] {
  const profile = benchDialect(REFERENCE_DIALECT);
  const phases: CeilingPhase[] = [];
  for (const compareTo of ['get', 'post'] as const) {
    for (const [id, server] of Object.entries(reference.servers)) {
      const target: LoadTarget =
        compareTo === 'get'
          ? { url: server.url, method: 'GET', path: `${profile.collection}/${CEILING_ID}`, headers: profile.auth(GET_ONE_KEY) }
          : { url: server.url, method: 'POST', path: profile.collection, headers: profile.auth(CREATE_KEY), body: () => profile.createBody(uniqueName()) };
      phases.push({ title: `${id} ${target.method} (fixed ${reference.bodyBytes}-byte JSON)`, compareTo, target });
    }
  }
  return phases;
}

/** Both ceilings, GET (compared with get-one and list) and POST with a new body each time (with create). */
export async function measureCeilings(ctx: ScenarioContext, reference: ReferenceServers): Promise<LoadRow[]> {
  const rows: LoadRow[] = [];
  const phases = ceilingPhases(reference);
  // The load generator runs in this process and is itself cold at first: warm it against the
  // fastest server before anything is measured.
  ctx.progress('  warming up the load generator');
  await measure(phases[0].target, { ...ctx.settings.phases, warmupSeconds: 0, seconds: 2 });
  for (const { title, compareTo, target } of phases) {
    rows.push({ scenario: 'ceiling', title, compareTo, outcome: await attempt(() => measured(ctx, title, target)) });
  }
  return rows;
}

/**
 * The ceilings once more, after the gateway scenarios: the ratios use the mean of both runs, and
 * the difference between them shows how steady the machine was meanwhile.
 */
export async function remeasureCeilings(ctx: ScenarioContext, reference: ReferenceServers, rows: LoadRow[]): Promise<void> {
  for (const { title, target } of ceilingPhases(reference)) {
    const row = rows.find((candidate) => candidate.scenario === 'ceiling' && candidate.title === title);
    if (row?.outcome.status !== 'measured') continue;
    const again = await attempt(() => measured(ctx, `${title}, again`, target));
    if (again.status === 'measured') row.rerun = again.stats;
  }
}

// ── 2. list (and 7. memory with many labels) ────────────────────────────────────────────────────

export interface ListResults {
  rows: LoadRow[];
  /** p99 with the large tenant over p99 with the small one. */
  p99Ratio?: number;
  memory: Pick<MemoryPeaks, 'labels' | 'loadedMb' | 'afterListLoadMb'>;
}

/**
 * A page of 50 (SuperSend v2) from a tenant of `small` and of `large` labels, each seeded straight
 * into a data folder and served by a gateway started on it. The large one also gives the memory
 * after loading, and one extra row: the last page, which shows what an offset costs.
 */
export async function measureList(ctx: ScenarioContext): Promise<ListResults> {
  const profile = benchDialect(REFERENCE_DIALECT);
  const { small, large } = ctx.settings.listSizes;
  const rows: LoadRow[] = [];
  const memory: ListResults['memory'] = {};
  const p99: number[] = [];
  for (const count of [small, large]) {
    const dir = scratchDir(`list-${count}`);
    const base = `${profile.collection}?team_id=${TEAM_ID}`;
    const title = `${profile.dialect} GET ${profile.collection}?team_id&limit=${PAGE} (${count.toLocaleString('en-US')} labels)`;
    const deepTitle = `${profile.dialect} … &offset=${count - PAGE} (last page, ${count.toLocaleString('en-US')} labels)`;
    let note: string | undefined;
    let contractWarnings: number | undefined;
    const deep: { outcome?: Outcome } = {};
    const outcome = await attempt(async () => {
      const seeding = Date.now();
      writeSeededDataFolder(dir, { credential: LIST_KEY, teamId: TEAM_ID, count });
      const seededMs = Date.now() - seeding;
      const name = `list-${count}`;
      return withGateway({ name, dataDir: dir, nodeFlags: ctx.gatewayFlags(name) }, async ({ server, readyMs }) => {
        const loadedMb = peakRssMb(server.pid);
        const check = await request('GET', `${server.url}${base}&limit=1`, profile.auth(LIST_KEY));
        const total = (check.json as { pagination?: { total?: unknown } } | undefined)?.pagination?.total;
        if (check.status !== 200 || total !== count) {
          throw new Error(`the seeded gateway does not list ${count} labels: ${describeAnswer(check)}`);
        }
        note = `seeded in ${seededMs} ms; gateway ready in ${Math.round(readyMs)} ms`;
        const auth = profile.auth(LIST_KEY);
        const result = await measured(ctx, title, { url: server.url, method: 'GET', path: `${base}&limit=${PAGE}`, headers: auth });
        if (count === large) {
          deep.outcome = await attempt(() =>
            measured(ctx, deepTitle, { url: server.url, method: 'GET', path: `${base}&limit=${PAGE}&offset=${count - PAGE}`, headers: auth }),
          );
          Object.assign(memory, { labels: count, loadedMb, afterListLoadMb: peakRssMb(server.pid) });
        }
        contractWarnings = server.contractWarnings();
        return result;
      });
    });
    removeScratchDir(dir);
    if (outcome.status === 'measured' && latenciesValid(outcome.stats)) p99.push(outcome.stats.p99Ms);
    rows.push({ scenario: 'list', title, dialect: profile.dialect, compareTo: 'get', outcome, contractWarnings, note });
    if (deep.outcome) rows.push({ scenario: 'list', title: deepTitle, dialect: profile.dialect, compareTo: 'get', outcome: deep.outcome, note: 'not budgeted' });
  }
  const p99Ratio = p99.length === 2 && p99[0] > 0 ? Number((p99[1] / p99[0]).toFixed(2)) : undefined;
  return { rows, p99Ratio, memory };
}

// ── 6. cold start (and 7. idle memory) ──────────────────────────────────────────────────────────

/**
 * Spawn → first 200 from GET /__admin/health of a `--memory` gateway, several times; its idle peak
 * RSS each time (read before anything else is asked of it); then how long its first Kirim create
 * takes (a bundled spec's validators compile on their first call, so the first request of an
 * operation carries that).
 */
export async function measureColdStart(ctx: ScenarioContext): Promise<{ coldStart: ColdStart; idleRunsMb: number[] }> {
  const runsMs: number[] = [];
  const firstCreateMs: number[] = [];
  const idleRunsMb: number[] = [];
  const kirim = benchDialect('kirim');
  for (let run = 1; run <= ctx.settings.coldStartRuns; run++) {
    const { server, readyMs } = await startGatewayProcess({ name: `cold-start-${run}` });
    try {
      idleRunsMb.push(Number(peakRssMb(server.pid).toFixed(1)));
      runsMs.push(Math.round(readyMs));
      const sentAt = performance.now();
      const created = await request('POST', server.url + kirim.collection, kirim.auth(COLD_START_KEY), kirim.createBody(uniqueName()));
      if (created.status !== 201) throw new Error(`the first create after a cold start answered ${describeAnswer(created)}`);
      firstCreateMs.push(Number((performance.now() - sentAt).toFixed(1)));
    } finally {
      await stopServer(server);
    }
  }
  ctx.progress(`  cold start: ${runsMs.join(', ')} ms; first create ${firstCreateMs.join(', ')} ms`);
  return { coldStart: { runsMs, medianMs: median(runsMs), firstCreateMs, firstCreateMedianMs: median(firstCreateMs) }, idleRunsMb };
}
