import fs from 'node:fs';
import path from 'node:path';
import { benchDialect } from './dialects';
import { describeAnswer, request } from './http';
import { measure, type LoadStats, type LoadTarget } from './load';
import type { Comparison, LoadRow, Outcome } from './model';
import type { ScenarioContext } from './scenarios';
import { createViaApi } from './seed';
import { removeScratchDir, scratchDir, withGateway, type ServerProcess } from './servers';

const FAULTS_KEY = 'bench-faults';
/** As many faults as a large suite might arm, none of them matching the measured requests. */
export const ARMED_FAULTS = 100;
/** Each half is measured this many times, alternating, so drift over the run falls on both alike. */
const ROUNDS = 2;

/**
 * The worst case for the fault index: every fault is armed for the very operation measured, so each
 * request walks all of them and compares credentials (a suite's faults, each for its own tenant).
 */
function nonMatchingFaults(): unknown[] {
  return Array.from({ length: ARMED_FAULTS }, (_, index) => ({
    dialect: 'kirim',
    operation: 'getLabel',
    credential: `Bearer bench-other-tenant-${index}`,
    respond: { status: 500 },
  }));
}

const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;

/** The mean of several phases as one: req/s and latencies averaged, counts summed. */
function combined(phases: LoadStats[]): LoadStats {
  const [first] = phases;
  const statuses: Record<string, number> = {};
  for (const phase of phases) for (const [status, count] of Object.entries(phase.statuses)) statuses[status] = (statuses[status] ?? 0) + count;
  return {
    ...first,
    requests: phases.reduce((sum, phase) => sum + phase.requests, 0),
    seconds: phases.reduce((sum, phase) => sum + phase.seconds, 0),
    requestsPerSecond: Math.round(mean(phases.map((phase) => phase.requestsPerSecond))),
    p50Ms: Number(mean(phases.map((phase) => phase.p50Ms)).toFixed(3)),
    p99Ms: Number(mean(phases.map((phase) => phase.p99Ms)).toFixed(3)),
    errors: phases.reduce((sum, phase) => sum + phase.errors, 0),
    non2xx: phases.reduce((sum, phase) => sum + phase.non2xx, 0),
    closedConnections: phases.reduce((sum, phase) => sum + phase.closedConnections, 0),
    statuses,
  };
}

/** A label of the bench's tenant in `server`, and its get-one path. */
async function labelPathIn(server: ServerProcess): Promise<string> {
  const kirim = benchDialect('kirim');
  const created = await createViaApi(server.url, kirim, FAULTS_KEY);
  if (!created.ok) throw new Error(`${server.name}: a Kirim create failed: ${created.reason}`);
  const labelPath = `${kirim.collection}/${created.id}`;
  const probe = await request('GET', server.url + labelPath, kirim.auth(FAULTS_KEY));
  if (probe.status !== 200) throw new Error(`${server.name}: GET of its label answered ${describeAnswer(probe)}`);
  return labelPath;
}

/**
 * 8. Faults: Kirim get-one on a gateway with nothing armed and on one started with 100 armed
 * faults that never match it (`--config` with `faults`), measured in alternation. The unarmed
 * gateway is the hot path every user runs; the armed one shows what the fault stage costs.
 */
export async function measureFaultsOverhead(ctx: ScenarioContext): Promise<LoadRow[]> {
  const kirim = benchDialect('kirim');
  const dir = scratchDir('faults');
  const rows: LoadRow[] = [];
  try {
    const config = path.join(dir, 'gateway.json');
    fs.writeFileSync(config, JSON.stringify({ faults: nonMatchingFaults() }));
    await withGateway({ name: 'faults-unarmed', nodeFlags: ctx.gatewayFlags('faults-unarmed') }, async ({ server: unarmed }) => {
      await withGateway({ name: 'faults-armed', serveArgs: ['--config', config], nodeFlags: ctx.gatewayFlags('faults-armed') }, async ({ server: armed }) => {
        const armedList = await request('GET', `${armed.url}/__admin/faults`, {});
        const count = (armedList.json as { faults?: unknown[] } | undefined)?.faults?.length;
        if (count !== ARMED_FAULTS) throw new Error(`the armed gateway lists ${count ?? 'no'} faults, not ${ARMED_FAULTS}: ${describeAnswer(armedList)}`);
        const targets: Record<'unarmed' | 'armed', LoadTarget> = {
          unarmed: { url: unarmed.url, method: 'GET', path: await labelPathIn(unarmed), headers: kirim.auth(FAULTS_KEY) },
          armed: { url: armed.url, method: 'GET', path: await labelPathIn(armed), headers: kirim.auth(FAULTS_KEY) },
        };
        const phases: Record<'unarmed' | 'armed', LoadStats[]> = { unarmed: [], armed: [] };
        const warnings = { unarmed: unarmed.contractWarnings(), armed: armed.contractWarnings() };
        for (let round = 1; round <= ROUNDS; round++) {
          for (const which of ['unarmed', 'armed'] as const) {
            ctx.progress(`  kirim get-one, ${which}, round ${round} of ${ROUNDS}`);
            phases[which].push(await measure(targets[which], ctx.settings.phases));
          }
        }
        const unarmedTitle = `kirim GET ${kirim.collection}/{id}, nothing armed`;
        const unarmedOutcome: Outcome = { status: 'measured', stats: combined(phases.unarmed) };
        const armedOutcome: Outcome = { status: 'measured', stats: combined(phases.armed) };
        rows.push({
          scenario: 'faults',
          title: unarmedTitle,
          dialect: 'kirim',
          compareTo: 'get',
          outcome: unarmedOutcome,
          contractWarnings: unarmed.contractWarnings() - warnings.unarmed,
          note: `mean of ${ROUNDS} phases, alternating with the armed gateway`,
        });
        rows.push({
          scenario: 'faults',
          title: `kirim GET ${kirim.collection}/{id}, ${ARMED_FAULTS} armed faults that do not match`,
          dialect: 'kirim',
          compareTo: 'get',
          outcome: armedOutcome,
          versus: comparison(unarmedTitle, phases.unarmed, phases.armed),
          contractWarnings: armed.contractWarnings() - warnings.armed,
          note: `every fault on kirim getLabel for another credential: the worst case for the index`,
        });
      });
    });
  } finally {
    removeScratchDir(dir);
  }
  return rows;
}

function comparison(against: string, baseline: LoadStats[], row: LoadStats[]): Comparison {
  return {
    against,
    throughput: Number((mean(row.map((phase) => phase.requestsPerSecond)) / mean(baseline.map((phase) => phase.requestsPerSecond))).toFixed(3)),
    addedP50Ms: Number((mean(row.map((phase) => phase.p50Ms)) - mean(baseline.map((phase) => phase.p50Ms))).toFixed(3)),
  };
}
