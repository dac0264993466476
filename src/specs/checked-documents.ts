/**
 * The bundled specs (specs/*.openapi.yaml), dereferenced, by the SHA-256 of their JSON, as they
 * passed the OpenAPI 3.1 schema check with every schema in them compiling: a gateway starting on
 * them skips compiling that schema (openapi-schema-check.ts) and compiles each validator on its first
 * call (spec-compiler.ts). Written by `npm run specs:checked`, which checks each document first;
 * test/contract/checked-documents.test.ts fails while a bundled spec is missing from it or one of its
 * schemas does not compile. A document not listed is checked and compiled whole at start, as any
 * spec given with `--specs` is.
 */
export const CHECKED_DOCUMENTS: ReadonlySet<string> = new Set([
  'c99fc13320c2e6c034c14fc97a87775ba91dd57a694fe25c7cf97535ef206445', // specs/attention-v2.openapi.yaml
  '6e0f1304d3c08860757ecb78572d38965b8dfa3a3e7e67913dec1e9da990224f', // specs/kirim.openapi.yaml
  '4d8be7373fe7771c966223c94800ec1fa5e31b91da7902be81baef29bb0c9bbd', // specs/supersend-v1.openapi.yaml
  '254f3dec8e9137b96104a556c75a8b4ad98423c174d48013bfec74a1cd377a50', // specs/supersend-v2.openapi.yaml
  'b0c5d7b8b2ce5b6f35812b8673af1c317b5fe9f21abda258e1696099d64898b1', // specs/jasni.openapi.yaml
]);
