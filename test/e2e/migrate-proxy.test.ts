import fs from 'node:fs';
import path from 'node:path';
import { cryptoRandomness } from '../../src/core/random';
import { uuidToKirimId } from '../../src/proxy/translation/id-codec';
import { translationScope } from '../../src/proxy/translation/translation-scope';
import { openStore } from '../../src/store/store';
import { TEAM_ID } from '../support/dialect-profiles';
import { baseUrlOf, migrate, migrateArgs, readLabels, scratch, seedLabels } from '../support/migration';
import { freshDatabase } from '../support/postgres';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

/**
 * The switch after a migration: an application written for Kirim keeps its stored `lbl_` ids and
 * points at a translating gateway (`kirim → as supersend-v2`) on the data folder the migration fed.
 */
jest.setTimeout(60_000);

const TARGET_KEY = 'proxy-target';

let kirim: TestGateway;
let superSend: TestGateway;
let dir: string;

beforeAll(async () => {
  [kirim, superSend] = await Promise.all([startTestGateway(), startTestGateway()]);
  dir = scratch();
});
afterAll(async () => {
  await Promise.all([kirim.stop(), superSend.stop()]);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The translating gateway the application is switched to, on the migration's data folder. */
function translatingGateway(data: string, upstream: string): Promise<TestGateway> {
  return startTestGateway({
    memory: false,
    data,
    proxy: {
      contract: 'enforce',
      upstreamTimeoutMs: 5000,
      routes: { kirim: { upstream, as: 'supersend-v2', credential: `Bearer ${TARGET_KEY}`, params: { team_id: TEAM_ID } } },
    },
  });
}

it("answers the application's old Kirim ids with the migrated labels, in both directions", async () => {
  const seeded = await seedLabels(baseUrlOf(kirim.url, 'kirim'), '/v1/labels', 'Bearer proxy-source', [
    { name: 'VIP', color: 'amber' },
    { name: 'Churn risk', color: 'red' },
    { name: 'Renewal', color: 'green' },
  ]);
  const data = path.join(dir, 'data');
  const toUrl = baseUrlOf(superSend.url, 'supersend-v2');
  const run = await migrate(
    migrateArgs({ from: 'kirim', fromUrl: baseUrlOf(kirim.url, 'kirim'), to: 'supersend-v2', toUrl, state: path.join(dir, 'state.json') }, '--param', `team_id=${TEAM_ID}`, '--yes', '--data', data),
    { MIGRATE_FROM: 'proxy-source', MIGRATE_TO: TARGET_KEY },
  );
  expect(run.exitCode).toBe(0);
  expect(run.stdout).toContain(`3 pair(s) in ${path.join(dir, 'state.json')} and in ${data} (scope kirim>supersend-v2@${toUrl})`);

  // The route names the upstream with a trailing slash: still the same upstream, the same pairs.
  const proxy = await translatingGateway(data, `${toUrl}/`);
  try {
    for (const label of seeded) {
      const res = await proxy.api.get(`/kirim/v1/labels/${label.id}`).set('Authorization', 'Bearer the-app').expect(200);
      expect(res.body.data).toMatchObject({ id: label.id, name: label.name.toLowerCase(), color: label.color });
    }
    const listed = await proxy.api.get('/kirim/v1/labels').set('Authorization', 'Bearer the-app').expect(200);
    expect(new Set(listed.body.data.map((label: { id: string }) => label.id))).toEqual(new Set(seeded.map((label) => label.id)));

    // Lower case: a name SuperSend would lower-case is reported lost and not written over the stored one.
    const renamed = await proxy.api.patch(`/kirim/v1/labels/${seeded[0].id}`).set('Authorization', 'Bearer the-app').send({ name: 'vvip' }).expect(200);
    expect(renamed.body.data.id).toBe(seeded[0].id);
    const upstream = await readLabels(superSend.url, 'supersend-v2', `Bearer ${TARGET_KEY}`, TEAM_ID);
    expect(upstream.map((label) => label.name).sort()).toEqual(['churn risk', 'renewal', 'vvip']);
  } finally {
    await proxy.stop();
  }
});

it('prefers a recorded pair over the id codec when answering (the codec would show another lbl_ id)', async () => {
  const [upstreamLabel] = await seedLabels(baseUrlOf(superSend.url, 'supersend-v2'), '/v2/labels', `Bearer ${TARGET_KEY}`, [{ name: 'recorded', color: '#22c55e', team_id: TEAM_ID }]);
  const data = path.join(dir, 'recorded');
  const upstream = baseUrlOf(superSend.url, 'supersend-v2');
  const oldId = 'lbl_01HXYZABCDEFGHJKMNPQRSTVWX';
  const store = await openStore({ kind: 'folder', dir: data }, cryptoRandomness);
  await store.idMap.pair(translationScope('kirim', 'supersend-v2', upstream), oldId, upstreamLabel.id);
  await store.close();

  const proxy = await translatingGateway(data, upstream);
  try {
    const byOldId = await proxy.api.get(`/kirim/v1/labels/${oldId}`).set('Authorization', 'Bearer the-app').expect(200);
    expect(byOldId.body.data.id).toBe(oldId);
    // Reached by the codec's form of the upstream id too, the label still answers with the recorded id.
    const codecId = uuidToKirimId(upstreamLabel.id)!;
    expect(codecId).not.toBe(oldId);
    const byCodecId = await proxy.api.get(`/kirim/v1/labels/${codecId}`).set('Authorization', 'Bearer the-app').expect(200);
    expect(byCodecId.body.data.id).toBe(oldId);
  } finally {
    await proxy.stop();
  }
});

it('feeds a PostgreSQL store that a running translating gateway shares: its next request knows the old ids', async () => {
  const database = await freshDatabase();
  const proxy = await startTestGateway({
    store: database.url,
    proxy: {
      contract: 'enforce',
      upstreamTimeoutMs: 5000,
      routes: { kirim: { upstream: baseUrlOf(superSend.url, 'supersend-v2'), as: 'supersend-v2', credential: `Bearer ${TARGET_KEY}-pg`, params: { team_id: TEAM_ID } } },
    },
  });
  try {
    const seeded = await seedLabels(baseUrlOf(kirim.url, 'kirim'), '/v1/labels', 'Bearer proxy-source-pg', [
      { name: 'Shared one', color: 'blue' },
      { name: 'Shared two', color: 'green' },
    ]);
    const toUrl = baseUrlOf(superSend.url, 'supersend-v2');
    const run = await migrate(
      migrateArgs({ from: 'kirim', fromUrl: baseUrlOf(kirim.url, 'kirim'), to: 'supersend-v2', toUrl, state: path.join(dir, 'state-pg.json') }, '--param', `team_id=${TEAM_ID}`, '--yes', '--data', database.url),
      { MIGRATE_FROM: 'proxy-source-pg', MIGRATE_TO: `${TARGET_KEY}-pg` },
    );
    expect(run.exitCode).toBe(0);
    // The report names the database without its password.
    const password = new URL(database.url).password;
    expect(run.stdout).toContain('2 pair(s) in');
    expect(run.stdout).toMatch(/and in postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/\S+ \(scope kirim>supersend-v2@/);
    expect(run.stdout + run.stderr).not.toContain(password);
    for (const label of seeded) {
      const res = await proxy.api.get(`/kirim/v1/labels/${label.id}`).set('Authorization', 'Bearer the-app').expect(200);
      expect(res.body.data).toMatchObject({ id: label.id, name: label.name.toLowerCase() });
    }
  } finally {
    await proxy.stop();
    await database.drop();
  }
});
