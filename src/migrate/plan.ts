import { STORED_NAME } from '../../adapters/clients';
import { VENDOR_OF } from '../core/dialects';
import type { Label, LabelChanges, NewLabel } from '../core/label';
import type { MigrationClient, TargetContext, WritableField } from '../proxy/translation/dialect-client';
import { heldColor, lostFields } from '../proxy/translation/lost-fields';

/** Fields two same-named labels are compared on (the name and the team make the match itself). */
export type ComparedField = 'color' | 'description' | 'aiFlow' | 'allTeams' | 'options';
const COMPARED: readonly ComparedField[] = ['color', 'description', 'aiFlow', 'allTeams', 'options'];

export interface Difference {
  field: ComparedField;
  /** As the target would hold the source's value (a Kirim colour as its hex). */
  source: unknown;
  target: unknown;
}

export type PlannedAction =
  /** Recorded in the state file by an earlier run, and still in the target. */
  | { kind: 'done'; targetId: string }
  | { kind: 'create' }
  /** Same name in the same scope, nothing to change: the target's label is taken as this one. */
  | { kind: 'adopt'; targetId: string }
  /** Same name in the same scope, but different: reported and left alone (without --overwrite). */
  | { kind: 'conflict'; targetId: string; differences: Difference[] }
  /** …and with --overwrite, updated to match the source. */
  | { kind: 'overwrite'; targetId: string; differences: Difference[]; changes: LabelChanges }
  /** Another label of the source would take the same name in the same target scope. */
  | { kind: 'collision'; withSourceId: string; name: string };

export interface PlannedLabel {
  source: Label;
  action: PlannedAction;
  /** What the create sends (through the target dialect's client). */
  write: NewLabel;
  /** Canonical fields the target cannot keep as given (lacks, approximates like Kirim's colours, or alters like SuperSend's names). */
  lost: WritableField[];
  /** The colour in each dialect's own terms, when they differ (`#ef4444` → `red`). */
  colorMapped?: { from: string; to: string };
}

export interface PlanInput {
  sourceLabels: readonly Label[];
  targetLabels: readonly Label[];
  source: MigrationClient;
  target: MigrationClient;
  targetContext: TargetContext;
  /** Source id → target id pairs an earlier run recorded. */
  recorded: ReadonlyMap<string, string>;
  overwrite: boolean;
}

/**
 * Decides, for every source label, what the run does: nothing (done before), create, adopt a
 * same-named label in the same target scope, or report a conflict. Pure: no requests.
 */
export function planMigration(input: PlanInput): PlannedLabel[] {
  const { target } = input;
  const storedName = STORED_NAME[target.dialect];
  const targetById = new Map(input.targetLabels.map((label) => [label.id, label]));
  const byScopedName = new Map<string, Label>();
  for (const label of input.targetLabels) {
    const name = storedName(label.name);
    for (const key of [scopedName(label.teamId, name), scopedName(ANY_TEAM, name)]) if (!byScopedName.has(key)) byScopedName.set(key, label);
  }
  /** Target label id → the source label that has it, and scoped name → the source label that takes it. */
  const claimedTargets = new Map<string, string>();
  const claimedNames = new Map<string, string>();
  const write = (label: Label) => writeOf(label, input);
  const keyOf = (label: Label) => scopedName(scopeTeamOf(write(label), target), storedName(label.name));

  // Labels done earlier hold their names first, so a later label cannot take them.
  for (const label of input.sourceLabels) {
    const targetId = input.recorded.get(label.id);
    if (targetId === undefined || !targetById.has(targetId)) continue;
    claimedTargets.set(targetId, label.id);
    claimedNames.set(keyOf(label), label.id);
  }
  return input.sourceLabels.map((label): PlannedLabel => {
    const planned = { source: label, write: write(label), ...describeWrite(label, input) };
    const recorded = input.recorded.get(label.id);
    if (recorded !== undefined && claimedTargets.get(recorded) === label.id) return { ...planned, action: { kind: 'done', targetId: recorded } };
    const key = keyOf(label);
    const taken = claimedNames.get(key);
    if (taken !== undefined) return { ...planned, action: { kind: 'collision', withSourceId: taken, name: storedName(label.name) } };
    claimedNames.set(key, label.id);
    const existing = byScopedName.get(key);
    if (!existing) return { ...planned, action: { kind: 'create' } };
    const holder = claimedTargets.get(existing.id);
    if (holder !== undefined) return { ...planned, action: { kind: 'collision', withSourceId: holder, name: storedName(label.name) } };
    claimedTargets.set(existing.id, label.id);
    const differences = differencesOf(label, existing, input);
    if (differences.length === 0) return { ...planned, action: { kind: 'adopt', targetId: existing.id } };
    if (!input.overwrite) return { ...planned, action: { kind: 'conflict', targetId: existing.id, differences } };
    return { ...planned, action: { kind: 'overwrite', targetId: existing.id, differences, changes: changesFor(label, differences) } };
  });
}

/** Matches a label whose team the target decides itself (Kirim's single team): any team. */
const ANY_TEAM = '*';
const scopedName = (team: string | null, name: string): string => `${team ?? ''}\u0000${name}`;

/**
 * The team a created label lands in, as far as the plan can know: none for dialects without teams
 * (their one scope), the given or kept team, or "the one the target picks" (ANY_TEAM).
 */
function scopeTeamOf(write: NewLabel, target: MigrationClient): string | null {
  // Every dialect keeps any team or none (teams are a field it has or lacks, whatever the value).
  if (!target.keeps('teamId', write.teamId)) return null;
  return write.teamId ?? ANY_TEAM;
}

/**
 * The canonical create: every field the source had. The team is the target's `team_id` param, or,
 * within one vendor, the label's own team; another vendor's team id means nothing to the target.
 */
function writeOf(label: Label, input: PlanInput): NewLabel {
  const sameVendor = VENDOR_OF[input.source.dialect] === VENDOR_OF[input.target.dialect];
  return {
    teamId: input.targetContext.params.team_id ?? (sameVendor ? label.teamId : null),
    name: label.name,
    color: label.color,
    description: label.description,
    aiFlow: label.aiFlow,
    allTeams: label.allTeams,
    options: label.options,
  };
}

function describeWrite(label: Label, input: PlanInput): Pick<PlannedLabel, 'lost' | 'colorMapped'> {
  // The label's own team counts as lost where the target has no teams at all.
  const lost = lostFields({ ...writeOf(label, input), teamId: label.teamId }, input.target);
  if (!label.color) return { lost };
  const to = heldColor(label.color, input.target)?.wire;
  const from = heldColor(label.color, input.source)?.wire ?? label.color;
  return to !== undefined && to !== from ? { lost, colorMapped: { from, to } } : { lost };
}

/** Held fields where the target's label is not what the source's would become there. */
function differencesOf(label: Label, existing: Label, input: PlanInput): Difference[] {
  const differences: Difference[] = [];
  for (const field of COMPARED) {
    const value = label[field];
    if (field === 'color') {
      if (!label.color) continue; // the target picks a colour of its own for a label without one
      const wanted = heldColor(label.color, input.target)?.hex;
      if (wanted !== undefined && wanted !== existing.color?.toLowerCase()) differences.push({ field, source: wanted, target: existing.color });
      continue;
    }
    // For these fields `keeps` does not depend on the value: a dialect has the field or it does not.
    if (!input.target.keeps(field, value)) continue;
    // A field the source dialect does not have says nothing about the label (Kirim has no descriptions).
    if (!input.source.keeps(field, value) && isEmpty(value)) continue;
    if (JSON.stringify(value ?? null) !== JSON.stringify(existing[field] ?? null) && !(isEmpty(value) && isEmpty(existing[field]))) {
      differences.push({ field, source: value, target: existing[field] });
    }
  }
  return differences;
}

function changesFor(label: Label, differences: readonly Difference[]): LabelChanges {
  const changes: LabelChanges = {};
  for (const { field } of differences) (changes as Record<ComparedField, unknown>)[field] = label[field];
  return changes;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === false || value === '' || (Array.isArray(value) && value.length === 0);
}
