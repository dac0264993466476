import type { ValidateFunction } from 'ajv';
import { fromAttentionUpdateBody, type AttentionUpdateBody } from '../../adapters/attention-v2/mappers';
import { DIALECT_IDS, type DialectId } from '../../src/core/dialects';
import { isGatewayError } from '../../src/core/errors';
import { checkBody } from '../../src/http/request-validation';
import { defaultSpecsDir } from '../../src/options';
import { createBodyAjv } from '../../src/specs/ajv';
import type { LoadedSpec } from '../../src/specs/compiled-operation';
import { loadSpecs } from '../../src/specs/spec-loader';
import { operationsOf, requestExampleOf, type Document } from '../support/spec-operations';

/**
 * The specs say what the gateway enforces, so data generated from a spec alone is accepted exactly
 * when it is valid: a property-based tester neither sends "valid" data that is refused nor "invalid"
 * data that is accepted. The spec's verdict is taken as any JSON Schema validator would give it, on
 * the body as sent; the gateway's is its real request check (which trims names first), plus, for
 * Attention's PATCH, the adapter's own "nothing to apply" rule.
 */
let specs: Map<DialectId, LoadedSpec>;
beforeAll(async () => {
  specs = await loadSpecs(DIALECT_IDS, defaultSpecsDir());
});

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** What ECMAScript calls white space (`\s`, what `trim` removes), and characters that only look like it. */
const WHITE_SPACE = ['\t', '\n', '\v', '\f', '\r', ' ', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff'];
const NOT_WHITE_SPACE = ['\u200b', '\u0085', '\u001c', '\u180e'];
const VISIBLE = ['a', 'Z', '7', 'é', '-', '😀', '𝒳'];

function generatedNames(count: number, seed: number): string[] {
  const random = randomSource(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const character = () => {
    const roll = random();
    return roll < 0.6 ? pick(VISIBLE) : roll < 0.9 ? pick(WHITE_SPACE) : pick(NOT_WHITE_SPACE);
  };
  const padding = () => Array.from({ length: Math.floor(random() * 4) }, () => pick(WHITE_SPACE)).join('');
  const names: string[] = [];
  // Around every documented limit, padded and not: where a spec bound on the raw value would be wrong.
  for (const limit of [1, 50, 100, 128]) {
    for (const length of [limit - 1, limit, limit + 1]) {
      for (const core of ['x'.repeat(length), '😀'.repeat(length)]) names.push(core, ` ${core} `, `\u3000${core}\n`, `${core}\u200b`);
    }
  }
  for (let index = 0; index < count; index++) {
    const core = Array.from({ length: Math.floor(random() * 140) }, character).join('');
    names.push(padding() + core + padding());
  }
  return names;
}

function gatewayAccepts(operation: LoadedSpec['operations'][number], body: Record<string, unknown>): boolean {
  try {
    checkBody(operation, structuredClone(body));
    return true;
  } catch (error) {
    if (!isGatewayError(error)) throw error;
    return false;
  }
}

const namedOperations = DIALECT_IDS.flatMap((dialect) =>
  ['createLabel', 'updateLabel'].map((operationId): [DialectId, string] => [dialect, operationId]),
);

describe.each(namedOperations)('%s %s: the spec says which names the gateway accepts', (dialect, operationId) => {
  it('accepts a name exactly when the gateway does, surrounding white space and all', () => {
    const spec = specs.get(dialect)!;
    const operation = spec.operations.find((candidate) => candidate.operationId === operationId)!;
    expect(operation.body?.trimmedFields).toContain('name');
    const document = spec.document as unknown as Document;
    const requestExample = requestExampleOf(operationsOf(document).find((candidate) => candidate.operationId === operationId)!) as Record<string, unknown>;
    const requestSchema = (document.paths![operation.path] as Record<string, { requestBody: { content: Record<string, { schema: { properties: Record<string, object> } }> } }>)[operation.method]
      .requestBody.content['application/json'].schema;
    const specAccepts: ValidateFunction = createBodyAjv().compile(requestSchema.properties.name);

    const disagreements = generatedNames(1000, 14).flatMap((name) => {
      const bySpec = specAccepts(name);
      const byGateway = gatewayAccepts(operation, { ...requestExample, name });
      return bySpec === byGateway ? [] : [`${JSON.stringify(name)} (${[...name].length} characters): spec ${bySpec}, gateway ${byGateway}`];
    });
    expect(disagreements).toEqual([]);
  });
});

describe("attention-v2 updateLabel: the spec says a body must carry at least one non-null field", () => {
  const VALUES: Record<keyof AttentionUpdateBody, unknown[]> = {
    name: [undefined, 'Renamed', '  ', null],
    description: [undefined, null, '', 'new description'],
    aiFlow: [undefined, null, true],
    allTeams: [undefined, null, false],
    options: [undefined, [], [{ value: 'high-intent' }], null],
  };

  function everyBody(): Array<Record<string, unknown>> {
    return Object.entries(VALUES).reduce<Array<Record<string, unknown>>>(
      (bodies, [field, values]) => bodies.flatMap((body) => values.map((value) => (value === undefined ? body : { ...body, [field]: value }))),
      [{}],
    );
  }

  it('accepts a body exactly when the gateway would apply something', () => {
    const spec = specs.get('attention-v2')!;
    const operation = spec.operations.find((candidate) => candidate.operationId === 'updateLabel')!;
    const document = spec.document as unknown as Document;
    const schema = (document.paths!['/v2/labels/{id}']!.patch!.requestBody as { content: Record<string, { schema: object }> }).content['application/json'].schema;
    const specAccepts = createBodyAjv().compile(schema);

    const bodies = everyBody();
    expect(bodies).toHaveLength(4 * 4 * 3 * 3 * 4);
    const disagreements = bodies.flatMap((body) => {
      const byGateway = gatewayAccepts(operation, body) && Object.keys(fromAttentionUpdateBody(checkBody(operation, structuredClone(body)) as AttentionUpdateBody)).length > 0;
      const bySpec = specAccepts(body);
      return bySpec === byGateway ? [] : [`${JSON.stringify(body)}: spec ${bySpec}, gateway ${byGateway}`];
    });
    expect(disagreements).toEqual([]);
  });

  it('refuses a body of nulls with the message the gateway has always given', () => {
    const operation = specs.get('attention-v2')!.operations.find((candidate) => candidate.operationId === 'updateLabel')!;
    expect(() => checkBody(operation, { description: null, aiFlow: null, allTeams: null })).toThrow(
      expect.objectContaining({ field: 'body', message: 'body must contain at least one field to update; null leaves a field unchanged.' }),
    );
  });
});
