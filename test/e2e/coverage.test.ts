import request from 'supertest';
import { DIALECT_IDS, VENDOR_OF, VENDOR_PREFIX, type DialectId } from '../../src/core/dialects';
import { defaultSpecsDir } from '../../src/options';
import { loadSpecs } from '../../src/specs/spec-loader';
import { profileOf, uniqueName } from '../support/dialect-profiles';
import { operationsOf, type Document } from '../support/spec-operations';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- coverage JSON as a CI job reads it

/** What the coverage must list for a dialect, read from its spec alone: operations, and the statuses each lists (not `default`). */
async function specCatalogue(): Promise<Record<DialectId, Array<{ operation: string; method: string; path: string; statuses: string[] }>>> {
  const specs = await loadSpecs(DIALECT_IDS, defaultSpecsDir());
  const catalogue = {} as Record<DialectId, Array<{ operation: string; method: string; path: string; statuses: string[] }>>;
  for (const dialect of DIALECT_IDS) {
    catalogue[dialect] = operationsOf(specs.get(dialect)!.document as unknown as Document).map((operation) => ({
      operation: operation.operationId,
      method: operation.method.toUpperCase(),
      path: VENDOR_PREFIX[VENDOR_OF[dialect]] + operation.path,
      statuses: Object.keys(operation.operation.responses ?? {}).filter((status) => status !== 'default'),
    }));
  }
  return catalogue;
}

let gateway: TestGateway;
let expected: Awaited<ReturnType<typeof specCatalogue>>;
beforeAll(async () => {
  [gateway, expected] = await Promise.all([startTestGateway(), specCatalogue()]);
});
afterAll(() => gateway.stop());
beforeEach(() => request(gateway.url).delete('/__admin/requests').expect(200));

const coverage = async (query = ''): Promise<Body> => (await request(gateway.url).get(`/__admin/coverage${query}`).expect(200)).body;
const dialectOf = (report: Body, dialect: DialectId): Body => report.dialects.find((entry: Body) => entry.dialect === dialect);
const operationOf = (report: Body, dialect: DialectId, operation: string): Body => dialectOf(report, dialect).operations.find((entry: Body) => entry.operation === operation);
const exercisedStatuses = (entry: Body): string[] => entry.statuses.filter((status: Body) => status.exercised).map((status: Body) => status.status);

const kirim = profileOf('kirim');
const createKirim = (key: string, body: Record<string, unknown>) => gateway.api.post(kirim.collection).set(kirim.auth(key)).send(body);

describe('GET /__admin/coverage', () => {
  it('lists every operation of every dialect with the statuses its spec lists, none exercised before any traffic', async () => {
    const report = await coverage();
    expect(report.dialects.map((entry: Body) => entry.dialect)).toEqual([...DIALECT_IDS]);
    for (const dialect of DIALECT_IDS) {
      const entry = dialectOf(report, dialect);
      expect(entry.operations.map(({ operation, method, path, statuses }: Body) => ({ operation, method, path, statuses: statuses.map((status: Body) => status.status) }))).toEqual(expected[dialect]);
      expect(entry.operations.every((operation: Body) => !operation.exercised && operation.statuses.every((status: Body) => !status.exercised))).toBe(true);
      expect(entry.untouched.operations).toEqual(expected[dialect].map((operation) => operation.operation));
      const statusCount = expected[dialect].reduce((total, operation) => total + operation.statuses.length, 0);
      expect(entry.summary).toEqual({ operations: expected[dialect].length, operationsExercised: 0, statuses: statusCount, statusesExercised: 0 });
      expect(entry.untouched.statuses).toHaveLength(statusCount);
    }
  });

  it('marks what the traffic exercised: operations, the listed statuses they answered, and statuses the spec only covers by default', async () => {
    const name = uniqueName('covered');
    await createKirim('cov', { name, color: 'red' }).expect(201);
    await createKirim('cov', { name, color: 'red' }).expect(400); // a duplicate name: Kirim's invalid_field_value
    await gateway.api.get(`${kirim.collection}/lbl_01HXYZABCDEFGHJKMNPQRSTVWX`).set(kirim.auth('cov')).expect(404);

    const report = await coverage();
    const create = operationOf(report, 'kirim', 'createLabel');
    expect(create.exercised).toBe(true);
    expect(exercisedStatuses(create)).toEqual(['201', '400']);
    expect(create.otherStatuses).toEqual([]);
    const get = operationOf(report, 'kirim', 'getLabel');
    expect(get.exercised).toBe(true);
    // getLabel lists 200, 429, 500, 503; its 404 is documented by the `default` response only.
    expect(exercisedStatuses(get)).toEqual([]);
    expect(get.otherStatuses).toEqual([{ status: 404, documentedBy: 'default' }]);
    expect(create.statuses.find((status: Body) => status.status === '201').inferred).toBe(true);

    const entry = dialectOf(report, 'kirim');
    expect(entry.summary).toMatchObject({ operationsExercised: 2, statusesExercised: 2 });
    expect(entry.untouched.operations).not.toContain('createLabel');
    expect(entry.untouched.statuses).toContain('createLabel 429');
    expect(entry.untouched.statuses).not.toContain('createLabel 201');
    // Nothing else was touched.
    for (const dialect of DIALECT_IDS.filter((other) => other !== 'kirim')) expect(dialectOf(report, dialect).summary.operationsExercised).toBe(0);
  });

  it("counts a fault's answer as the status the client saw", async () => {
    const jasni = profileOf('jasni');
    const fault = await request(gateway.url).post('/__admin/faults').send({ dialect: 'jasni', operation: 'createLabel', respond: { status: 429 }, times: 1 }).expect(201);
    await gateway.api.post(jasni.collection).set(jasni.auth('cov')).send(jasni.createBody(uniqueName('limited'))).expect(429);
    expect(exercisedStatuses(operationOf(await coverage(), 'jasni', 'createLabel'))).toEqual(['429']);
    await request(gateway.url).delete(`/__admin/faults/${fault.body.id}`);
  });

  it('a request that matched no operation covers nothing', async () => {
    await request(gateway.url).get('/kirim/v1/nowhere').set(kirim.auth('cov')).expect(404);
    expect(dialectOf(await coverage(), 'kirim').summary.operationsExercised).toBe(0);
  });

  it('?dialect= narrows the report; an unknown dialect or parameter is a 400 naming it', async () => {
    expect((await coverage('?dialect=jasni,kirim')).dialects.map((entry: Body) => entry.dialect)).toEqual(['kirim', 'jasni']);
    const wrongDialect = await request(gateway.url).get('/__admin/coverage?dialect=kirimm').expect(400);
    expect(wrongDialect.body).toMatchObject({ error: 'validation_error', field: 'dialect' });
    const wrongParameter = await request(gateway.url).get('/__admin/coverage?dialects=kirim').expect(400);
    expect(wrongParameter.body).toMatchObject({ error: 'validation_error', field: 'dialects' });
  });
});

describe('coverage resets with the journal', () => {
  const jasni = profileOf('jasni');
  async function touchKirimAndJasni(key: string): Promise<void> {
    await gateway.api.get(kirim.collection).set(kirim.auth(key)).expect(200);
    await gateway.api.get(jasni.collection).set(jasni.auth(key)).expect(200);
  }
  const listed = async (dialect: DialectId) => operationOf(await coverage(), dialect, 'listLabels').exercised as boolean;

  it('DELETE /__admin/requests forgets it all; with a filter, what the filter selects', async () => {
    await touchKirimAndJasni('reset-a');
    await request(gateway.url).delete('/__admin/requests?dialect=kirim').expect(200);
    expect([await listed('kirim'), await listed('jasni')]).toEqual([false, true]);
    await request(gateway.url).delete('/__admin/requests').expect(200);
    expect([await listed('kirim'), await listed('jasni')]).toEqual([false, false]);
  });

  it('POST /__admin/reset of one vendor forgets that vendor’s coverage, as the journal forgets its exchanges', async () => {
    await touchKirimAndJasni('reset-b');
    await request(gateway.url).post('/__admin/reset?vendor=kirim').expect(200);
    expect([await listed('kirim'), await listed('jasni')]).toEqual([false, true]);
  });

  it('a tenant’s reset forgets that tenant only: what another tenant exercised stays covered', async () => {
    await gateway.api.get(kirim.collection).set(kirim.auth('tenant-one')).expect(200);
    await createKirim('tenant-two', { name: uniqueName('two') }).expect(201);
    await gateway.api.get(kirim.collection).set(kirim.auth('tenant-two')).expect(200);
    await request(gateway.url).post('/__admin/reset').send({ credential: 'Bearer tenant-two' }).expect(200);
    const report = await coverage();
    expect(operationOf(report, 'kirim', 'listLabels').exercised).toBe(true);
    expect(operationOf(report, 'kirim', 'createLabel').exercised).toBe(false);
  });

  it('DELETE with since forgets what came from then on, and keeps what came before', async () => {
    await gateway.api.get(kirim.collection).set(kirim.auth('since')).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await gateway.api.get(kirim.collection).set(kirim.auth('since')).expect(200);
    await createKirim('since', { name: uniqueName('since') }).expect(201);
    await request(gateway.url).delete(`/__admin/requests?since=${since}`).expect(200);
    const report = await coverage();
    expect(operationOf(report, 'kirim', 'listLabels').exercised).toBe(true);
    expect(operationOf(report, 'kirim', 'createLabel').exercised).toBe(false);
  });

  it('outlives the journal’s window: an exchange the journal no longer holds still counts until the journal is cleared', async () => {
    await gateway.api.delete(`${kirim.collection}/lbl_01HXYZABCDEFGHJKMNPQRSTVWX`).set(kirim.auth('window')).expect(404);
    // The journal keeps the last 1,000 exchanges: a thousand lists push the delete out of it.
    const lists = Array.from({ length: 1000 }, () => kirim.collection);
    for (let start = 0; start < lists.length; start += 50) {
      await Promise.all(lists.slice(start, start + 50).map((path) => fetch(`${gateway.url}${path}`, { headers: kirim.auth('window') }).then((res) => res.arrayBuffer())));
    }
    expect((await request(gateway.url).get('/__admin/requests/count?operation=deleteLabel').expect(200)).body).toEqual({ count: 0 });
    expect(operationOf(await coverage(), 'kirim', 'deleteLabel')).toMatchObject({ exercised: true, otherStatuses: [{ status: 404, documentedBy: 'default' }] });
    await request(gateway.url).delete('/__admin/requests').expect(200);
    expect(operationOf(await coverage(), 'kirim', 'deleteLabel').exercised).toBe(false);
  });
});
