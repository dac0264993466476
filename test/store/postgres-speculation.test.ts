import request from 'supertest';
import { startGateway, type RunningGateway } from '../../src/gateway';
import { silentLogger } from '../../src/http/logger';
import { ChangeFeed } from '../../src/store/postgres/change-feed';
import { profileOf, uniqueName } from '../support/dialect-profiles';
import { freshDatabase, type FreshDatabase } from '../support/postgres';

/**
 * Creates on a shared store decide on the view their gateway holds, without catching up first, and
 * the database confirms that view at their insert (src/store/speculation.ts). These are the cases
 * where the view a create decides on lacks another gateway's acknowledged write: the answer must be
 * the one a caught-up gateway gives. Each test starts two fresh gateways on a fresh database, so
 * the second has heard of no write of the first until it serves a request. The feed's confirmations and refusals are counted to show which path a create took.
 */
const kirim = profileOf('kirim');
const supersend = profileOf('supersend-v2');

describe('creates confirmed at their insert on a shared PostgreSQL store', () => {
  let database: FreshDatabase | undefined;
  let gateways: RunningGateway[] = [];
  const confirmed = jest.spyOn(ChangeFeed.prototype, 'viewConfirmed');
  const stale = jest.spyOn(ChangeFeed.prototype, 'viewStale');
  const catchUps = jest.spyOn(ChangeFeed.prototype, 'catchUp');

  // A database per test: the suite server is shared, and while another suite's transaction holds
  // the cluster's xmin back, an earlier test's rows would count as another writer's past the view.
  beforeEach(async () => {
    database = await freshDatabase();
    const url = database.url;
    gateways = await Promise.all([0, 1].map(() => startGateway({ port: 0, host: '127.0.0.1', store: url, logger: silentLogger })));
    for (const spy of [confirmed, stale, catchUps]) spy.mockClear();
  });
  afterEach(async () => {
    for (const gateway of gateways) await gateway.stop();
    await database?.drop();
  });
  afterAll(() => jest.restoreAllMocks());

  it('creates without a catch-up when no other gateway wrote, the insert confirming the view', async () => {
    const [gateway] = gateways;
    const auth = kirim.auth('sk_quiet');
    await request(gateway.url).post(kirim.collection).set(auth).send(kirim.createBody(uniqueName('first'))).expect(201);
    catchUps.mockClear();
    confirmed.mockClear();

    for (let n = 0; n < 5; n++) await request(gateway.url).post(kirim.collection).set(auth).send(kirim.createBody(uniqueName('quiet'))).expect(201);

    expect(catchUps).not.toHaveBeenCalled();
    expect(confirmed).toHaveBeenCalledTimes(5);
    expect(stale).not.toHaveBeenCalled();
    // And a read on the other gateway sees them, as it catches up before it reads.
    const list = await request(gateways[1].url).get(kirim.collection).query({ limit: 50 }).set(auth).expect(200);
    expect(kirim.namesIn(list.body)).toHaveLength(6);
  });

  it('restores a label another gateway deleted, under its id, though the view it decided on still had it live (SuperSend v2)', async () => {
    const [first, second] = gateways;
    const auth = supersend.auth('sk_restore');
    const name = uniqueName('restorable');
    // Created by the second gateway: its view holds the label, live, and has heard of no other writer.
    const created = await request(second.url).post(supersend.collection).set(auth).send(supersend.createBody(name)).expect(201);
    const id = supersend.idOf(created.body);
    await request(first.url).delete(`${supersend.collection}/${id}`).set(auth).expect((answer) => expect(answer.status).toBeLessThan(300));
    stale.mockClear();

    const again = await request(second.url).post(supersend.collection).set(auth).send(supersend.createBody(name)).expect(201);

    expect(supersend.idOf(again.body)).toBe(id);
    expect(stale).toHaveBeenCalledTimes(1); // it did decide on its own view first, and the database refused it
  });

  it("resolves Kirim's team to the one another gateway created, rather than making a default team beside it", async () => {
    const [first, second] = gateways;
    const auth = kirim.auth('sk_one_team');
    // The second gateway serves the tenant first, so it has no team of it in view.
    await request(second.url).get(kirim.collection).query({ limit: 5 }).set(auth).expect(200);
    await request(first.url).post(kirim.collection).set(auth).send({ ...kirim.createBody(uniqueName('named')), team_id: 'team_named' }).expect(201);
    stale.mockClear();

    const resolved = await request(second.url).post(kirim.collection).set(auth).send(kirim.createBody(uniqueName('resolved'))).expect(201);

    expect(resolved.body.data.team_id).toBe('team_named');
    expect(stale).toHaveBeenCalled();
    // Had a default team been made, the organisation would now have two, and a create must name one.
    await request(first.url).post(kirim.collection).set(auth).send(kirim.createBody(uniqueName('still one team'))).expect(201);
  });

  it('answers a name another gateway took as a conflict, in the dialect', async () => {
    const [first, second] = gateways;
    const auth = kirim.auth('sk_taken');
    const name = uniqueName('taken');
    await request(second.url).get(kirim.collection).query({ limit: 5 }).set(auth).expect(200);
    await request(first.url).post(kirim.collection).set(auth).send(kirim.createBody(name)).expect(201);

    const duplicate = await request(second.url).post(kirim.collection).set(auth).send(kirim.createBody(name));

    expect(duplicate.status).toBe(kirim.duplicateStatus);
    const list = await request(second.url).get(kirim.collection).query({ limit: 50 }).set(auth).expect(200);
    expect(kirim.namesIn(list.body)).toEqual([name]);
  });

  it('catches up before a create for a while after another gateway wrote, rather than be refused again and again', async () => {
    const [first, second] = gateways;
    const auth = kirim.auth('sk_busy');
    await request(first.url).post(kirim.collection).set(auth).send(kirim.createBody(uniqueName('elsewhere'))).expect(201);
    await request(second.url).post(kirim.collection).set(auth).send(kirim.createBody(uniqueName('refused once'))).expect(201);
    expect(stale).toHaveBeenCalledTimes(1);
    // The first gateway hears of the second's writes at its next read.
    await request(first.url).get(kirim.collection).query({ limit: 5 }).set(auth).expect(200);
    stale.mockClear();

    for (let n = 0; n < 3; n++) {
      await request(first.url).post(kirim.collection).set(auth).send(kirim.createBody(uniqueName('elsewhere'))).expect(201);
      await request(second.url).post(kirim.collection).set(auth).send(kirim.createBody(uniqueName('caught up'))).expect(201);
    }
    expect(stale).not.toHaveBeenCalled();
  });
});
