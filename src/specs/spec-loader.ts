import fs from 'node:fs/promises';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { DialectId } from '../core/dialects';
import type { LoadedSpec } from './compiled-operation';
import { checkOpenApiSchema } from './openapi-schema-check';
import { compileSpecDocument } from './spec-compiler';

/** A spec that cannot be served; the message names the file and the fault. */
export class SpecLoadError extends Error {
  override name = 'SpecLoadError';
}

type JsonObject = Record<string, unknown>;

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
