import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

/** A two-file project with the repository's build script, so the real one's dist/ is never touched. */
function makeProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'label-gateway-build-'));
  fs.mkdirSync(path.join(dir, 'scripts'));
  fs.copyFileSync(path.join(ROOT, 'scripts', 'build.js'), path.join(dir, 'scripts', 'build.js'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src', 'a.ts'), 'export const a: number = 1;\n');
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, outDir: 'dist', rootDir: '.', types: [] } }));
  fs.writeFileSync(path.join(dir, 'tsconfig.build.json'), JSON.stringify({ extends: './tsconfig.json', include: ['src'] }));
  return dir;
}

const build = (dir: string, ...args: string[]) => spawnSync(process.execPath, [path.join(dir, 'scripts', 'build.js'), ...args], { encoding: 'utf8' });
const mtimeOf = (file: string) => fs.statSync(file).mtimeMs;

describe('scripts/build.js --if-stale (npm start’s prestart)', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeProject();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('builds when there is no stamped build, then not again while dist/ is current, and again once a source changes', () => {
    const output = path.join(dir, 'dist', 'src', 'a.js');
    expect(build(dir, '--if-stale').status).toBe(0);
    expect(fs.readFileSync(output, 'utf8')).toContain('exports.a = 1');
    const builtAt = mtimeOf(output);

    const skipped = build(dir, '--if-stale');
    expect(skipped.status).toBe(0);
    expect(mtimeOf(output)).toBe(builtAt);

    fs.writeFileSync(path.join(dir, 'src', 'a.ts'), 'export const a: number = 2;\n');
    const future = new Date(Date.now() + 5000);
    fs.utimesSync(path.join(dir, 'src', 'a.ts'), future, future);
    expect(build(dir, '--if-stale').status).toBe(0);
    expect(fs.readFileSync(output, 'utf8')).toContain('exports.a = 2');
  });

  it('fails with the compiler’s exit status on a type error', () => {
    fs.writeFileSync(path.join(dir, 'src', 'a.ts'), 'export const a: number = "two";\n');
    const result = build(dir);
    expect(result.status).not.toBe(0);
    expect(result.stdout).toContain('TS2322');
  });
});
