import type { MigrationReport } from './report';

const SHOWN = 10;

/** The plan, as printed by --dry-run and at the start of a real run. */
export function renderPlan(report: MigrationReport): string {
  const { plan } = report;
  const lines = [`Plan: ${ends(report)}`, `  ${plan.labels} label(s) in the source`];
  if (plan.alreadyMigrated > 0) lines.push(`  ${pad(plan.alreadyMigrated)} already migrated (recorded in the state file, still in the target)`);
  lines.push(`  ${pad(plan.create)} to create`);
  lines.push(`  ${pad(plan.adopt)} already in the target (same name, same scope): adopted, not duplicated`);
  lines.push(`  ${pad(plan.conflicts)} in conflict (same name, different colour or description): left alone${plan.conflicts > 0 ? '; --overwrite updates them' : ''}`);
  if (plan.overwrite > 0) lines.push(`  ${pad(plan.overwrite)} in conflict, to overwrite (--overwrite)`);
  if (plan.collisions > 0) lines.push(`  ${pad(plan.collisions)} that would take another source label's name in the target: not written`);
  lines.push(...listed('conflicts', report.conflicts.map((c) => `${quote(c.name)} (${c.sourceId}): ${c.differences.join('; ')}`)));
  lines.push(...listed('not written', report.refused.map((r) => `${quote(r.name)} (${r.sourceId}): ${r.reason}`)));
  lines.push(...losses(report));
  return `${lines.join('\n')}\n`;
}

/** The final summary of a real run. */
export function renderSummary(report: MigrationReport): string {
  const outcome = report.outcome;
  if (!outcome) return renderPlan(report);
  const rate = report.labelsPerSecond === undefined ? '' : `, ${report.labelsPerSecond} labels/s`;
  const lines = [`${report.interrupted ? 'Interrupted' : 'Finished'} after ${report.seconds.toFixed(1)} s${rate}: ${ends(report)}`];
  lines.push(
    `  created ${outcome.created}, adopted ${outcome.adopted}, overwritten ${outcome.overwritten}, already migrated ${outcome.alreadyMigrated}` +
      (outcome.notStarted > 0 ? `, not started ${outcome.notStarted}` : ''),
  );
  lines.push(`  conflicts ${outcome.conflicts}${outcome.conflicts > 0 ? ' (left alone; rerun with --overwrite to make the target match the source)' : ''}`);
  lines.push(...listed('', report.conflicts.map((c) => `${quote(c.name)} (${c.sourceId} → ${c.targetId}): ${c.differences.join('; ')}`)));
  lines.push(`  refused ${outcome.refused}`);
  lines.push(...listed('', report.refused.map((r) => `${quote(r.name)} (${r.sourceId})${r.status === undefined ? '' : ` ${r.status}`}: ${r.reason}`)));
  lines.push(`  failed ${outcome.failed}${outcome.failed > 0 ? ' (not written for now; rerun to try again)' : ''}`);
  lines.push(...listed('', report.failed.map((f) => `${quote(f.name)} (${f.sourceId}): ${f.reason}`)));
  lines.push(...losses(report));
  lines.push(`  id map: ${report.idMap.pairs} pair(s) in ${report.idMap.stateFile}${idMapStore(report)}`);
  for (const end of ['source', 'target'] as const) {
    const findings = report.contractFindings[end];
    if (findings.count > 0) lines.push(`  the ${end}'s answers broke its spec ${findings.count} time(s), e.g. ${findings.first[0]?.path ?? ''} ${findings.first[0]?.message ?? ''}`);
  }
  const missing = report.plan.labels - report.idMap.pairs;
  if (report.interrupted) lines.push(`  Stopped by ${report.signal ?? 'a signal'}: ${missing} label(s) still to do. The state is saved in ${report.idMap.stateFile}; run the same command again to resume.`);
  else lines.push(report.complete ? '  Every label of the source is in the target.' : `  ${missing} of ${report.plan.labels} label(s) are not in the target.`);
  return `${lines.join('\n')}\n`;
}

function ends(report: MigrationReport): string {
  const params = Object.entries(report.target.params).map(([key, value]) => `${key}=${value}`);
  return `${report.source.dialect} at ${report.source.upstream} → ${report.target.dialect} at ${report.target.upstream}${params.length > 0 ? ` (${params.join(', ')})` : ''}`;
}

function losses(report: MigrationReport): string[] {
  const lines: string[] = [];
  const lost = Object.entries(report.lostFields).sort(([, a], [, b]) => b - a);
  lines.push(`  fields the target cannot hold: ${lost.length === 0 ? 'none' : `${lost.map(([field, count]) => `${field} ×${count}`).join(', ')} (labels named in --report)`}`);
  const colors = report.colorsMapped;
  lines.push(`  colours mapped: ${colors.length === 0 ? 'none' : colors.slice(0, 8).map((c) => `${c.from} → ${c.to} ×${c.labels}`).join(', ') + (colors.length > 8 ? `, and ${colors.length - 8} more` : '')}`);
  return lines;
}

function idMapStore(report: MigrationReport): string {
  const { dataDir, scope, skipped } = report.idMap;
  if (dataDir === undefined) return ' (no --data: not written to a gateway id map)';
  if (skipped) return `; not written to ${dataDir}: ${skipped}`;
  return ` and in ${dataDir} (scope ${scope})${report.idMap.clashes > 0 ? `; ${report.idMap.clashes} target id(s) were already paired with other source ids there and kept` : ''}`;
}

function listed(heading: string, items: string[]): string[] {
  if (items.length === 0) return [];
  const lines = heading ? [`  ${heading}:`] : [];
  lines.push(...items.slice(0, SHOWN).map((item) => `    ${item}`));
  if (items.length > SHOWN) lines.push(`    … and ${items.length - SHOWN} more (see --report)`);
  return lines;
}

const pad = (count: number): string => String(count).padStart(6);
const quote = (name: string): string => JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name);
