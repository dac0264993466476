import { DIALECT_IDS } from '../../src/core/dialects';
import { defaultSpecsDir } from '../../src/options';
import { CHECKED_DOCUMENTS } from '../../src/specs/checked-documents';
import { checkOpenApiSchema, documentDigest, validateAgainstOpenApi31 } from '../../src/specs/openapi-schema-check';
import { readSpecDocument, specFileOf } from '../../src/specs/spec-loader';

/**
 * The bundled specs a gateway trusts without compiling the OpenAPI 3.1 schema (checked-documents.ts):
 * each passes the check, and each is listed as it is now.
 */
describe('checked documents', () => {
  it.each(DIALECT_IDS)('lists %s as it is now, and it passes the OpenAPI 3.1 schema check', async (dialect) => {
    const document = await readSpecDocument(specFileOf(dialect, defaultSpecsDir()));
    expect(() => validateAgainstOpenApi31(document)).not.toThrow();
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
});
