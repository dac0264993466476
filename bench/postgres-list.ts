import { Pool } from 'pg';
import { upgradeSchema } from '../src/store/postgres/schema-migrations';
import { benchDialect, TEAM_ID } from './dialects';
import { describeAnswer, request } from './http';
import { latenciesValid, measure } from './load';
import type { LoadRow } from './model';
import type { BenchPostgres } from './postgres-server';
import type { ScenarioContext } from './scenarios';
import { seededRecords } from './seed';
import { startGatewayProcess, stopServer } from './servers';

const LIST_KEY = 'bench-postgres-list';
const PAGE = 50;
/** Rows inserted per statement when seeding a tenant straight into the database. */
const SEED_CHUNK = 5_000;

/** A SuperSend v2 page of 50 from a tenant seeded straight into its own database. */
export async function listRows(ctx: ScenarioContext, postgres: BenchPostgres): Promise<{ rows: LoadRow[]; p99Ratio?: number }> {
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
