#!/usr/bin/env node
'use strict';
// `npm run specs:checked`: checks each bundled spec against the OpenAPI 3.1 schema, compiles every
// schema in it, and writes the digests of those that pass to src/specs/checked-documents.ts, which
// lets a gateway starting on them skip compiling that schema, and compile each validator on its first
// call rather than at start. Run it after changing a spec (test/contract/checked-documents.test.ts
// says when). Reads the compiled loader in dist/ (the npm script builds first).
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const { DIALECT_IDS } = require(path.join(root, 'dist', 'src', 'core', 'dialects'));
const { defaultSpecsDir } = require(path.join(root, 'dist', 'src', 'options'));
const { readSpecDocument, specFileOf } = require(path.join(root, 'dist', 'src', 'specs', 'spec-loader'));
const { compileSpecDocument } = require(path.join(root, 'dist', 'src', 'specs', 'spec-compiler'));
const { documentDigest, validateAgainstOpenApi31 } = require(path.join(root, 'dist', 'src', 'specs', 'openapi-schema-check'));

const TARGET = path.join(root, 'src', 'specs', 'checked-documents.ts');

async function main() {
  const lines = [];
  for (const dialect of DIALECT_IDS) {
    const file = specFileOf(dialect, defaultSpecsDir());
    const document = await readSpecDocument(file);
    validateAgainstOpenApi31(document); // throws, naming what is wrong, if it does not pass
    compileSpecDocument(dialect, document); // throws, naming the schema, if one does not compile
    lines.push(`  '${documentDigest(document)}', // ${path.relative(root, file)}`);
  }
  const text = fs.readFileSync(TARGET, 'utf8');
  const start = text.indexOf('new Set([');
  if (start < 0) throw new Error(`${TARGET}: no "new Set([" to fill`);
  fs.writeFileSync(TARGET, `${text.slice(0, start)}new Set([\n${lines.join('\n')}\n]);\n`);
  process.stdout.write(`${path.relative(root, TARGET)}: ${lines.length} checked documents\n`);
}

main().catch((error) => {
  process.stderr.write(`specs:checked: ${error.message}\n`);
  process.exitCode = 1;
});
