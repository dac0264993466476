// Issue 12: several gateways on one PostgreSQL database behave as one gateway. Every gateway here is
// a real process (`label-gateway serve --store postgres://…`), so nothing is shared between them but
// the database: what one process acknowledged, another must know, and the database alone decides
// between them when they race.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import type { DialectId } from '../../src/core/dialects';
import { pruneTombstones } from '../../src/store/postgres/tombstones';
import { profileOf, TEAM_ID, type DialectProfile } from '../support/dialect-profiles';
import { runCommand, spawnGateway, type GatewayProcess } from '../support/gateway-process';
import { freshDatabase, privateServer, testServerUrl, withClient, type FreshDatabase, type PrivateServer } from '../support/postgres';
import { call, closedPort, isAlive, sleep, startReplicas, statusCounts, stopGateways, type Answer } from '../support/replicas';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- vendor envelopes
type Body = any;

const KIRIM_REQUEST_ID = /^req_[0-9A-HJKMNP-TV-Z]{26}$/;
const SUPERSEND_REQUEST_ID = /^req_[0-9a-f]{24}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A new tenant of `dialect` (in open mode every credential is its own organisation). */
const credentialOf = (profile: DialectProfile, purpose: string) => profile.auth(`${purpose}-${randomUUID()}`);

/** The password in a postgres:// URL. */
const passwordOf = (url: string): string => decodeURIComponent(new URL(url).password);

/** Every label of a tenant, as the dialect lists them (Kirim pages by cursor, at most 100 a page). */
async function listAll(baseUrl: string, profile: DialectProfile, headers: Record<string, string>, query: Record<string, string> = profile.listQuery): Promise<Body[]> {
  if (profile.dialect !== 'kirim') {
    const res = await call(baseUrl, 'GET', profile.collection, { headers, query: profile.dialect === 'supersend-v2' ? { ...query, limit: 100 } : query });
    expect(res.status).toBe(200);
    return profile.dialect === 'jasni' ? res.body.data.labels : res.body.data;
  }
  const labels: Body[] = [];
  for (;;) {
    const after: Record<string, string> = labels.length > 0 ? { starting_after: labels[labels.length - 1].id } : {};
    const res = await call(baseUrl, 'GET', profile.collection, { headers, query: { ...query, limit: 100, ...after } });
    expect(res.status).toBe(200);
    labels.push(...res.body.data);
    if (!res.body.has_more) return labels;
  }
}

const idOfLabel = (profile: DialectProfile, label: Body): string => (profile.dialect === 'attention-v2' ? label.uuid : label.id);

/** The dialect's own answer to a name already taken in its scope (as the single-process suites expect). */
function expectDuplicateAnswer(profile: DialectProfile, answer: Answer, name: string): void {
  switch (profile.dialect) {
    case 'kirim':
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({
        error: {
          type: 'invalid_request_error',
          code: 'invalid_field_value',
          message: `A label named '${name}' already exists in this team.`,
          param: 'name',
          request_id: expect.stringMatching(KIRIM_REQUEST_ID),
        },
      });
      return;
    case 'supersend-v2':
      expect(answer.status).toBe(409);
      expect(answer.body).toEqual({
        success: false,
        error: { code: 'ALREADY_EXISTS', message: `A label named '${name}' already exists in this team.` },
        request_id: expect.stringMatching(SUPERSEND_REQUEST_ID),
      });
      return;
    case 'supersend-v1':
      expect(answer.status).toBe(409);
      expect(answer.body).toEqual({ success: false, message: `A label named '${name}' already exists in this organization.` });
      return;
    case 'attention-v2':
      expect(answer.status).toBe(409);
      expect(answer.body).toEqual({ error: { code: 'already_exists', message: `A label named '${name}' already exists in this organization.`, field: 'name' } });
      return;
    case 'jasni':
      expect(answer.status).toBe(409);
      expect(answer.body).toEqual({ success: false, error: `A label named '${name}' already exists in this account.` });
      return;
  }
}

/** The dialect's 503 while the database is away. */
function expectUnavailableAnswer(answer: Answer): void {
  expect(answer.status).toBe(503);
  expect(answer.headers.get('retry-after')).toBe('1');
  expect(answer.body).toEqual({
    error: { type: 'api_error', code: 'service_unavailable', message: expect.any(String), request_id: expect.stringMatching(KIRIM_REQUEST_ID) },
  });
}

/** `count` creates of one name, sent at once, spread round-robin over `gateways`. */
function raceCreates(gateways: readonly GatewayProcess[], count: number, profile: DialectProfile, headers: Record<string, string>, body: (n: number) => unknown) {
  return Promise.all(Array.from({ length: count }, (_, n) => call(gateways[n % gateways.length].url, 'POST', profile.collection, { headers, body: body(n) })));
}

// The outage test's own PostgreSQL server takes a second or two to initialise: begun at once, used later.
let privateServerStarting: Promise<PrivateServer> | undefined;
beforeAll(() => {
  privateServerStarting = privateServer();
  privateServerStarting.catch(() => undefined); // reported where it is awaited
});
afterAll(async () => {
  const server = await privateServerStarting?.catch(() => undefined);
  await server?.destroy();
});

describe('four gateway processes on one database', () => {
  let database: FreshDatabase;
  let replicas: GatewayProcess[] = [];

  beforeAll(async () => {
    database = await freshDatabase();
    replicas = await startReplicas(4, ['--store', database.url]);
  });
  afterAll(async () => {
    await stopGateways(replicas);
    await database?.drop();
  });

  afterEach(() => {
    // However a test went, no replica may have died under it.
    expect(replicas.map(isAlive)).toEqual([true, true, true, true]);
  });

  it('each says it keeps its state in PostgreSQL, and is ready', async () => {
    for (const replica of replicas) {
      const health = await call(replica.url, 'GET', '/__admin/health');
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ status: 'ok', store: 'postgres' });
    }
  });

  describe('100 concurrent creates of one name: the database lets exactly one through', () => {
    interface RaceCase {
      title: string;
      dialect: DialectId;
      replicas: 2 | 4;
      body: (name: string, n: number) => Record<string, unknown>;
    }
    const cases: RaceCase[] = [
      { title: 'Kirim, team given, 4 replicas', dialect: 'kirim', replicas: 4, body: (name, n) => ({ name, color: n % 2 ? 'red' : 'blue', team_id: 'team_race' }) },
      // A new organisation without team_id: every replica resolves (and records) its default team at once.
      { title: 'Kirim, team resolved, 4 replicas', dialect: 'kirim', replicas: 4, body: (name) => ({ name }) },
      { title: 'Kirim, 2 replicas', dialect: 'kirim', replicas: 2, body: (name) => ({ name, color: 'green', team_id: 'team_race' }) },
      { title: 'SuperSend v2, 4 replicas', dialect: 'supersend-v2', replicas: 4, body: (name, n) => ({ name: n % 2 ? name.toUpperCase() : name, color: '#4CAF50', team_id: TEAM_ID }) },
      { title: 'SuperSend v2, 2 replicas', dialect: 'supersend-v2', replicas: 2, body: (name) => ({ name, color: '#4CAF50', team_id: TEAM_ID }) },
      { title: 'SuperSend v1, 4 replicas', dialect: 'supersend-v1', replicas: 4, body: (name) => ({ name, color: '#4CAF50' }) },
      { title: 'Attention v2, 4 replicas', dialect: 'attention-v2', replicas: 4, body: (name, n) => ({ name: n % 3 ? name : ` ${name} ` }) },
      { title: 'Jasni, 4 replicas', dialect: 'jasni', replicas: 4, body: (name) => ({ name, color: '#ef4444' }) },
    ];

    async function race({ dialect, replicas: count, body }: RaceCase): Promise<void> {
      const profile = profileOf(dialect);
      const headers = credentialOf(profile, 'race');
      const name = `contested ${randomUUID().slice(0, 8)}`;
      const answers = await raceCreates(replicas.slice(0, count), 100, profile, headers, (n) => body(name, n));

      const created = answers.filter((answer) => answer.status === 201);
      expect({ dialect, created: created.length, statuses: statusCounts(answers) }).toEqual({ dialect, created: 1, statuses: { 201: 1, [profile.duplicateStatus]: 99 } });
      for (const answer of answers) if (answer.status !== 201) expectDuplicateAnswer(profile, answer, name);

      // Every replica, the ones that lost the race included, holds that one label and no other.
      const winner = profile.labelOf(created[0].body);
      for (const gateway of replicas) expect({ dialect, listed: await listAll(gateway.url, profile, headers) }).toEqual({ dialect, listed: [winner] });
    }

    // One race at a time: 100 requests at once is the load asked for (issue 12). Three such races at
    // once (300 requests, 75 per replica) drew a few 503s on this 2-core machine: requests that waited
    // over 2 s for one of a replica's 10 pooled connections (postgres-engine.ts), not a lost race.
    it.each(cases)('$title: one 201, 99 duplicate answers, one label everywhere', (raceCase) => race(raceCase));
  });

  describe('20 concurrent renames of different labels onto one name: one wins', () => {
    it.each(['kirim', 'supersend-v2'] as const)('%s', async (dialect) => {
      const profile = profileOf(dialect);
      const headers = credentialOf(profile, 'rename-race');
      const ids: string[] = [];
      for (let n = 0; n < 20; n++) {
        const res = await call(replicas[n % 4].url, 'POST', profile.collection, { headers, body: profile.createBody(`before ${n}`) });
        expect(res.status).toBe(201);
        ids.push(profile.idOf(res.body));
      }
      const target = `taken ${randomUUID().slice(0, 8)}`;
      const answers = await Promise.all(
        ids.map((id, n) => call(replicas[(n + 1) % 4].url, 'PATCH', `${profile.collection}/${id}`, { headers, body: { name: target } })),
      );
      expect(statusCounts(answers)).toEqual({ 200: 1, [profile.duplicateStatus]: 19 });
      for (const answer of answers) if (answer.status !== 200) expectDuplicateAnswer(profile, answer, target);
      const winner = ids[answers.findIndex((answer) => answer.status === 200)];
      const expected = ids.map((id, n) => `${id}=${id === winner ? target : `before ${n}`}`).sort();
      for (const gateway of replicas) {
        const listed = (await listAll(gateway.url, profile, headers)).map((label) => `${label.id}=${label.name}`).sort();
        expect(listed).toEqual(expected);
      }
    });
  });

  describe('SuperSend v2 restore-by-name across replicas', () => {
    const profile = profileOf('supersend-v2');
    const path = profile.collection;

    it('restores the one deleted label once, under its id, when every replica is asked at once; the rest are conflicts', async () => {
      const headers = credentialOf(profile, 'restore');
      const team = randomUUID();
      const name = `comeback ${randomUUID().slice(0, 8)}`;
      const made = await call(replicas[0].url, 'POST', path, { headers, body: { name, color: '#111111', team_id: team } });
      expect(made.status).toBe(201);
      const original = made.body.data;

      // Three rounds of: deleted through one replica (another each round), then 40 creates of its name at once through all four.
      for (let round = 0; round < 3; round++) {
        const deleted = await call(replicas[(round + 1) % 4].url, 'DELETE', `${path}/${original.id}`, { headers });
        expect(deleted.status).toBe(200);
        for (const gateway of replicas) expect((await call(gateway.url, 'GET', `${path}/${original.id}`, { headers })).status).toBe(404);

        const colours = Array.from({ length: 40 }, (_, n) => `#${(0x100000 + round * 0x1000 + n).toString(16)}`);
        const answers = await raceCreates(replicas, 40, profile, headers, (n) => ({ name: n % 2 ? name.toUpperCase() : name, color: colours[n], team_id: team }));
        const restored = answers.filter((answer) => answer.status === 201);
        expect({ round, restored: restored.length, statuses: statusCounts(answers) }).toEqual({ round, restored: 1, statuses: { 201: 1, 409: 39 } });
        for (const answer of answers) if (answer.status !== 201) expectDuplicateAnswer(profile, answer, name);
        const label = restored[0].body.data;
        expect(label).toEqual({ ...original, color: expect.any(String), updated_at: expect.any(String) });
        expect(colours).toContain(label.color);

        // Every replica sees the one restored label, with the winner's colour, and no second one.
        for (const gateway of replicas) {
          const got = await call(gateway.url, 'GET', `${path}/${original.id}`, { headers });
          expect(got.status).toBe(200);
          expect(got.body.data).toEqual(label);
          expect(await listAll(gateway.url, profile, headers, { team_id: team })).toEqual([label]);
        }
      }
    });
  });

  describe('read-after-write across replicas', () => {
    const rotation: DialectId[] = ['kirim', 'supersend-v2', 'jasni', 'attention-v2', 'supersend-v1'];

    /** One round: returns which ordered pair of replicas it used. */
    async function roundTrip(round: number, stem: string): Promise<string> {
      const profile = profileOf(rotation[round % rotation.length]);
      const a = replicas[round % 4].url;
      // B is A + 1, + 2 or + 3 (changing every four rounds): every ordered pair of replicas.
      const b = replicas[(round + 1 + (Math.floor(round / 4) % 3)) % 4].url;
      const headers = credentialOf(profile, 'raw');
      const name = `fresh ${stem} ${round}`;
      const where = `${stem} round ${round} (${profile.dialect}, ${a} then ${b})`;

      const created = await call(a, 'POST', profile.collection, { headers, body: profile.createBody(name) });
      expect({ where, status: created.status }).toEqual({ where, status: 201 });
      const label = profile.labelOf(created.body);
      const id = profile.idOf(created.body);
      const one = `${profile.collection}/${id}`;

      // Created on A, read on B at once: get and list.
      if (profile.hasGetOne) {
        const got = await call(b, 'GET', one, { headers });
        expect({ where, status: got.status, label: got.status === 200 ? profile.labelOf(got.body) : got.body }).toEqual({ where, status: 200, label });
      }
      expect({ where, listed: await listAll(b, profile, headers) }).toEqual({ where, listed: [label] });

      // Updated on B, read on A at once.
      const renamed = `renamed ${stem} ${round}`;
      const updated = await call(b, profile.updateMethod.toUpperCase(), one, { headers, body: profile.updateBody(renamed) });
      expect({ where, status: updated.status }).toEqual({ where, status: 200 });
      const after = profile.labelOf(updated.body);
      expect(after.name).toBe(renamed);
      if (profile.hasGetOne) {
        const got = await call(a, 'GET', one, { headers });
        expect({ where, label: profile.labelOf(got.body) }).toEqual({ where, label: after });
      }
      expect({ where, listed: await listAll(a, profile, headers) }).toEqual({ where, listed: [after] });

      // Deleted on A: gone on B at once.
      const deleted = await call(a, 'DELETE', one, { headers });
      expect({ where, status: deleted.status }).toEqual({ where, status: 200 });
      if (profile.hasGetOne) expect({ where, status: (await call(b, 'GET', one, { headers })).status }).toEqual({ where, status: 404 });
      expect({ where, listed: await listAll(b, profile, headers) }).toEqual({ where, listed: [] });
      // And the deleted label cannot be changed through B either.
      const late = await call(b, profile.updateMethod.toUpperCase(), one, { headers, body: profile.updateBody('too late') });
      expect({ where, status: late.status }).toEqual({ where, status: 404 });
      return `${a}>${b}`;
    }

    it('50 times, alternating replicas and dialects: a create on A is read on B, an update on B read on A, a delete on A is a 404 on B', async () => {
      const seen: string[] = [];
      for (let round = 0; round < 50; round++) seen.push(await roundTrip(round, 'idle'));
      // Every ordered pair of replicas took part.
      expect(new Set(seen).size).toBe(12);
    });

    it('the same while every replica is busy (catch-ups overlapping all the time)', async () => {
      // Four clients of other tenants writing and listing on every replica meanwhile: a request
      // that arrives while a catch-up is under way must wait for one that started after it.
      let running = true;
      const background = Array.from({ length: 4 }, async (_, client) => {
        const kirim = profileOf('kirim');
        const headers = credentialOf(kirim, `busy-${client}`);
        for (let n = 0; running; n++) {
          const gateway = replicas[(client + n) % 4].url;
          const res = await call(gateway, 'POST', kirim.collection, { headers, body: { name: `busy ${n}` } });
          if (res.status !== 201) throw new Error(`background create: ${res.status} ${JSON.stringify(res.body)}`);
          await call(replicas[(client + n + 1) % 4].url, 'GET', kirim.collection, { headers, query: { limit: 5 } });
        }
      });
      try {
        const seen: string[] = [];
        for (let round = 0; round < 12; round++) seen.push(await roundTrip(round, 'busy'));
        expect(new Set(seen).size).toBe(12);
      } finally {
        running = false;
        await Promise.all(background);
      }
    });
  });

  it('a replica that missed a removal whose tombstone was pruned since reloads from the database, and serves no ghost', async () => {
    const kirim = profileOf('kirim');
    const headers = credentialOf(kirim, 'pruned');
    const made: string[] = [];
    for (const name of ['gone', 'kept']) {
      const res = await call(replicas[0].url, 'POST', kirim.collection, { headers, body: { name } });
      expect(res.status).toBe(201);
      made.push(res.body.data.id);
    }
    const [goneId, keptId] = made;
    expect((await call(replicas[3].url, 'GET', `${kirim.collection}/${goneId}`, { headers })).status).toBe(200);
    expect((await call(replicas[0].url, 'DELETE', `${kirim.collection}/${goneId}`, { headers })).status).toBe(200);

    // No request reaches replica 4 meanwhile. The tombstone ages past its TTL, and is pruned as any
    // replica's timer would prune it (the gateway's own function).
    await withClient(database.url, (client) =>
      client.query(`UPDATE label_gateway_documents SET removed_at = now() - interval '1 day' WHERE collection = 'labels' AND id = $1 AND removed`, [goneId]),
    );
    // Pruning waits for the cluster's xmin to pass the removal: another suite's transaction on the
    // shared test server (a CREATE DATABASE takes a while) can hold it back for a moment.
    const pool = new Pool({ connectionString: database.url, max: 1 });
    let left = 1;
    try {
      for (let attempt = 0; left > 0 && attempt < 50; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
        await pruneTombstones(pool);
        left = (await pool.query(`SELECT 1 FROM label_gateway_documents WHERE collection = 'labels' AND id = $1`, [goneId])).rowCount ?? 0;
      }
    } finally {
      await pool.end();
    }
    expect(left).toBe(0);

    expect((await call(replicas[3].url, 'GET', `${kirim.collection}/${goneId}`, { headers })).status).toBe(404);
    expect((await listAll(replicas[3].url, kirim, headers)).map((label) => label.id)).toEqual([keptId]);
    // Its name is free on that replica too, and what it makes now every other replica sees.
    const again = await call(replicas[3].url, 'POST', kirim.collection, { headers, body: { name: 'gone' } });
    expect(again.status).toBe(201);
    for (const gateway of replicas) expect((await listAll(gateway.url, kirim, headers)).map((label) => label.id)).toEqual([keptId, again.body.data.id]);
  });

  describe('POST /__admin/reset on one replica', () => {
    const dialects: DialectId[] = ['kirim', 'supersend-v2', 'supersend-v1', 'jasni', 'attention-v2'];

    async function seed(key: string): Promise<Array<{ profile: DialectProfile; headers: Record<string, string>; id: string; name: string }>> {
      const made = [];
      for (const [n, dialect] of dialects.entries()) {
        const profile = profileOf(dialect);
        // One tenant per dialect: SuperSend v1 and v2 share a store, and v2 lists v1's org-wide labels too.
        const headers = profile.auth(`${key}-${dialect}`);
        const name = `kept ${n}`;
        const res = await call(replicas[n % 4].url, 'POST', profile.collection, { headers, body: profile.createBody(name) });
        expect(res.status).toBe(201);
        made.push({ profile, headers, id: profile.idOf(res.body), name });
      }
      return made;
    }

    it("a tenant's reset, then a full reset, each seen by every other replica at its next request", async () => {
      const one = await seed(`reset-one-${randomUUID()}`);
      const two = await seed(`reset-two-${randomUUID()}`);

      // One tenant, by its credential, through replica 1 (state import machinery: replace()).
      const kirimOne = one.find((made) => made.profile.dialect === 'kirim')!;
      const scoped = await call(replicas[1].url, 'POST', '/__admin/reset', { body: { credential: kirimOne.headers.Authorization } });
      expect(scoped.status).toBe(200);
      for (const gateway of replicas) {
        expect(await listAll(gateway.url, kirimOne.profile, kirimOne.headers)).toEqual([]);
        const other = two.find((made) => made.profile.dialect === 'kirim')!;
        expect((await listAll(gateway.url, other.profile, other.headers)).map((label) => label.id)).toEqual([other.id]);
      }

      // Everything, through replica 2.
      const full = await call(replicas[2].url, 'POST', '/__admin/reset');
      expect(full.status).toBe(200);
      for (const gateway of replicas) {
        for (const made of [...one, ...two]) {
          expect({ dialect: made.profile.dialect, listed: await listAll(gateway.url, made.profile, made.headers) }).toEqual({ dialect: made.profile.dialect, listed: [] });
          if (made.profile.hasGetOne) expect((await call(gateway.url, 'GET', `${made.profile.collection}/${made.id}`, { headers: made.headers })).status).toBe(404);
        }
        const state = await call(gateway.url, 'GET', '/__admin/state');
        expect(state.status).toBe(200);
        expect(JSON.stringify(state.body)).not.toContain('kept ');
      }

      // The names are free again, on any replica (each one another than made them first), and what is
      // created after the reset is seen everywhere.
      const again = [];
      for (const [n, made] of one.entries()) {
        const res = await call(replicas[(n + 3) % 4].url, 'POST', made.profile.collection, { headers: made.headers, body: made.profile.createBody(made.name) });
        expect({ dialect: made.profile.dialect, status: res.status }).toEqual({ dialect: made.profile.dialect, status: 201 });
        again.push({ ...made, id: made.profile.idOf(res.body) });
      }
      for (const gateway of replicas) {
        for (const made of again) {
          expect((await listAll(gateway.url, made.profile, made.headers)).map((label) => idOfLabel(made.profile, label))).toEqual([made.id]);
        }
      }
    });

    it('a state exported from one replica, reset through a second and imported through a third, is what a fourth serves', async () => {
      const made = await seed(`state-${randomUUID()}`);
      // The export comes from a replica that made only some of these labels itself.
      const exported = await call(replicas[3].url, 'GET', '/__admin/state');
      expect(exported.status).toBe(200);
      for (const { name } of made) expect(JSON.stringify(exported.body)).toContain(name);
      expect((await call(replicas[1].url, 'POST', '/__admin/reset')).status).toBe(200);
      for (const { profile, headers } of made) expect(await listAll(replicas[0].url, profile, headers)).toEqual([]);
      const imported = await call(replicas[2].url, 'PUT', '/__admin/state', { body: exported.body });
      expect({ status: imported.status, body: imported.status === 200 ? 'ok' : imported.body }).toEqual({ status: 200, body: 'ok' });
      for (const gateway of replicas) {
        for (const { profile, headers, id, name } of made) {
          const listed = await listAll(gateway.url, profile, headers);
          expect({ dialect: profile.dialect, listed: listed.map((label) => `${idOfLabel(profile, label)}=${label.name}`) }).toEqual({ dialect: profile.dialect, listed: [`${id}=${name}`] });
        }
        expect((await call(gateway.url, 'GET', '/__admin/state')).body).toEqual(exported.body);
      }
    });
  });

  it('never prints the database password: not in the logs, not in /__admin/health', async () => {
    const password = passwordOf(database.url);
    expect(password.length).toBeGreaterThan(3);
    for (const replica of replicas) {
      const health = await call(replica.url, 'GET', '/__admin/health');
      expect(JSON.stringify(health.body)).not.toContain(password);
      expect(replica.stdout()).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+ \(store: postgres:\/\/[^)]*\*\*\*@/);
      expect(replica.stdout()).not.toContain(password);
      expect(replica.stderr()).not.toContain(password);
    }
  });
});

describe('a translating proxy pair sharing one id map (jasni and SuperSend v2 clients → Kirim upstream)', () => {
  const jasni = profileOf('jasni');
  const ROUTE_TEAM = 'team_translated';
  let database: FreshDatabase;
  let upstream: GatewayProcess | undefined;
  let proxies: GatewayProcess[] = [];

  let configDir: string | undefined;

  beforeAll(async () => {
    database = await freshDatabase();
    upstream = await spawnGateway(['--memory', '--quiet']);
    // Jasni by the shorthand flag; SuperSend v2 by a config file, as it needs the route's Kirim team.
    configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lg-replicas-'));
    const config = path.join(configDir, 'gateway.json');
    const supersendRoute = { upstream: `${upstream.url}/kirim`, as: 'kirim', params: { team_id: ROUTE_TEAM } };
    fs.writeFileSync(config, JSON.stringify({ routes: { 'supersend-v2': supersendRoute } }));
    proxies = await startReplicas(2, ['--store', database.url, '--config', config, '--upstream', `jasni=kirim@${upstream.url}/kirim`]);
  });
  afterAll(async () => {
    await stopGateways([...proxies, upstream]);
    await database?.drop();
    if (configDir) fs.rmSync(configDir, { recursive: true, force: true });
  });

  it('serves jasni by translation on both replicas', async () => {
    const headers = credentialOf(jasni, 'translated');
    for (const [n, proxy] of proxies.entries()) {
      const res = await call(proxy.url, 'POST', jasni.collection, { headers, body: { name: `probe ${n}`, color: '#ef4444' } });
      expect(res.status).toBe(201);
      const journal = await call(proxy.url, 'GET', '/__admin/requests', { query: { limit: 1 } });
      expect(journal.body.requests[0]).toMatchObject({ route: 'translation', dialect: 'jasni', operation: 'createLabel', status: 201, upstreamStatus: 201 });
    }
    // Both reached the one Kirim upstream, as the same Kirim tenant (the client's own token).
    const onKirim = await listAll(upstream!.url, profileOf('kirim'), headers);
    expect(onKirim.map((label) => label.name).sort()).toEqual(['probe 0', 'probe 1']);
  });

  it('an id minted through replica 1 resolves through replica 2: get, list, update, delete', async () => {
    const headers = credentialOf(jasni, 'minted');
    for (let round = 0; round < 10; round++) {
      const [first, second] = round % 2 ? [proxies[1], proxies[0]] : [proxies[0], proxies[1]];
      const created = await call(first.url, 'POST', jasni.collection, { headers, body: { name: `minted ${round}`, color: '#ef4444', description: 'lost on Kirim' } });
      expect(created.status).toBe(201);
      const label = created.body.data.label;
      expect(label.id).toMatch(UUID);
      const one = `${jasni.collection}/${label.id}`;

      const got = await call(second.url, 'GET', one, { headers });
      expect({ round, status: got.status, body: got.body }).toMatchObject({ round, status: 200, body: { data: { label: { id: label.id, name: `minted ${round}`, color: '#ef4444' } } } });
      expect((await listAll(second.url, jasni, headers)).map((listed) => listed.id)).toContain(label.id);

      const patched = await call(second.url, 'PATCH', one, { headers, body: { name: `minted ${round} renamed` } });
      expect(patched.status).toBe(200);
      expect(patched.body.data.label).toMatchObject({ id: label.id, name: `minted ${round} renamed` });
      const again = await call(first.url, 'GET', one, { headers });
      expect(again.body.data.label).toMatchObject({ id: label.id, name: `minted ${round} renamed` });

      if (round % 3 === 2) {
        expect((await call(first.url, 'DELETE', one, { headers })).status).toBe(200);
        expect((await call(second.url, 'GET', one, { headers })).status).toBe(404);
      }
    }
  });

  it("pairs a SuperSend v2 client's team with the route's Kirim team once, though both replicas meet it at once", async () => {
    const headers = { Authorization: `Bearer team-pairing-${randomUUID()}` };
    const clientTeam = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, n) =>
        call(proxies[n % 2].url, 'POST', '/supersend/v2/labels', { headers, body: { name: `paired ${n}`, color: '#22c55e', team_id: clientTeam } }),
      ),
    );
    expect(statusCounts(answers)).toEqual({ 201: 40 });
    for (const answer of answers) {
      expect(answer.body.data.team_id).toBe(clientTeam);
      expect(answer.headers.get('x-label-gateway-lost-fields') ?? '').not.toContain('team_id');
    }
    const made = answers.map((answer) => `${answer.body.data.id}=${answer.body.data.name}`).sort();
    for (const proxy of proxies) {
      const listed = await call(proxy.url, 'GET', '/supersend/v2/labels', { headers, query: { team_id: clientTeam, limit: 100 } });
      expect(listed.status).toBe(200);
      expect(listed.body.data.map((label: Body) => `${label.id}=${label.name}`).sort()).toEqual(made);
      expect(new Set(listed.body.data.map((label: Body) => label.team_id))).toEqual(new Set([clientTeam]));
    }
    // On Kirim, all forty are in the route's team.
    const upstreamLabels = await listAll(upstream!.url, profileOf('kirim'), headers, { team_id: ROUTE_TEAM });
    expect(upstreamLabels).toHaveLength(40);
  });

  it('labels made on the upstream directly get one client id, however many replicas see them first at once', async () => {
    const key = `jsk_direct-${randomUUID()}`;
    const headers = { Authorization: `Bearer ${key}` };
    // The translating route presents the client's own token to Kirim: these are the same tenant's labels.
    const upstreamIds: string[] = [];
    for (let n = 0; n < 8; n++) {
      const res = await call(upstream!.url, 'POST', '/kirim/v1/labels', { headers, body: { name: `direct ${n}`, color: 'red' } });
      expect(res.status).toBe(201);
      upstreamIds.push(res.body.data.id);
    }
    // Both replicas, several lists each, all at once: each pairs the upstream ids it has not seen with a new UUID.
    const lists = await Promise.all(Array.from({ length: 8 }, (_, n) => call(proxies[n % 2].url, 'GET', jasni.collection, { headers })));
    for (const list of lists) expect(list.status).toBe(200);
    const idsOf = (list: Answer) => list.body.data.labels.map((label: Body) => `${label.name}=${label.id}`).sort();
    const first = idsOf(lists[0]);
    expect(first).toHaveLength(8);
    for (const list of lists) expect(idsOf(list)).toEqual(first);

    // And each id then resolves on either replica.
    for (const entry of first) {
      const id = entry.split('=')[1];
      for (const proxy of proxies) expect((await call(proxy.url, 'GET', `${jasni.collection}/${id}`, { headers })).status).toBe(200);
    }
  });
});

describe('the database stopped and restarted under load', () => {
  const kirim = profileOf('kirim');
  let server: PrivateServer | undefined;
  let database: FreshDatabase;
  let gateway: GatewayProcess | undefined;

  beforeAll(async () => {
    server = await privateServerStarting;
    database = await server!.freshDatabase();
    // JSON logs: the lifecycle line carries the store's URL as a field too, which must be redacted as well.
    gateway = await spawnGateway(['--store', database.url, '--log-format', 'json']);
  });
  afterAll(async () => {
    await stopGateways([gateway]);
  });

  it('answers 503 in the dialect’s envelope while it is away, never hangs or dies, resumes by itself, and loses nothing it acknowledged', async () => {
    const url = gateway!.url;
    const headers = credentialOf(kirim, 'outage');
    const acknowledged: string[] = [];
    type Timed = Answer & { phase: string; sentAt: number };
    const answers: Timed[] = [];
    const failures: string[] = [];
    let phase = 'up';
    let running = true;
    let sent = 0;

    // Four clients creating labels back to back for the whole test; each answer is filed under the
    // phase it was sent in: up, stopping, down, starting, back.
    const clients = Array.from({ length: 4 }, async () => {
      while (running) {
        const name = `load ${++sent}`;
        const sentIn = phase;
        const sentAt = performance.now();
        try {
          const answer = await call(url, 'POST', kirim.collection, { headers, body: { name, color: 'gray' }, timeoutMs: 10000 });
          answers.push({ ...answer, phase: sentIn, sentAt });
          if (answer.status === 201) acknowledged.push(answer.body.data.id);
          else if (answer.status !== 503) failures.push(`${name}: ${answer.status} ${JSON.stringify(answer.body)}`);
          // Told "503, Retry-After: 1", a client comes back soon, if not a whole second later.
          if (answer.status === 503) await sleep(50);
        } catch (error) {
          failures.push(`${name}: no answer (${(error as Error).message})`);
        }
      }
    });
    const inPhase = (name: string, status: number) => answers.filter((answer) => answer.phase === name && answer.status === status);
    const waitFor = async (what: string, condition: () => boolean, withinMs: number) => {
      const until = performance.now() + withinMs;
      while (!condition()) {
        if (performance.now() > until) throw new Error(`not within ${withinMs} ms: ${what} (statuses: ${JSON.stringify(statusCounts(answers))}; failures: ${failures.slice(0, 5).join('; ')})`);
        await sleep(25);
      }
    };

    const resumedAfterMs: number[] = [];
    /** From asking the server to stop to receiving the first 201 after it started again. */
    const outages: Array<{ from: number; to: number }> = [];
    try {
      let before = 'up';
      for (const mode of ['fast', 'immediate'] as const) {
        await waitFor(`creates succeed before the ${mode} stop`, () => inPhase(before, 201).length >= 20, 10000);
        phase = `stopping ${mode}`;
        const outage = { from: performance.now(), to: Infinity };
        outages.push(outage);
        await server!.stop(mode);
        phase = `down ${mode}`;
        await waitFor(`503s while the database is stopped (${mode})`, () => inPhase(phase, 503).length >= 10, 10000);
        await sleep(1000); // an outage long enough for every pooled connection to have failed
        const health = await call(url, 'GET', '/__admin/health', { timeoutMs: 10000 });
        expect({ mode, status: health.status }).toEqual({ mode, status: 503 });
        expect(health.body).toMatchObject({ status: 'unavailable', store: 'postgres' });
        expectUnavailableAnswer(await call(url, 'GET', kirim.collection, { headers, timeoutMs: 10000 }));
        expect((await call(url, 'GET', '/__admin/state', { timeoutMs: 10000 })).status).toBe(503);
        expect(isAlive(gateway!)).toBe(true);

        phase = `starting ${mode}`;
        await server!.start();
        const startedAt = performance.now();
        phase = before = `back ${mode}`;
        await waitFor(`a create succeeds after the restart (${mode})`, () => inPhase(phase, 201).length > 0, 5000);
        resumedAfterMs.push(performance.now() - startedAt);
        const firstOk = inPhase(phase, 201)[0];
        outage.to = firstOk.sentAt + firstOk.ms;
        expect((await call(url, 'GET', '/__admin/health')).status).toBe(200);
      }
      await waitFor('creates go on after the last restart', () => inPhase(before, 201).length >= 20, 10000);
    } finally {
      running = false;
      await Promise.all(clients);
    }

    expect(failures).toEqual([]);
    expect(isAlive(gateway!)).toBe(true);
    // While it was away, 503s in Kirim's error envelope, each quickly (no request waits for a
    // database that is not there). Outside the outages (before the first stop, and once a create
    // had succeeded after a restart), nothing but 201s.
    for (const answer of answers) if (answer.status === 503) expectUnavailableAnswer(answer);
    expect(Math.max(...answers.map((answer) => answer.ms))).toBeLessThan(4000);
    const clear = answers.filter((answer) => outages.every(({ from, to }) => answer.sentAt + answer.ms < from || answer.sentAt > to));
    expect(clear.length).toBeGreaterThan(40);
    expect(statusCounts(clear)).toEqual({ 201: clear.length });
    expect(resumedAfterMs.every((ms) => ms < 5000)).toBe(true);

    // Nothing acknowledged is lost: not from this gateway's view, nor from the database's.
    const listedIds = (await listAll(url, kirim, headers)).map((label) => label.id);
    expect(new Set(listedIds).size).toBe(listedIds.length);
    expect(acknowledged.filter((id) => !listedIds.includes(id))).toEqual([]);
    const stored = await withClient(database.url, (client) =>
      client.query<{ id: string }>(`SELECT doc ->> 'id' AS id FROM label_gateway_documents WHERE collection = 'labels' AND NOT removed`),
    );
    const storedIds = stored.rows.map((row) => row.id);
    expect(acknowledged.filter((id) => !storedIds.includes(id))).toEqual([]);
    expect([...storedIds].sort()).toEqual([...listedIds].sort());

    // What it logged about the outage, it logged without the password, a stack trace or an error.
    const password = passwordOf(database.url);
    const log = gateway!.stdout() + gateway!.stderr();
    expect(log).not.toContain(password);
    expect(log).not.toMatch(/\n\s+at |\\n\s+at |"stack"/);
    const lines = [...gateway!.stdout().split('\n'), ...gateway!.stderr().split('\n')];
    const entries = lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
    expect(entries.filter((entry) => entry.level === 'error' || entry.level === 'fatal')).toEqual([]);
    // Each outage is said once when it begins and once when it ends (noticed by the catch-up that
    // precedes every request, so a busy pool cannot hide it).
    const warnings = entries.filter((entry) => entry.level === 'warn').map((entry) => String(entry.msg));
    for (const warning of warnings) expect(warning).toMatch(/cannot be reached; requests get 503 until it is back|is reachable again/);
    expect(warnings.some((warning) => warning.includes('cannot be reached'))).toBe(true);
    expect(warnings.some((warning) => warning.includes('reachable again'))).toBe(true);
    const listening = lines.find((line) => line.includes('"lifecycle"') && line.includes('listening'));
    expect(JSON.parse(listening!)).toMatchObject({ store: expect.stringMatching(/^postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\//) });
  });

  it('stops on SIGTERM, exit 0, promptly, while the database is away', async () => {
    expect((await call(gateway!.url, 'GET', '/__admin/health')).status).toBe(200);
    await server!.stop('fast');
    expect((await call(gateway!.url, 'GET', '/__admin/health')).status).toBe(503);
    const startedAt = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      gateway!.kill('SIGTERM'),
      new Promise((resolve) => (timer = setTimeout(() => resolve('still running after 8 s'), 8000))),
    ]).finally(() => clearTimeout(timer));
    expect(code).toBe(0);
    expect(performance.now() - startedAt).toBeLessThan(5000);
    expect(gateway!.stdout() + gateway!.stderr()).not.toContain(passwordOf(database.url));
  });
});

describe('the database unreachable at start', () => {
  /** A start-up refusal: non-zero, quickly, one line on stderr and nothing else, never the password. */
  async function refusedStart(args: string[], env: NodeJS.ProcessEnv = {}) {
    const startedAt = performance.now();
    const result = await runCommand(['serve', '--port', '0', '--quiet', ...args], env);
    return { ...result, ms: performance.now() - startedAt, lines: result.stderr.trim().split('\n') };
  }
  type Refusal = Awaited<ReturnType<typeof refusedStart>>;
  let port: number;
  let byFlag: Refusal;
  let byEnv: Refusal;
  let wrongPassword: Refusal;

  // The three starts run at once (each loads every spec before it opens the store).
  beforeAll(async () => {
    port = await closedPort();
    const unreachable = `postgres://gateway:s3cret-pw@127.0.0.1:${port}/labels`;
    const wrong = `postgres://postgres:s3cret-pw@${new URL(testServerUrl()).host}/postgres`;
    [byFlag, byEnv, wrongPassword] = await Promise.all([
      refusedStart(['--store', unreachable]),
      refusedStart([], { DATABASE_URL: unreachable }),
      refusedStart(['--store', wrong]),
    ]);
  });

  it.each([
    ['--store', () => byFlag],
    ['$DATABASE_URL', () => byEnv],
  ])('given by %s: exits non-zero with one clear line naming the server, no stack trace, and never the password', (_how, refusal) => {
    const result = refusal();
    expect({ code: result.code === 0 ? 0 : 'non-zero', stdout: result.stdout }).toEqual({ code: 'non-zero', stdout: '' });
    expect(result.lines).toEqual([expect.stringMatching(/^label-gateway: .*PostgreSQL.*/)]);
    expect(result.lines[0]).toContain(`127.0.0.1:${port}`);
    expect(result.lines[0]).toMatch(/ECONNREFUSED|refused/i);
    expect(result.stderr).not.toContain('s3cret-pw');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.ms).toBeLessThan(20000); // no hang: start-up itself takes a few seconds on a loaded 2-core machine
  });

  it('refuses a wrong password the same way, without repeating it', () => {
    const result = wrongPassword;
    expect({ code: result.code === 0 ? 0 : 'non-zero', stdout: result.stdout }).toEqual({ code: 'non-zero', stdout: '' });
    expect(result.lines).toEqual([expect.stringMatching(/^label-gateway: .*PostgreSQL.*password authentication failed/)]);
    expect(result.stderr).not.toContain('s3cret-pw');
    expect(result.ms).toBeLessThan(20000); // no hang: start-up itself takes a few seconds on a loaded 2-core machine
  });
});
