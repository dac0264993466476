import fs from 'node:fs';
import path from 'node:path';
import { DIALECT_IDS, type DialectId } from '../../src/core/dialects';
import { JASNI_PALETTE } from '../../src/core/colors';
import type { MigrationReport } from '../../src/migrate/report';
import { TEAM_ID } from '../support/dialect-profiles';
import { baseUrlOf, migrate, migrateArgs, readLabels, scratch, seedLabels } from '../support/migration';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

/**
 * Every ordered pair of dialects, same-dialect snapshots included: one label with every field its
 * source dialect can set goes through `label-gateway migrate` from one gateway to another, and the
 * test reads what arrived on the target's wire and what the report says was lost.
 */
const PAIRS = DIALECT_IDS.flatMap((from) => DIALECT_IDS.map((to) => ({ from, to })));

const COLLECTION: Record<DialectId, string> = {
  'attention-v2': '/v2/labels',
  kirim: '/v1/labels',
  'supersend-v1': '/v1/labels',
  'supersend-v2': '/v2/labels',
  jasni: '/api/v1/labels',
};

/** A label with every field the dialect can set, and what it is in canonical terms. */
interface Source {
  body: Record<string, unknown>;
  name: string;
  /** The colour as #rrggbb (Kirim's amber is #f59e0b), and the Kirim colour name nearest to it. */
  hex?: string;
  kirimColor?: string;
  description?: string;
  attention?: { aiFlow: boolean; allTeams: boolean; options: Array<{ value: string; description: string }> };
  team?: string;
}

const SOURCES: Record<DialectId, Source> = {
  'attention-v2': {
    body: { name: 'Buying Signal', description: 'Asks about pricing', aiFlow: true, allTeams: true, options: [{ value: 'high', description: 'ready to buy' }] },
    name: 'Buying Signal',
    description: 'Asks about pricing',
    attention: { aiFlow: true, allTeams: true, options: [{ value: 'high', description: 'ready to buy' }] },
  },
  kirim: { body: { name: 'VIP', color: 'amber', team_id: TEAM_ID }, name: 'VIP', hex: '#f59e0b', kirimColor: 'amber', team: TEAM_ID },
  'supersend-v1': { body: { name: 'Interested', color: '#4CAF50' }, name: 'interested', hex: '#4CAF50', kirimColor: 'green' },
  'supersend-v2': { body: { name: 'Interested', color: '#4CAF50', team_id: TEAM_ID }, name: 'interested', hex: '#4CAF50', kirimColor: 'green', team: TEAM_ID },
  jasni: { body: { name: 'Urgent', color: '#8b5cf6', description: 'Requires immediate attention' }, name: 'Urgent', hex: '#8b5cf6', kirimColor: 'violet', description: 'Requires immediate attention' },
};

/**
 * Fields each pair reports lost, in the source dialect's naming: a colour Kirim only approximates
 * counts, and so does a name with capitals for SuperSend, which lower-cases it (as the proxy reports).
 */
const LOST: Record<DialectId, Record<DialectId, string[]>> = {
  'attention-v2': {
    'attention-v2': [],
    kirim: ['description', 'aiFlow', 'allTeams', 'options'],
    'supersend-v1': ['name', 'description', 'aiFlow', 'allTeams', 'options'],
    'supersend-v2': ['name', 'description', 'aiFlow', 'allTeams', 'options'],
    jasni: ['aiFlow', 'allTeams', 'options'],
  },
  kirim: { 'attention-v2': ['team_id', 'color'], kirim: [], 'supersend-v1': ['name', 'team_id'], 'supersend-v2': ['name'], jasni: ['team_id'] },
  'supersend-v1': { 'attention-v2': ['color'], kirim: ['color'], 'supersend-v1': [], 'supersend-v2': [], jasni: [] },
  'supersend-v2': { 'attention-v2': ['team_id', 'color'], kirim: ['color'], 'supersend-v1': ['team_id'], 'supersend-v2': [], jasni: ['team_id'] },
  jasni: { 'attention-v2': ['color'], kirim: ['description'], 'supersend-v1': ['name', 'description'], 'supersend-v2': ['name', 'description'], jasni: [] },
};

/** What the target's wire shows for the migrated label. */
function expectArrived(to: DialectId, from: DialectId, source: Source, wire: Record<string, unknown>): void {
  switch (to) {
    case 'attention-v2':
      expect(wire).toMatchObject({
        name: source.name,
        description: source.description ?? '',
        aiFlow: source.attention?.aiFlow ?? false,
        allTeams: source.attention?.allTeams ?? false,
        options: source.attention?.options ?? [],
      });
      return;
    case 'kirim':
      // Another vendor's team means nothing to Kirim: the label goes to the organisation's own team.
      expect(wire).toMatchObject({ name: source.name, color: source.kirimColor ?? 'gray' });
      if (from === 'kirim') expect(wire.team_id).toBe(TEAM_ID);
      return;
    case 'supersend-v1':
      expect(wire).toMatchObject({ name: source.name.toLowerCase(), color: source.hex ?? '#6b7280', team_id: null });
      return;
    case 'supersend-v2':
      expect(wire).toMatchObject({ name: source.name.toLowerCase(), color: source.hex ?? '#6b7280', team_id: TEAM_ID });
      return;
    case 'jasni':
      expect(wire).toMatchObject({ name: source.name, description: source.description ?? null });
      if (source.hex) expect(wire.color).toBe(source.hex);
      else expect(JASNI_PALETTE).toContain(wire.color); // Jasni picks one of its palette for a label without a colour
  }
}

const authorizationFor = (dialect: DialectId, key: string): string => (dialect === 'attention-v2' ? key : dialect === 'jasni' ? `Bearer jsk_${key}` : `Bearer ${key}`);

let sourceGateway: TestGateway;
let targetGateway: TestGateway;
let dir: string;
beforeAll(async () => {
  [sourceGateway, targetGateway] = await Promise.all([startTestGateway(), startTestGateway()]);
  dir = scratch();
});
afterAll(async () => {
  await Promise.all([sourceGateway.stop(), targetGateway.stop()]);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.each(PAIRS)('migrating $from → $to', ({ from, to }) => {
  it('copies the label with every field the target can hold, and reports the rest as lost', async () => {
    const source = SOURCES[from];
    const sourceKey = `pair-src-${from}-${to}`;
    const targetKey = `pair-dst-${from}-${to}`;
    const [seeded] = await seedLabels(baseUrlOf(sourceGateway.url, from), COLLECTION[from], authorizationFor(from, sourceKey), [source.body]);
    const sourceId = String(seeded.uuid ?? seeded.id);
    const report = path.join(dir, `${from}-${to}.report.json`);
    const args = migrateArgs(
      { from, fromUrl: baseUrlOf(sourceGateway.url, from), to, toUrl: baseUrlOf(targetGateway.url, to), state: path.join(dir, `${from}-${to}.state.json`) },
      '--yes',
      '--report',
      report,
      ...(from === 'supersend-v2' ? ['--from-param', `team_id=${TEAM_ID}`] : []),
      ...(to === 'supersend-v2' ? ['--param', `team_id=${TEAM_ID}`] : []),
    );
    // A bare token: the command presents it in each dialect's own scheme (Attention's raw key, Bearer elsewhere).
    const env = { MIGRATE_FROM: from === 'jasni' ? `jsk_${sourceKey}` : sourceKey, MIGRATE_TO: to === 'jasni' ? `jsk_${targetKey}` : targetKey };

    const run = await migrate(args, env);
    expect(run.stderr).not.toMatch(/label-gateway migrate:/);
    expect(run.exitCode).toBe(0);

    const arrived = await readLabels(targetGateway.url, to, authorizationFor(to, targetKey), TEAM_ID);
    expect(arrived).toHaveLength(1);
    expectArrived(to, from, source, arrived[0]);

    const written = JSON.parse(fs.readFileSync(report, 'utf8')) as MigrationReport;
    expect(written.outcome).toMatchObject({ created: 1, adopted: 0, refused: 0, failed: 0 });
    expect(written.ids).toEqual({ [sourceId]: String(arrived[0].uuid ?? arrived[0].id) });
    expect(written.lostByLabel.flatMap((label) => label.fields).sort()).toEqual([...LOST[from][to]].sort());
    expect(written.complete).toBe(true);
  });
});
