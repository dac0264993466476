import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { DIALECT_IDS } from '../../src/core/dialects';
import { defaultSpecsDir } from '../../src/options';
import { CHECKED_DOCUMENTS } from '../../src/specs/checked-documents';
import { validatorsOf } from '../../src/specs/compiled-operation';
import { checkOpenApiSchema, documentDigest, validateAgainstOpenApi31 } from '../../src/specs/openapi-schema-check';
import { compileSpecDocument } from '../../src/specs/spec-compiler';
import { loadSpecs, readSpecDocument, specFileOf } from '../../src/specs/spec-loader';

/**
 * The bundled specs a gateway trusts without compiling the OpenAPI 3.1 schema, and whose validators
 * it compiles on their first call (checked-documents.ts): each passes the check and compiles whole,
 * and each is listed as it is now.
 */
describe('checked documents', () => {
  it.each(DIALECT_IDS)('lists %s as it is now, and it passes the OpenAPI 3.1 schema check and compiles whole', async (dialect) => {
    const document = await readSpecDocument(specFileOf(dialect, defaultSpecsDir()));
    expect(() => validateAgainstOpenApi31(document)).not.toThrow();
    expect(() => compileSpecDocument(dialect, document)).not.toThrow();
    // Fails after a spec changes: run `npm run specs:checked`.
    expect(CHECKED_DOCUMENTS.has(documentDigest(document))).toBe(true);
  });

  it('lists nothing else', () => {
    expect(CHECKED_DOCUMENTS.size).toBe(DIALECT_IDS.length);
  });

  it('still checks a document it does not list, such as a bundled spec edited in place', async () => {
    const document = await readSpecDocument(specFileOf('kirim', defaultSpecsDir()));
    const edited = { ...document, info: { ...(document.info as object), version: 5 } };
    expect(CHECKED_DOCUMENTS.has(documentDigest(edited))).toBe(false);
    expect(() => checkOpenApiSchema(edited)).toThrow(/OpenAPI schema validation failed[\s\S]*#\/info\/version/);
  });

  it('compiles a listed spec\'s validators on their first call, once, and they judge as the ones compiled at start', async () => {
    // A copy of the bundled Kirim spec in a folder of its own: listed (same document), not yet loaded.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'label-gateway-listed-'));
    try {
      fs.copyFileSync(specFileOf('kirim', defaultSpecsDir()), specFileOf('kirim', dir));
      const compile = jest.spyOn(Ajv2020.prototype, 'compile');
      const lazy = (await loadSpecs(['kirim'], dir)).get('kirim')!;
      expect(compile).not.toHaveBeenCalled();

      const eager = compileSpecDocument('kirim', await readSpecDocument(specFileOf('kirim', defaultSpecsDir())));
      const samples = [{}, { name: '', color: 7 }, { data: [] }, null, 'text'];
      for (const [index, operation] of lazy.operations.entries()) {
        const eagerValidators = new Map(validatorsOf(eager[index]));
        for (const [checks, validate] of validatorsOf(operation)) {
          const where = `${operation.operationId} ${checks}`;
          for (const sample of samples) {
            const expected = eagerValidators.get(checks)!;
            expect([where, validate(structuredClone(sample))]).toEqual([where, expected(structuredClone(sample))]);
            expect([where, validate.errors]).toEqual([where, expected.errors]);
          }
        }
      }
      // Compiled once each: the eager document's validators, then each lazy one on its first call only.
      const calls = compile.mock.calls.length;
      for (const operation of lazy.operations) for (const [, validate] of validatorsOf(operation)) validate({});
      expect(compile.mock.calls.length).toBe(calls);
      compile.mockRestore();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('compiles a spec it does not list whole at start, so a broken schema stops start-up', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'label-gateway-unlisted-'));
    try {
      const text = fs.readFileSync(specFileOf('kirim', defaultSpecsDir()), 'utf8');
      // A misspelt keyword in a response schema: the OpenAPI schema allows it, ajv's strict mode does not.
      const broken = text.replace(/maxLength:/, 'maxLenght:');
      expect(broken).not.toBe(text);
      fs.writeFileSync(specFileOf('kirim', dir), broken);
      await expect(loadSpecs(['kirim'], dir)).rejects.toThrow(/maxLenght/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
