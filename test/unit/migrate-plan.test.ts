import { MIGRATION_CLIENTS } from '../../adapters/clients';
import type { DialectId } from '../../src/core/dialects';
import type { Label } from '../../src/core/label';
import { planMigration, type PlanInput } from '../../src/migrate/plan';
import { upstreamLabel } from '../../src/proxy/translation/dialect-client';

const TEAM = '7c1d3f4e-2b6a-4c8d-9e0f-1a2b3c4d5e6f';
let counter = 0;
const label = (fields: Partial<Label> & Pick<Label, 'name'>): Label =>
  upstreamLabel({ id: `id-${++counter}`, vendor: 'kirim', createdAt: '', updatedAt: '', ...fields });

function plan(from: DialectId, to: DialectId, sourceLabels: Label[], targetLabels: Label[], extra: Partial<PlanInput> = {}) {
  return planMigration({
    sourceLabels,
    targetLabels,
    source: MIGRATION_CLIENTS[from],
    target: MIGRATION_CLIENTS[to],
    targetContext: { params: to === 'supersend-v2' ? { team_id: TEAM } : {} },
    recorded: new Map(),
    overwrite: false,
    ...extra,
  });
}

describe('migration plan', () => {
  it('adopts a label of the same name as the target stores it (SuperSend lowercases)', () => {
    const existing = label({ name: 'vip', color: '#ef4444', teamId: TEAM });
    const [planned] = plan('kirim', 'supersend-v2', [label({ name: 'VIP', color: '#ef4444' })], [existing]);
    expect(planned.action).toEqual({ kind: 'adopt', targetId: existing.id });
  });

  it('does not adopt across scopes: a SuperSend org-wide label is not the team label of the same name', () => {
    const [planned] = plan('kirim', 'supersend-v2', [label({ name: 'vip' })], [label({ name: 'vip', teamId: null })]);
    expect(planned.action.kind).toBe('create');
  });

  it('reports a different colour as a conflict, and turns it into an update with --overwrite', () => {
    const existing = label({ name: 'vip', color: '#000000', teamId: TEAM });
    const source = label({ name: 'vip', color: '#EF4444' });
    expect(plan('jasni', 'supersend-v2', [source], [existing])[0].action).toEqual({
      kind: 'conflict',
      targetId: existing.id,
      differences: [{ field: 'color', source: '#ef4444', target: '#000000' }],
    });
    expect(plan('jasni', 'supersend-v2', [source], [existing], { overwrite: true })[0].action).toMatchObject({ kind: 'overwrite', changes: { color: '#EF4444' } });
  });

  it('compares a colour as Kirim would hold it: the nearest colour name is no conflict', () => {
    const existing = label({ name: 'urgent', color: '#ef4444', teamId: 'kirim-team' });
    expect(plan('jasni', 'kirim', [label({ name: 'urgent', color: '#f04040' })], [existing])[0].action.kind).toBe('adopt');
  });

  it('ignores what the source dialect cannot have: a Kirim label says nothing about descriptions', () => {
    const existing = label({ name: 'vip', color: '#ef4444', description: 'described in Jasni' });
    expect(plan('kirim', 'jasni', [label({ name: 'vip', color: '#ef4444' })], [existing])[0].action.kind).toBe('adopt');
    expect(plan('jasni', 'jasni', [label({ name: 'vip', color: '#ef4444' })], [existing])[0].action.kind).toBe('conflict');
  });

  it('lets a Kirim target pick its team: a label in its default team is the same label', () => {
    const existing = label({ name: 'vip', color: '#3b82f6', teamId: 'the-default-team' });
    expect(plan('jasni', 'kirim', [label({ name: 'vip', color: '#3b82f6' })], [existing])[0].action).toEqual({ kind: 'adopt', targetId: existing.id });
  });

  it('refuses the second of two source labels that would share a name in the target scope', () => {
    const first = label({ name: 'twin', teamId: 'team-a' });
    const second = label({ name: 'Twin', teamId: 'team-b' });
    const [one, two] = plan('kirim', 'supersend-v2', [first, second], []);
    expect(one.action.kind).toBe('create');
    expect(two.action).toEqual({ kind: 'collision', withSourceId: first.id, name: 'twin' });
  });

  it('keeps teams within a vendor: two Kirim teams stay two scopes in a Kirim snapshot', () => {
    const actions = plan('kirim', 'kirim', [label({ name: 'twin', teamId: 'team-a' }), label({ name: 'twin', teamId: 'team-b' })], []).map((p) => p.action.kind);
    expect(actions).toEqual(['create', 'create']);
  });

  it('takes a recorded pair as done while its label is in the target, and plans it again once it is gone', () => {
    const source = label({ name: 'vip' });
    const migrated = label({ name: 'vip', teamId: TEAM });
    const recorded = new Map([[source.id, migrated.id]]);
    expect(plan('kirim', 'supersend-v2', [source], [migrated], { recorded })[0].action).toEqual({ kind: 'done', targetId: migrated.id });
    expect(plan('kirim', 'supersend-v2', [source], [], { recorded })[0].action.kind).toBe('create');
  });

  it('names the fields the target cannot hold and the colours it maps', () => {
    const [attention] = plan('attention-v2', 'kirim', [label({ name: 'signal', description: 'd', aiFlow: true, options: [{ value: 'x' }] })], []);
    expect(attention.lost).toEqual(['description', 'aiFlow', 'options']);
    const [jasni] = plan('jasni', 'kirim', [label({ name: 'urgent', color: '#ef4444' })], []);
    expect(jasni).toMatchObject({ lost: [], colorMapped: { from: '#ef4444', to: 'red' } });
    const [sameColour] = plan('kirim', 'kirim', [label({ name: 'vip', color: '#ef4444' })], []);
    expect(sameColour.colorMapped).toBeUndefined(); // red stays red
  });

  it("sends the target's team, or a label's own within one vendor, never another vendor's team id", () => {
    expect(plan('kirim', 'supersend-v2', [label({ name: 'a', teamId: 'kirim-team' })], [])[0].write.teamId).toBe(TEAM);
    expect(plan('supersend-v2', 'kirim', [label({ name: 'a', teamId: TEAM })], [])[0].write.teamId).toBeNull();
    expect(plan('kirim', 'kirim', [label({ name: 'a', teamId: 'kirim-team' })], [])[0].write.teamId).toBe('kirim-team');
  });
});
