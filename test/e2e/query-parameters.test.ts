import request from 'supertest';
import { DIALECT_IDS, VENDOR_OF, VENDOR_PREFIX, type DialectId } from '../../src/core/dialects';
import { defaultSpecsDir } from '../../src/options';
import type { CompiledOperation } from '../../src/specs/compiled-operation';
import { loadSpecs } from '../../src/specs/spec-loader';
import { PROFILES } from '../support/dialect-profiles';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

/**
 * Query numbers in every dialect: an integer parameter is decimal digits (an optional `-`), nothing
 * else. The parameters come from the specs themselves, so a parameter added to a spec is covered here.
 */

let gateway: TestGateway;
let numericParameters: Map<DialectId, Array<{ operation: CompiledOperation; name: string }>>;

beforeAll(async () => {
  gateway = await startTestGateway();
  const specs = await loadSpecs(DIALECT_IDS, defaultSpecsDir());
  numericParameters = new Map(
    DIALECT_IDS.map((dialect) => [
      dialect,
      specs.get(dialect)!.operations.flatMap((operation) =>
        [...operation.queryParameters.coercions].map(([name, kind]) => {
          if (kind !== 'integer') throw new Error(`${dialect} ${operation.operationId} ${name}: a ${kind} query parameter; extend this test`);
          return { operation, name };
        }),
      ),
    ]),
  );
});
afterAll(() => gateway.stop());

/** Text `Number()` (and ajv's coerceTypes) took for a number, and other text that is not plain decimal. */
const NOT_DECIMAL = ['Infinity', '-Infinity', '1e400', '1e2', '0x10', '0b1', '0o7', ' 5', '5 ', '+5', '5.0', '5.', '.5', '', 'abc', '1_000', '٥', 'NaN'];

describe.each(PROFILES)('$dialect query numbers', (profile) => {
  /** The gateway path of an operation on the collection (the only place numeric parameters live today). */
  function pathOf(operation: CompiledOperation): string {
    if (operation.path.includes('{')) throw new Error(`${operation.operationId}: a numeric parameter on ${operation.path}; extend this test`);
    return VENDOR_PREFIX[VENDOR_OF[profile.dialect]] + operation.path;
  }

  const get = (operation: CompiledOperation, query: Record<string, string>) =>
    gateway.api
      .get(`${pathOf(operation)}?${new URLSearchParams({ ...profile.listQuery, ...query })}`)
      .set(profile.auth(`query-numbers-${profile.dialect}`));

  it('answers the dialect\'s 400, naming the parameter, to any integer not written in plain decimal', async () => {
    const answers: string[] = [];
    for (const { operation, name } of numericParameters.get(profile.dialect)!) {
      for (const text of NOT_DECIMAL) {
        const res = await get(operation, { [name]: text }); // the envelope is checked by the contract client
        const namesIt = JSON.stringify(res.body).includes(`${name} must be an integer`);
        answers.push(`${name}=${JSON.stringify(text)} → ${res.status}${namesIt ? ` naming ${name}` : ''}`);
      }
    }
    const expected = numericParameters.get(profile.dialect)!.flatMap(({ name }) =>
      NOT_DECIMAL.map((text) => `${name}=${JSON.stringify(text)} → 400 naming ${name}`),
    );
    expect(answers).toEqual(expected);
  });

  it('accepts plain decimal, and checks its range as the spec bounds it (or the largest safe integer)', async () => {
    for (const { operation, name } of numericParameters.get(profile.dialect)!) {
      await get(operation, { [name]: '5' }).expect(200);
      await get(operation, { [name]: '05' }).expect(200);
      const negative = await get(operation, { [name]: '-5' }).expect(400);
      expect(JSON.stringify(negative.body)).toContain(`${name} must be at least`);
      const huge = await get(operation, { [name]: '9'.repeat(400) }).expect(400); // Number() of it is Infinity
      expect(JSON.stringify(huge.body)).toContain(`${name} must be at most`);
    }
  });
});

describe('the numeric query parameters the specs declare', () => {
  it('are the ones these suites exercise', () => {
    const found = [...numericParameters].flatMap(([dialect, list]) => list.map(({ operation, name }) => `${dialect} ${operation.operationId} ${name}`));
    expect(found).toEqual(['kirim listLabels limit', 'supersend-v2 listLabels limit', 'supersend-v2 listLabels offset']);
  });
});

describe('paging values that are read', () => {
  const v2 = PROFILES.find((profile) => profile.dialect === 'supersend-v2')!;

  it('SuperSend v2 echoes a decimal limit and offset as numbers, never null', async () => {
    const res = await gateway.api.get(v2.collection).query({ ...v2.listQuery, limit: '7', offset: '9007199254740991' }).set(v2.auth('paging')).expect(200);
    expect(res.body.pagination).toMatchObject({ limit: 7, offset: 9007199254740991 });
    await gateway.api.get(v2.collection).query({ ...v2.listQuery, offset: '9007199254740992' }).set(v2.auth('paging')).expect(400);
  });

  it('Kirim reads -0 as 0 (below its minimum of 1), like any other parser', async () => {
    const kirim = PROFILES.find((profile) => profile.dialect === 'kirim')!;
    const res = await gateway.api.get(`${kirim.collection}?limit=-0`).set(kirim.auth('paging')).expect(400);
    expect(res.body.error).toMatchObject({ param: 'limit', message: 'limit must be at least 1.' });
  });
});

describe('the admin journal', () => {
  it.each(['Infinity', '1e2', '0x10', ' 5', '5.0', '', '0', '-1'])('refuses limit=%j with a JSON error naming limit', async (text) => {
    const res = await request(gateway.url).get(`/__admin/requests?limit=${encodeURIComponent(text)}`).expect(400);
    expect(res.body).toEqual({ error: 'validation_error', message: 'limit must be a whole number of at least 1.', field: 'limit' });
  });

  it('takes a decimal limit', async () => {
    await request(gateway.url).get('/__admin/requests?limit=5').expect(200);
  });
});
