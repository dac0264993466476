import fs from 'node:fs';
import path from 'node:path';
import { benchDialect } from './dialects';
import { describeAnswer, request } from './http';
import { cpuSecondsOf } from './cpu-time';
import { mean, meanOfPhases, measure, type LoadPhases, type LoadStats, type LoadTarget } from './load';
import type { Comparison, LoadRow } from './model';
import type { ScenarioContext } from './scenarios';
import { kirimGetOneTarget } from './seed';
import { REFERENCE_COMMIT, REFERENCE_DATE, referenceGateway } from './reference-gateway';
import { removeScratchDir, scratchDir, startGatewayProcess, stopServer, type GatewayStart, type ServerProcess } from './servers';

const FAULTS_KEY = 'bench-faults';
/** As many faults as a large suite might arm, none of them matching the measured requests. */
export const ARMED_FAULTS = 100;
/** Each gateway is measured this many times, in turn, so drift over the run falls on all alike. */
const ROUNDS = 3;

/**
 * Faults a suite sharing the gateway would arm, none matching the measured request (this tenant's
 * Kirim getLabel): 40 on that very operation for other tenants, 30 on this tenant's other Kirim
 * operations, 30 on other dialects. The index files faults by dialect, operation and credential, so
 * none of them is walked; what remains is the stage itself, entered because faults are armed.
 */
function nonMatchingFaults(): unknown[] {
  // Not createLabel: the bench creates the measured label through the API.
  const otherOperations = ['listLabels', 'updateLabel', 'deleteLabel'];
  const otherDialects = ['attention-v2', 'supersend-v2', 'jasni'];
  return Array.from({ length: ARMED_FAULTS }, (_, index) => {
    if (index < 40) return { dialect: 'kirim', operation: 'getLabel', credential: `Bearer bench-other-tenant-${index}`, respond: { status: 500 } };
    if (index < 70) return { dialect: 'kirim', operation: otherOperations[index % otherOperations.length], credential: `Bearer ${FAULTS_KEY}`, respond: { status: 500 } };
    return { dialect: otherDialects[index % otherDialects.length], operation: 'getLabel', respond: { status: 500 } };
  });
}

type Side = 'reference' | 'unarmed' | 'armed';

/** One measured phase and the server's CPU over it (warm-up excluded). */
interface Phase {
  stats: LoadStats;
  cpuMicrosPerRequest: number;
}

/** A warm-up, then the measured phase with the server's CPU seconds read from /proc around it. */
async function measureWithCpu(target: LoadTarget, server: ServerProcess, phases: LoadPhases): Promise<Phase> {
  if (phases.warmupSeconds > 0) await measure(target, { ...phases, seconds: phases.warmupSeconds, warmupSeconds: 0 });
  const before = cpuSecondsOf(server.pid);
  const stats = await measure(target, { ...phases, warmupSeconds: 0 });
  const cpuSeconds = cpuSecondsOf(server.pid) - before;
  return { stats, cpuMicrosPerRequest: stats.requests > 0 ? Math.round((cpuSeconds * 1e6) / stats.requests) : 0 };
}

const cpuNote = (phases: Phase[]): string => `server CPU ${Math.round(mean(phases.map((phase) => phase.cpuMicrosPerRequest)))} µs/request`;

/**
 * 8. Faults: Kirim get-one on three gateways side by side, measured in alternation: the reference
 * build (reference-gateway.ts: the code of the README's 2026-11-30 figures, before any test control
 * existed), today's with nothing armed, and today's started with 100 armed faults that never match
 * (`--config` with `faults`). The first pair says whether the unarmed hot path every user runs got
 * slower; the second what armed faults cost.
 */
export async function measureFaultsOverhead(ctx: ScenarioContext): Promise<LoadRow[]> {
  const kirim = benchDialect('kirim');
  const dir = scratchDir('faults');
  const rows: LoadRow[] = [];
  try {
    const config = path.join(dir, 'gateway.json');
    fs.writeFileSync(config, JSON.stringify({ faults: nonMatchingFaults() }));
    ctx.progress('  the reference build (built once, then reused from the temporary folder)');
    const reference = referenceGateway();
    if (reference.status === 'unavailable') {
      rows.push({ scenario: 'faults', title: referenceTitle(), dialect: 'kirim', outcome: { status: 'skipped', reason: reference.reason } });
    }
    const gateways: Array<{ side: Side; start: GatewayStart }> = [
      ...(reference.status === 'ready' ? [{ side: 'reference' as const, start: { name: 'faults-reference', bin: reference.bin, nodeFlags: ctx.gatewayFlags('faults-reference') } }] : []),
      { side: 'unarmed', start: { name: 'faults-unarmed', nodeFlags: ctx.gatewayFlags('faults-unarmed') } },
      { side: 'armed', start: { name: 'faults-armed', serveArgs: ['--config', config], nodeFlags: ctx.gatewayFlags('faults-armed') } },
    ];
    const servers = new Map<Side, ServerProcess>();
    try {
      for (const { side, start } of gateways) servers.set(side, (await startGatewayProcess(start)).server);
      const armedList = await request('GET', `${servers.get('armed')!.url}/__admin/faults`, {});
      const count = (armedList.json as { faults?: unknown[] } | undefined)?.faults?.length;
      if (count !== ARMED_FAULTS) throw new Error(`the armed gateway lists ${count ?? 'no'} faults, not ${ARMED_FAULTS}: ${describeAnswer(armedList)}`);
      const targets = new Map<Side, LoadTarget>();
      for (const [side, server] of servers) targets.set(side, await kirimGetOneTarget(server, FAULTS_KEY));
      const phases = new Map<Side, Phase[]>([...servers.keys()].map((side) => [side, []]));
      const warnings = new Map([...servers].map(([side, server]) => [side, server.contractWarnings()]));
      for (let round = 1; round <= ROUNDS; round++) {
        for (const [side, server] of servers) {
          ctx.progress(`  kirim get-one, ${side}, round ${round} of ${ROUNDS}`);
          phases.get(side)!.push(await measureWithCpu(targets.get(side)!, server, ctx.settings.phases));
        }
      }
      const statsOf = (side: Side) => phases.get(side)!.map((phase) => phase.stats);
      const row = (side: Side, title: string, note: string, versus?: Comparison): LoadRow => ({
        scenario: 'faults',
        title,
        dialect: 'kirim',
        compareTo: 'get',
        outcome: { status: 'measured', stats: meanOfPhases(statsOf(side)) },
        versus,
        contractWarnings: servers.get(side)!.contractWarnings() - warnings.get(side)!,
        note: `${cpuNote(phases.get(side)!)}; ${note}`,
      });
      const unarmedTitle = `kirim GET ${kirim.collection}/{id}, nothing armed`;
      if (servers.has('reference')) {
        rows.push(row('reference', referenceTitle(), `mean of ${ROUNDS} phases, alternating with the two below`));
      }
      rows.push(
        row(
          'unarmed',
          unarmedTitle,
          `mean of ${ROUNDS} phases`,
          servers.has('reference') ? comparison(referenceTitle(), statsOf('reference'), statsOf('unarmed'), 'reference') : undefined,
        ),
      );
      rows.push(
        row(
          'armed',
          `kirim GET ${kirim.collection}/{id}, ${ARMED_FAULTS} armed faults that do not match`,
          '40 on kirim getLabel for other tenants, 30 on other kirim operations, 30 on other dialects',
          comparison(unarmedTitle, statsOf('unarmed'), statsOf('armed'), 'armed'),
        ),
      );
    } finally {
      await Promise.all([...servers.values()].map((server) => stopServer(server)));
    }
  } finally {
    removeScratchDir(dir);
  }
  return rows;
}

const referenceTitle = (): string => `kirim GET /kirim/v1/labels/{id}, reference build ${REFERENCE_COMMIT.slice(0, 7)} (${REFERENCE_DATE})`;

function comparison(against: string, baseline: LoadStats[], row: LoadStats[], role: Comparison['role']): Comparison {
  return {
    against,
    role,
    throughput: Number((mean(row.map((phase) => phase.requestsPerSecond)) / mean(baseline.map((phase) => phase.requestsPerSecond))).toFixed(3)),
    addedP50Ms: Number((mean(row.map((phase) => phase.p50Ms)) - mean(baseline.map((phase) => phase.p50Ms))).toFixed(3)),
  };
}
