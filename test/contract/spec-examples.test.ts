import { randomUUID } from 'node:crypto';
import type { OpenAPIV3_1 } from 'openapi-types';
import { DIALECT_IDS, VENDOR_OF, VENDOR_PREFIX, type DialectId } from '../../src/core/dialects';
import { defaultSpecsDir } from '../../src/options';
import { createBodyAjv } from '../../src/specs/ajv';
import { loadSpecs } from '../../src/specs/spec-loader';
import { evaluateRuntimeExpression } from '../support/runtime-expressions';
import {
  authorizationFor,
  examplesOf,
  jsonMediaType,
  operationsOf,
  requestExampleOf,
  type Document,
  type Link,
  type SpecOperation,
} from '../support/spec-operations';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

/**
 * The specs' examples and links, proven by the gateway: what a user (or a stateful tester) takes from
 * a spec alone must work. Every example validates against its own schema; and starting from the
 * create operation's request example and following the specs' links with real ids, every operation
 * is reached and answers 2xx (each answer also checked against the spec by the contract client).
 */
let documents: Map<DialectId, Document>;
let gateway: TestGateway;

beforeAll(async () => {
  const specs = await loadSpecs(DIALECT_IDS, defaultSpecsDir());
  documents = new Map([...specs].map(([dialect, spec]) => [dialect, spec.document as unknown as Document]));
  gateway = await startTestGateway();
});
afterAll(() => gateway.stop());

interface ExampleCase {
  where: string;
  schema: object;
  value: unknown;
}

/** Every example of media types and parameters in paths, and of component schemas. */
function examplesIn(document: Document): ExampleCase[] {
  const cases: ExampleCase[] = [];
  const add = (where: string, holder: { schema?: object; example?: unknown; examples?: Record<string, unknown> } | undefined) => {
    for (const [name, value] of holder?.schema ? examplesOf(holder) : []) cases.push({ where: `${where} ${name}`, schema: holder!.schema!, value });
  };
  for (const { operationId, operation, parameters } of operationsOf(document)) {
    for (const parameter of parameters) add(`${operationId} parameter ${parameter.name}`, parameter);
    add(`${operationId} request`, jsonMediaType(operation.requestBody as OpenAPIV3_1.RequestBodyObject | undefined));
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      add(`${operationId} ${status}`, jsonMediaType(response as OpenAPIV3_1.ResponseObject));
    }
  }
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    if (schema.example !== undefined) cases.push({ where: `components.schemas.${name}`, schema, value: schema.example });
  }
  return cases;
}

describe.each(DIALECT_IDS)('%s spec examples', (dialect) => {
  it('all validate against their own schema (as sent: nothing trimmed, nothing coerced)', () => {
    const ajv = createBodyAjv();
    const cases = examplesIn(documents.get(dialect)!);
    expect(cases.length).toBeGreaterThan(3);
    const failures = cases.flatMap(({ where, schema, value }) => (ajv.validate(schema, value) ? [] : [`${where}: ${ajv.errorsText()}`]));
    expect(failures).toEqual([]);
  });
});

/** What one call sent and received, for the links of its answer. */
interface Exchange {
  status: number;
  requestBody: unknown;
  responseBody: unknown;
}

/** A tester that knows only the spec: examples for values, links for ids, the security scheme for the key. */
class SpecDrivenClient {
  readonly called = new Set<string>();
  private readonly followed = new Set<string>();
  private readonly key = `jsk_spec-examples-${randomUUID()}`;

  constructor(
    private readonly dialect: DialectId,
    private readonly document: Document,
  ) {}

  get operations(): SpecOperation[] {
    return operationsOf(this.document);
  }

  /** Calls the operation with its examples, overridden by the link's values; then follows its answer's links. */
  async call(operation: SpecOperation, fromLink: { parameters?: Record<string, unknown>; requestBody?: unknown } = {}): Promise<void> {
    const pathParameters: Record<string, string> = {};
    const query: Record<string, string> = {};
    for (const parameter of operation.parameters) {
      const value = fromLink.parameters?.[parameter.name] ?? parameter.example;
      if (value === undefined) {
        if (parameter.required) throw new Error(`${operation.operationId}: no link or example gives ${parameter.in} parameter ${parameter.name}`);
        continue;
      }
      (parameter.in === 'path' ? pathParameters : query)[parameter.name] = String(value);
    }
    const example = requestExampleOf(operation);
    const requestBody = mergeBody(example, fromLink.requestBody);
    const path = operation.path.replace(/\{(\w+)\}/g, (_whole, name: string) => encodeURIComponent(pathParameters[name]));
    let test = gateway.api[operation.method](`${VENDOR_PREFIX[VENDOR_OF[this.dialect]]}${path}`)
      .query(query)
      .set(authorizationFor(this.document, operation, this.key));
    if (requestBody !== undefined) test = test.send(requestBody as object);
    const res = await test;
    if (res.status < 200 || res.status > 299) {
      throw new Error(`${operation.operationId} ${JSON.stringify({ pathParameters, query, requestBody })} → ${res.status} ${JSON.stringify(res.body)}`);
    }
    this.called.add(operation.operationId);
    await this.followLinks(operation, { status: res.status, requestBody, responseBody: res.body });
  }

  /** Links of an operation's answer, once per operation; removing the resource itself comes last. */
  private async followLinks(operation: SpecOperation, exchange: Exchange): Promise<void> {
    if (this.followed.has(operation.operationId)) return;
    this.followed.add(operation.operationId);
    const response = operation.operation.responses?.[String(exchange.status)] as OpenAPIV3_1.ResponseObject | undefined;
    const targets = Object.values(response?.links ?? {}).map((link) => {
      const { operationId, parameters, requestBody } = link as Link;
      const target = this.operations.find((candidate) => candidate.operationId === operationId);
      if (!target) throw new Error(`${operation.operationId}: a link names ${operationId}, which the spec does not define`);
      return { target, parameters: evaluateRuntimeExpression(parameters, exchange) as Record<string, unknown> | undefined, requestBody: evaluateRuntimeExpression(requestBody, exchange) };
    });
    const removesResource = ({ target }: { target: SpecOperation }) => target.method === 'delete' && target.path.includes('{');
    for (const step of [...targets.filter((step) => !removesResource(step)), ...targets.filter(removesResource)]) {
      await this.call(step.target, step);
    }
  }
}

/** A link's body fields replace the example's (Schemathesis merges them the same way). */
function mergeBody(example: unknown, fromLink: unknown): unknown {
  if (fromLink === undefined) return example;
  const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
  return isObject(example) && isObject(fromLink) ? { ...example, ...fromLink } : fromLink;
}

describe.each(DIALECT_IDS)('%s from its spec alone', (dialect) => {
  it('reaches every operation from the create example through its links and examples, each answering 2xx', async () => {
    const client = new SpecDrivenClient(dialect, documents.get(dialect)!);
    const create = client.operations.find((operation) => operation.operationId === 'createLabel')!;
    await client.call(create);
    // What no link reaches needs no id: it is called with its own examples.
    for (const operation of client.operations.filter((candidate) => !client.called.has(candidate.operationId))) {
      expect(operation.path).not.toContain('{');
      await client.call(operation);
    }
    expect([...client.called].sort()).toEqual(client.operations.map((operation) => operation.operationId).sort());
  });
});
