import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CompiledOperation } from '../../src/specs/compiled-operation';
import { checkParameters } from '../../src/http/request-validation';
import { loadSpecs } from '../../src/specs/spec-loader';

/**
 * How path and query text becomes an integer, a number or a boolean, for every parameter of every
 * spec. The shipped specs only have integer query parameters (see test/e2e/query-parameters), so
 * the other kinds and locations are held to the same rule through a spec written for this test.
 */

const SPEC = `
openapi: 3.1.0
info: { title: parameter kinds, version: "1" }
paths:
  /v1/things/{position}:
    get:
      operationId: getThing
      parameters:
        - { name: position, in: path, required: true, schema: { type: integer } }
        - { name: shift, in: query, schema: { type: integer, minimum: -10, maximum: 10 } }
        - { name: ratio, in: query, schema: { type: number } }
        - { name: archived, in: query, schema: { type: boolean, default: false } }
        - { name: label, in: query, schema: { type: string } }
      responses:
        '200':
          description: ok
          content: { application/json: { schema: { type: object } } }
`;

let operation: CompiledOperation;
beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'label-gateway-spec-'));
  try {
    fs.writeFileSync(path.join(dir, 'kirim.openapi.yaml'), SPEC);
    operation = (await loadSpecs(['kirim'], dir)).get('kirim')!.operations[0];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** The query as the adapter would get it, or the 400's message. */
function check(query: Record<string, unknown>, position = '1'): Record<string, unknown> | string {
  try {
    return checkParameters(operation, { position }, query).query;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('integer parameters', () => {
  it('take decimal digits with an optional "-" where the schema allows negatives', () => {
    expect(check({ shift: '-7' })).toMatchObject({ shift: -7 });
    expect(check({ shift: '07' })).toMatchObject({ shift: 7 });
    expect(check({ shift: '-0' })).toMatchObject({ shift: 0 });
    expect(Object.is((check({ shift: '-0' }) as { shift: number }).shift, 0)).toBe(true); // not -0
  });

  it.each(['Infinity', '-Infinity', '1e400', '1e1', '0x1', ' 1', '1 ', '+1', '1.0', '', 'one', '١'])('refuse %j like any non-number', (text) => {
    expect(check({ shift: text })).toBe('shift must be an integer.');
  });

  it('refuse a repeated parameter (an array) rather than picking one', () => {
    expect(check({ shift: ['1', '2'] })).toBe('shift must be an integer.');
  });

  it('are checked in the path as in the query, and reach the adapter as the path\'s text', () => {
    expect(check({}, '0x10')).toBe('position must be an integer.');
    expect(check({}, 'Infinity')).toBe('position must be an integer.');
    expect(check({}, '99999999999999999999')).toBe('position must be at most 9007199254740991.');
    expect(checkParameters(operation, { position: '12' }, {}).params).toEqual({ position: '12' });
  });
});

describe('number parameters', () => {
  it('take decimal digits with an optional fraction', () => {
    expect(check({ ratio: '2.5' })).toMatchObject({ ratio: 2.5 });
    expect(check({ ratio: '-3' })).toMatchObject({ ratio: -3 });
  });

  it.each(['Infinity', 'NaN', '1e3', '0x1', '.5', '5.', ' 2.5', '2,5', ''])('refuse %j', (text) => {
    expect(check({ ratio: text })).toBe('ratio must be a number.');
  });

  it('refuse digits too many to be a finite number (400 of them)', () => {
    expect(check({ ratio: '9'.repeat(400) })).toBe('ratio must be a number.');
  });
});

describe('boolean parameters', () => {
  it('take true and false, as JSON writes them, and get their default when absent', () => {
    expect(check({ archived: 'true' })).toMatchObject({ archived: true });
    expect(check({ archived: 'false' })).toMatchObject({ archived: false });
    expect(check({})).toMatchObject({ archived: false });
  });

  it.each(['1', '0', 'TRUE', 'True', 'yes', 'on', '', ' true'])('refuse %j', (text) => {
    expect(check({ archived: text })).toBe('archived must be a boolean.');
  });
});

describe('string parameters', () => {
  it('are text, whatever they look like', () => {
    expect(check({ label: '5' })).toMatchObject({ label: '5' });
    expect(check({ label: 'true' })).toMatchObject({ label: 'true' });
  });
});
