import fs from 'node:fs/promises';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import type Ajv2020 from 'ajv/dist/2020';
import type { DialectId } from '../core/dialects';
import { createBodyAjv, createParameterAjv } from './ajv';
import { checkOpenApiSchema } from './openapi-schema-check';
import { lazy } from '../core/lazy';
import { HTTP_METHODS, type CompiledOperation, type CompiledParameters, type LoadedSpec, type SchemaValidator } from './compiled-operation';
import { boundedParameterSchema, parameterKindOf, type ParameterKind } from './parameter-coercion';

/** A spec that cannot be served; the message names the file and the fault. */
export class SpecLoadError extends Error {
  override name = 'SpecLoadError';
}

type JsonObject = Record<string, unknown>;

interface ParameterObject {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonObject;
}

export function specFileOf(dialect: DialectId, specsDir: string): string {
  return path.join(specsDir, `${dialect}.openapi.yaml`);
}

/**
 * Loads, validates and dereferences each dialect's OpenAPI document, and compiles every schema in it
 * with ajv. Runs once at start-up; any fault stops start-up. A bundled spec as the package's tests
 * checked it (checked-documents.ts: it passes the OpenAPI schema and every schema in it compiles)
 * has each validator compiled on its first call instead: a third of a gateway's start-up otherwise.
 */
export async function loadSpecs(dialects: readonly DialectId[], specsDir: string): Promise<Map<DialectId, LoadedSpec>> {
  const loaded = await Promise.all(dialects.map((dialect) => loadedSpecOf(dialect, specFileOf(dialect, specsDir))));
  return new Map(loaded.map((spec) => [spec.dialect, spec]));
}

/**
 * Specs already compiled in this process, by file, with the text of every file each was read from.
 * A process that starts several gateways (a test suite, a migration that checks both ends) compiles
 * a spec once, not per gateway: its validators are pure functions and nothing changes a LoadedSpec
 * after loading. A file whose text changed since is loaded and compiled again.
 */
// The file names its dialect (`kirim.openapi.yaml`), so the file alone is the key.
const compiledSpecs = new Map<string, { sources: ReadonlyMap<string, string | undefined>; spec: LoadedSpec }>();

// One pair of ajv instances per process: each new instance compiles JSON Schema's meta-schema again
// (to check the schemas given to it), so an instance per spec cost ~40 ms of start-up each. Listed
// documents get a pair of their own that skips that check: they passed it when they were listed.
const checkingAjvs = lazy(() => ({ body: createBodyAjv(), parameter: createParameterAjv() }));
const listedAjvs = lazy(() => ({ body: createBodyAjv({ validateSchema: false }), parameter: createParameterAjv({ validateSchema: false }) }));

async function loadedSpecOf(dialect: DialectId, file: string): Promise<LoadedSpec> {
  const cached = compiledSpecs.get(file);
  if (cached && (await sourcesUnchanged(cached.sources))) return cached.spec;
  // Read before parsing: if the file changes while it is parsed, the next load sees new text and compiles again.
  const text = await readText(file);
  const { spec, referencedFiles } = await loadSpec(dialect, file);
  const sources = new Map([[file, text]]);
  for (const referenced of referencedFiles) if (!sources.has(referenced)) sources.set(referenced, await readText(referenced));
  compiledSpecs.set(file, { sources, spec });
  return spec;
}

async function sourcesUnchanged(sources: ReadonlyMap<string, string | undefined>): Promise<boolean> {
  for (const [file, text] of sources) if ((await readText(file)) !== text) return false;
  return true;
}

async function readText(file: string): Promise<string | undefined> {
  return fs.readFile(file, 'utf8').catch(() => undefined);
}

/**
 * A spec file as a dereferenced document: swagger-parser resolves the references and checks the
 * Swagger/OpenAPI rules JSON Schema cannot state (unique operationIds, declared path parameters);
 * the OpenAPI schema check is ours (openapi-schema-check.ts), not yet made.
 */
export async function readSpecDocument(file: string, parser = new SwaggerParser()): Promise<JsonObject> {
  return (await parser.validate(file, { dereference: { circular: false }, validate: { schema: false, spec: true } })) as unknown as JsonObject;
}

async function loadSpec(dialect: DialectId, file: string): Promise<{ spec: LoadedSpec; referencedFiles: string[] }> {
  const parser = new SwaggerParser();
  let document: JsonObject;
  let listed: boolean;
  try {
    document = await readSpecDocument(file, parser);
    listed = checkOpenApiSchema(document);
  } catch (error) {
    throw new SpecLoadError(`${file}: ${(error as Error).message}`);
  }
  try {
    const operations = compileSpecDocument(dialect, document, { listed });
    return { spec: Object.freeze({ dialect, file, document, operations }), referencedFiles: parser.$refs.paths('file') };
  } catch (error) {
    throw new SpecLoadError(`${file}: ${(error as Error).message}`);
  }
}

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
  for (const operation of operations) {
    const validators = [operation.pathParameters.validate, operation.queryParameters.validate, operation.body?.validate, ...operation.responses.values()];
    for (const validator of validators) if (validator) collectObjects(validator.schema, used);
  }
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
