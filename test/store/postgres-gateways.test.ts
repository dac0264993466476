import request from 'supertest';
import { startGateway, type RunningGateway } from '../../src/gateway';
import { silentLogger } from '../../src/http/logger';
import { profileOf, uniqueName } from '../support/dialect-profiles';
import { freshDatabase, type FreshDatabase } from '../support/postgres';

/**
 * Two gateways in one process, each with its own engine and connections, on one database: what a
 * shared store adds above the engine (the gateway-level rules). Separate processes are in
 * test/e2e/postgres-replicas.test.ts.
 */
const kirim = profileOf('kirim');
const jasni = profileOf('jasni');
const supersend = profileOf('supersend-v2');

describe('gateways sharing a PostgreSQL store', () => {
  let database: FreshDatabase;
  let gateways: RunningGateway[];

  beforeAll(async () => {
    database = await freshDatabase();
    const url = database.url; // with the suite server's password in it
    gateways = await Promise.all(
      [0, 1].map(() =>
        startGateway({ port: 0, host: '127.0.0.1', store: url, logger: silentLogger, rateLimits: { kirim: { limit: 5, windowSeconds: 60 } } }),
      ),
    );
  });
  afterAll(async () => {
    for (const gateway of gateways ?? []) await gateway.stop();
    await database?.drop();
  });

  it('says in /__admin/health that the store is postgres, and never shows the password', async () => {
    const password = new URL(database.url).password;
    expect(password.length).toBeGreaterThan(0);
    const health = await request(gateways[0].url).get('/__admin/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', store: 'postgres' });
    expect(JSON.stringify(health.body)).not.toContain(password);
    expect(gateways[0].store).toMatch(/^postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\//);
    expect(gateways[0].store).not.toContain(password);
  });

  it('holds a rate limit across gateways: five requests in all, wherever they land', async () => {
    const statuses: number[] = [];
    for (let n = 0; n < 10; n++) {
      const answer = await request(gateways[n % 2].url).get(kirim.collection).set(kirim.auth('sk_shared_limit'));
      statuses.push(answer.status);
    }
    expect(statuses.filter((status) => status === 200)).toHaveLength(5);
    expect(statuses.slice(5)).toEqual([429, 429, 429, 429, 429]);
    // Another credential has a window of its own.
    await request(gateways[1].url).get(kirim.collection).set(kirim.auth('sk_other_limit')).expect(200);
  });

  it('shares the counts of a limit put in force at run time on each gateway, and a changed limit counts afresh', async () => {
    const statusesOf = async (count: number, key: string) => {
      const statuses: number[] = [];
      for (let n = 0; n < count; n++) statuses.push((await request(gateways[n % 2].url).get(jasni.collection).set(jasni.auth(key))).status);
      return statuses;
    };
    for (const gateway of gateways) await gateway.rateLimits.set('jasni', { limit: 3, windowSeconds: 60 });
    expect(await statusesOf(5, 'runtime_limit')).toEqual([200, 200, 200, 429, 429]);
    for (const gateway of gateways) await gateway.rateLimits.set('jasni', { limit: 4, windowSeconds: 60 });
    expect(await statusesOf(5, 'runtime_limit')).toEqual([200, 200, 200, 200, 429]);
    for (const gateway of gateways) await gateway.rateLimits.clear('jasni');
    expect(await statusesOf(2, 'runtime_limit')).toEqual([200, 200]);
  });

  it('answers a read on one gateway with what the other just wrote', async () => {
    for (let round = 0; round < 10; round++) {
      const [writer, reader] = round % 2 === 0 ? gateways : [...gateways].reverse();
      const auth = kirim.auth(`sk_raw_${round}`);
      const created = await request(writer.url).post(kirim.collection).set(auth).send(kirim.createBody(uniqueName('raw'))).expect(201);
      const id = kirim.idOf(created.body);
      await request(reader.url).get(`${kirim.collection}/${id}`).set(auth).expect(200);
      await request(reader.url).delete(`${kirim.collection}/${id}`).set(auth).expect((answer) => expect(answer.status).toBeLessThan(300));
      await request(writer.url).get(`${kirim.collection}/${id}`).set(auth).expect(404);
    }
  });

  it('takes bursts of first writes of new tenants without a spurious 503', async () => {
    // Three new tenants, 100 creates of one name each, all at once across both gateways: each burst
    // gets one 201 and SuperSend v2's duplicate answer for the rest (its first create also records
    // the team), never a 503 while the database is fine. (SuperSend: Kirim is rate limited here.)
    const statuses = await Promise.all(
      [0, 1, 2].flatMap((tenant) =>
        Array.from({ length: 100 }, (_, n) =>
          request(gateways[n % 2].url).post(supersend.collection).set(supersend.auth(`sk_burst_${tenant}`)).send(supersend.createBody('burst')).then((answer) => `${tenant}:${answer.status}`),
        ),
      ),
    );
    const count = (wanted: string) => statuses.filter((status) => status === wanted).length;
    for (const tenant of [0, 1, 2]) {
      expect(count(`${tenant}:201`)).toBe(1);
      expect(count(`${tenant}:${supersend.duplicateStatus}`)).toBe(99);
    }
  });
});
