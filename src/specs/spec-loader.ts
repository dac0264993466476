import fs from 'node:fs/promises';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import type Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';
import type { DialectId } from '../core/dialects';
import { createBodyAjv, createParameterAjv } from './ajv';
import { checkOpenApiSchema } from './openapi-schema-check';
import { lazy } from '../core/lazy';
import { HTTP_METHODS, type CompiledOperation, type CompiledParameters, type LoadedSpec } from './compiled-operation';
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
 * with ajv. Runs once at start-up; any fault stops start-up.
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
// (to check the schemas given to it), so an instance per spec cost ~40 ms of start-up each.
const sharedBodyAjv = lazy(createBodyAjv);
const sharedParameterAjv = lazy(createParameterAjv);

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
  try {
    document = await readSpecDocument(file, parser);
    checkOpenApiSchema(document);
  } catch (error) {
    throw new SpecLoadError(`${file}: ${(error as Error).message}`);
  }
  try {
    const bodyAjv = sharedBodyAjv();
    const operations = Object.freeze(compileOperations(dialect, document, bodyAjv, sharedParameterAjv()));
    compileUnusedComponentSchemas(document, bodyAjv, operations);
    return { spec: Object.freeze({ dialect, file, document, operations }), referencedFiles: parser.$refs.paths('file') };
  } catch (error) {
    throw new SpecLoadError(`${file}: ${(error as Error).message}`);
  }
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
    if (!used.has(schema)) compileAt(ajv, schema, `components.schemas.${name}`);
  }
}

function collectObjects(value: unknown, into: Set<unknown>): void {
  if (value === null || typeof value !== 'object' || into.has(value)) return;
  into.add(value);
  for (const child of Array.isArray(value) ? value : Object.values(value)) collectObjects(child, into);
}

function compileOperations(dialect: DialectId, document: JsonObject, bodyAjv: Ajv2020, parameterAjv: Ajv2020): CompiledOperation[] {
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
        pathParameters: compileParameters(parameterAjv, parameters, 'path', where),
        queryParameters: compileParameters(parameterAjv, parameters, 'query', where),
        body: compileBody(bodyAjv, operation.requestBody as JsonObject | undefined, where),
        responses: compileResponses(bodyAjv, (operation.responses ?? {}) as Record<string, JsonObject>, where),
      });
    }
  }
  return operations;
}

function compileParameters(ajv: Ajv2020, parameters: ParameterObject[], location: 'path' | 'query', where: string): CompiledParameters {
  const selected = parameters.filter((parameter) => parameter.in === location);
  const coercions = new Map<string, ParameterKind>();
  for (const parameter of selected) {
    const kind = parameterKindOf(parameter.schema ?? {});
    if (kind) coercions.set(parameter.name, kind);
  }
  const schema = {
    type: 'object',
    properties: Object.fromEntries(selected.map((parameter) => [parameter.name, boundedParameterSchema(parameter.schema ?? {})])),
    required: selected.filter((parameter) => parameter.required).map((parameter) => parameter.name),
  };
  return { coercions, validate: compileAt(ajv, schema, `${where} ${location} parameters`) };
}

function compileBody(ajv: Ajv2020, requestBody: JsonObject | undefined, where: string) {
  if (!requestBody) return undefined;
  const schema = jsonSchemaOf(requestBody);
  if (!schema) throw new Error(`${where} requestBody has no application/json schema`);
  const properties = (schema.properties ?? {}) as Record<string, JsonObject>;
  return {
    required: requestBody.required === true,
    validate: compileAt(ajv, schema, `${where} requestBody`),
    trimmedFields: Object.keys(properties).filter((name) => properties[name]['x-trim'] === true),
  };
}

function compileResponses(ajv: Ajv2020, responses: Record<string, JsonObject>, where: string): Map<string, ValidateFunction> {
  const compiled = new Map<string, ValidateFunction>();
  for (const [status, response] of Object.entries(responses)) {
    const schema = jsonSchemaOf(response);
    if (schema) compiled.set(status, compileAt(ajv, schema, `${where} response ${status}`));
  }
  if (compiled.size === 0) throw new Error(`${where} documents no JSON response`);
  return compiled;
}

function jsonSchemaOf(holder: JsonObject): JsonObject | undefined {
  const content = (holder.content ?? {}) as Record<string, JsonObject>;
  return content['application/json']?.schema as JsonObject | undefined;
}

function compileAt(ajv: Ajv2020, schema: JsonObject, where: string): ValidateFunction {
  try {
    return ajv.compile(schema);
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`);
  }
}
