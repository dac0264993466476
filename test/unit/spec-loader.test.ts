import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultSpecsDir } from '../../src/options';
import { loadSpecs, SpecLoadError } from '../../src/specs/spec-loader';

/** A private copy of the shipped specs, so a test can change one without touching the others. */
function copyOfSpecs(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'label-gateway-spec-loader-'));
  for (const file of fs.readdirSync(defaultSpecsDir())) fs.copyFileSync(path.join(defaultSpecsDir(), file), path.join(dir, file));
  return dir;
}

describe('loadSpecs', () => {
  let dir: string;
  let kirimFile: string;
  beforeEach(() => {
    dir = copyOfSpecs();
    kirimFile = path.join(dir, 'kirim.openapi.yaml');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('compiles a spec once per process and serves the same compiled spec while its file is unchanged', async () => {
    const first = (await loadSpecs(['kirim'], dir)).get('kirim')!;
    const second = (await loadSpecs(['kirim'], dir)).get('kirim')!;
    expect(second).toBe(first);
    expect(Object.isFrozen(first.operations)).toBe(true);
  });

  it('compiles a spec again once its file changed', async () => {
    const before = (await loadSpecs(['kirim'], dir)).get('kirim')!;
    const text = fs.readFileSync(kirimFile, 'utf8');
    expect(text).toContain('operationId: createLabel');
    fs.writeFileSync(kirimFile, text.replace('operationId: createLabel', 'operationId: createLabelRenamed'));
    const after = (await loadSpecs(['kirim'], dir)).get('kirim')!;
    expect(after).not.toBe(before);
    expect(after.operations.map((operation) => operation.operationId)).toContain('createLabelRenamed');
  });

  it('refuses a document that breaks the OpenAPI 3.1 schema, naming the file and the place', async () => {
    const text = fs.readFileSync(kirimFile, 'utf8');
    // A response object must have a description.
    fs.writeFileSync(kirimFile, text.replace(/^(\s+)description: .*\n(\s+content:\n\s+application\/json:)/m, '$2'));
    const failure = loadSpecs(['kirim'], dir);
    await expect(failure).rejects.toThrow(SpecLoadError);
    await expect(failure).rejects.toThrow(new RegExp(`^${kirimFile.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: OpenAPI schema validation failed\\.\\n  #/paths/`));
  });

  it('refuses a document that is not OpenAPI 3.1', async () => {
    fs.writeFileSync(kirimFile, fs.readFileSync(kirimFile, 'utf8').replace(/^openapi: 3\.1\.0$/m, 'openapi: 3.0.3'));
    await expect(loadSpecs(['kirim'], dir)).rejects.toThrow(`${kirimFile}: openapi: "3.0.3" is not supported; label-gateway reads OpenAPI 3.1 documents`);
  });
});
