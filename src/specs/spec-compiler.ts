// A dereferenced OpenAPI document's operations, each with the ajv validators it needs: path and query
// parameters, the request body, each documented response. spec-loader.ts reads the document.
import type Ajv2020 from 'ajv/dist/2020';
import type { DialectId } from '../core/dialects';
import { lazy } from '../core/lazy';
import { createBodyAjv, createParameterAjv } from './ajv';
import { HTTP_METHODS, validatorsOf, type CompiledOperation, type CompiledParameters, type SchemaValidator } from './compiled-operation';
import { boundedParameterSchema, parameterKindOf, type ParameterKind } from './parameter-coercion';

type JsonObject = Record<string, unknown>;

interface ParameterObject {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonObject;
}

// One pair of ajv instances per process: each new instance compiles JSON Schema's meta-schema again
// (to check the schemas given to it), so an instance per spec cost ~40 ms of start-up each. Listed
// documents get a pair of their own that skips that check: they passed it when they were listed.
const checkingAjvs = lazy(() => ({ body: createBodyAjv(), parameter: createParameterAjv() }));
const listedAjvs = lazy(() => ({ body: createBodyAjv({ validateSchema: false }), parameter: createParameterAjv({ validateSchema: false }) }));

/** How a schema becomes its validator: compiled now, or on its first call. */
type Compile = (ajv: Ajv2020, schema: JsonObject, where: string) => SchemaValidator;

/**
 * Every operation of a dereferenced document with its validators. By default each is compiled now,
 * and so are the named schemas no operation uses, to be checked: a mistake in any schema throws,
 * naming where it is (`npm run specs:checked` compiles each bundled spec so). A `listed` document
 * (checked-documents.ts) is known to compile: each validator is compiled on its first call.
 */
export function compileSpecDocument(dialect: DialectId, document: JsonObject, { listed = false } = {}): readonly CompiledOperation[] {
  if (listed) return Object.freeze(compileOperations(dialect, document, { ...listedAjvs(), compile: compiledOnFirstCall }));
  const ajvs = checkingAjvs();
  const operations = Object.freeze(compileOperations(dialect, document, { ...ajvs, compile: compiledNow }));
  compileUnusedComponentSchemas(document, ajvs.body, operations);
  return operations;
}

/**
 * Compiles the named schemas no operation uses, so a mistake in one (`type: strin`, a misspelt
 * keyword) still stops start-up. Those an operation uses were compiled, strictly, as part of it: the
 * document is dereferenced, so they are the very objects its validators were built from. Compiling
 * every component again on its own was a third of start-up's schema compilation.
 */
function compileUnusedComponentSchemas(document: JsonObject, ajv: Ajv2020, operations: readonly CompiledOperation[]): void {
  const used = new Set<unknown>();
  for (const operation of operations) for (const [, validator] of validatorsOf(operation)) collectObjects(validator.schema, used);
  const schemas = ((document.components as JsonObject | undefined)?.schemas ?? {}) as Record<string, JsonObject>;
  for (const [name, schema] of Object.entries(schemas)) {
    if (!used.has(schema)) compiledNow(ajv, schema, `components.schemas.${name}`);
  }
}

function collectObjects(value: unknown, into: Set<unknown>): void {
  if (value === null || typeof value !== 'object' || into.has(value)) return;
  into.add(value);
  for (const child of Array.isArray(value) ? value : Object.values(value)) collectObjects(child, into);
}

/** The two ajv instances (bodies, and parameters with their own options) and how to compile with them. */
interface Compilers {
  body: Ajv2020;
  parameter: Ajv2020;
  compile: Compile;
}

function compileOperations(dialect: DialectId, document: JsonObject, compilers: Compilers): CompiledOperation[] {
  const operations: CompiledOperation[] = [];
  const seenIds = new Set<string>();
  for (const [specPath, pathItem] of Object.entries((document.paths ?? {}) as Record<string, JsonObject>)) {
    const sharedParameters = (pathItem.parameters ?? []) as ParameterObject[];
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method] as JsonObject | undefined;
      if (!operation) continue;
      const where = `${method.toUpperCase()} ${specPath}`;
      const operationId = operation.operationId;
      if (typeof operationId !== 'string') throw new Error(`${where} has no operationId`);
      if (seenIds.has(operationId)) throw new Error(`operationId ${operationId} is used twice`);
      seenIds.add(operationId);
      const parameters = [...sharedParameters, ...((operation.parameters ?? []) as ParameterObject[])];
      operations.push({
        dialect,
        operationId,
        method,
        path: specPath,
        documented: operation['x-source'] !== 'inferred',
        pathParameters: compileParameters(compilers, parameters, 'path', where),
        queryParameters: compileParameters(compilers, parameters, 'query', where),
        body: compileBody(compilers, operation.requestBody as JsonObject | undefined, where),
        responses: compileResponses(compilers, (operation.responses ?? {}) as Record<string, JsonObject>, where),
      });
    }
  }
  return operations;
}

function compileParameters({ parameter, compile }: Compilers, parameters: ParameterObject[], location: 'path' | 'query', where: string): CompiledParameters {
  const selected = parameters.filter((candidate) => candidate.in === location);
  const coercions = new Map<string, ParameterKind>();
  for (const { name, schema } of selected) {
    const kind = parameterKindOf(schema ?? {});
    if (kind) coercions.set(name, kind);
  }
  const schema = {
    type: 'object',
    properties: Object.fromEntries(selected.map(({ name, schema: own }) => [name, boundedParameterSchema(own ?? {})])),
    required: selected.filter((candidate) => candidate.required).map(({ name }) => name),
  };
  return { coercions, validate: compile(parameter, schema, `${where} ${location} parameters`) };
}

function compileBody({ body, compile }: Compilers, requestBody: JsonObject | undefined, where: string) {
  if (!requestBody) return undefined;
  const schema = jsonSchemaOf(requestBody);
  if (!schema) throw new Error(`${where} requestBody has no application/json schema`);
  const properties = (schema.properties ?? {}) as Record<string, JsonObject>;
  return {
    required: requestBody.required === true,
    validate: compile(body, schema, `${where} requestBody`),
    trimmedFields: Object.keys(properties).filter((name) => properties[name]['x-trim'] === true),
  };
}

function compileResponses({ body, compile }: Compilers, responses: Record<string, JsonObject>, where: string): Map<string, SchemaValidator> {
  const compiled = new Map<string, SchemaValidator>();
  for (const [status, response] of Object.entries(responses)) {
    const schema = jsonSchemaOf(response);
    if (schema) compiled.set(status, compile(body, schema, `${where} response ${status}`));
  }
  if (compiled.size === 0) throw new Error(`${where} documents no JSON response`);
  return compiled;
}

function jsonSchemaOf(holder: JsonObject): JsonObject | undefined {
  const content = (holder.content ?? {}) as Record<string, JsonObject>;
  return content['application/json']?.schema as JsonObject | undefined;
}

function compiledNow(ajv: Ajv2020, schema: JsonObject, where: string): SchemaValidator {
  try {
    return ajv.compile(schema);
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`);
  }
}

/**
 * A validator that compiles its schema the first time it is called, then is that compiled function
 * (its `errors` copied after each call). For a listed document only: its schemas are known to
 * compile, so nothing is lost by finding out later, and the operations a run never sees cost nothing.
 */
function compiledOnFirstCall(ajv: Ajv2020, schema: JsonObject, where: string): SchemaValidator {
  let compiled: SchemaValidator | undefined;
  const validate: SchemaValidator = Object.assign(
    (data: unknown): boolean => {
      compiled ??= compiledNow(ajv, schema, where);
      const valid = compiled(data);
      validate.errors = compiled.errors;
      return valid;
    },
    { schema, errors: null },
  );
  return validate;
}
