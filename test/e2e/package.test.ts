import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readmeBlocks } from '../support/readme';

const ROOT = path.join(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; dependencies: Record<string, string> };

jest.setTimeout(180_000);

/** A TypeScript project of a user's: imports the gateway and its types, starts one, calls it, stops it. */
const CONSUMER_SOURCE = `
import { startGateway, silentLogger, DIALECT_IDS, lintGateway } from 'label-gateway';
import type { AccessEntry, CorsSettings, DialectId, GatewayOptions, Logger, LintReport, ProxyConfig, RunningGateway, UpstreamRoute } from 'label-gateway';

const seen: AccessEntry[] = [];
const logger: Logger = { ...silentLogger, accessEnabled: true, access: (entry) => seen.push(entry) };
const route: UpstreamRoute = { upstream: 'http://127.0.0.1:9/kirim', as: 'kirim', credential: 'Bearer t' };
const cors: CorsSettings = { origins: ['https://app.example'] };
const proxy: ProxyConfig = { contract: 'enforce', upstreamTimeoutMs: 1000, routes: { jasni: route }, cors };
const dialect: DialectId = DIALECT_IDS[1];

async function main(): Promise<void> {
  const report: LintReport = await lintGateway({ proxy });
  const options: GatewayOptions = { port: 0, host: '127.0.0.1', memory: true, logger, proxy };
  const gateway: RunningGateway = await startGateway(options);
  const created = await fetch(\`\${gateway.url}/kirim/v1/labels\`, {
    method: 'POST',
    headers: { Authorization: 'Bearer consumer', 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'VIP' }),
  });
  const body = (await created.json()) as { data: { name: string } };
  await gateway.stop();
  console.log(JSON.stringify({ dialect, problems: report.problems, status: created.status, name: body.data.name, logged: seen.map((entry) => \`\${entry.method} \${entry.path} \${entry.status}\`) }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
`;

describe('the npm package, as a user installs it', () => {
  let work: string;
  let files: string[];
  let consumer: string;
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'label-gateway-package-'));
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.js'), '--if-stale'], { cwd: ROOT });
    // What `npm publish` would send (the build is current, so its prepare step is not needed).
    const packed = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' })) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    files = packed[0].files.map((file) => file.path);
    const tarball = path.join(work, path.basename(packed[0].filename));

    // An empty project. The registry is never asked: the tarball's dependencies are the repository's
    // installed ones, linked in as npm would find them already installed, and npm runs --offline with an
    // empty cache of its own, so anything it had to fetch would fail the install.
    consumer = path.join(work, 'consumer');
    fs.mkdirSync(path.join(consumer, 'node_modules'), { recursive: true });
    fs.writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    const linkInstalled = (dependency: string) => {
      const link = path.join(consumer, 'node_modules', dependency);
      fs.mkdirSync(path.dirname(link), { recursive: true });
      fs.symlinkSync(path.join(ROOT, 'node_modules', dependency), link, 'dir');
    };
    Object.keys(manifest.dependencies).forEach(linkInstalled);
    execFileSync('npm', ['install', tarball, '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--cache', path.join(work, 'npm-cache')], {
      cwd: consumer,
      encoding: 'utf8',
    });
    // Node's and jest's types, as a TypeScript user has them (after the install, which prunes what package.json does not name).
    linkInstalled('@types/node');
    linkInstalled('@types/jest');
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('holds what a user needs and nothing else', () => {
    for (const needed of ['LICENSE', 'README.md', 'package.json', 'bin/label-gateway.js', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/cli.js', 'dist/adapters/index.js']) {
      expect(files).toContain(needed);
    }
    for (const spec of fs.readdirSync(path.join(ROOT, 'specs'))) expect(files).toContain(`specs/${spec}`);
    const unwanted = files.filter((file) => /(^|\/)(bench|test|scripts|src|data)\/|\.tsbuildinfo$|\.build-stamp$|\.map$|\.ts$/.test(file) && !/^dist\/(src|adapters)\/.*(\.js|\.d\.ts)$/.test(file));
    expect(unwanted).toEqual([]);
  });

  it('compiles a strict TypeScript consumer of startGateway and its types (and the README’s ts examples), which starts and stops a gateway', () => {
    fs.writeFileSync(path.join(consumer, 'index.ts'), CONSUMER_SOURCE);
    // The README's examples are run by readme-examples.test.ts; here they are type-checked against the package as installed.
    const examples = readmeBlocks()
      .filter((block) => block.lang === 'ts')
      .map((block) => {
        const file = `readme-${block.line}.ts`;
        fs.writeFileSync(path.join(consumer, file), `${block.text}\nexport {};\n`);
        return file;
      });
    fs.writeFileSync(
      path.join(consumer, 'tsconfig.json'),
      JSON.stringify({
        // skipLibCheck off: the package's own declarations are compiled too, as a strict user's would be.
        compilerOptions: { strict: true, skipLibCheck: false, noEmitOnError: true, target: 'ES2022', module: 'commonjs', moduleResolution: 'node10', types: ['node', 'jest'], outDir: 'out' },
        files: ['index.ts', ...examples],
      }),
    );
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    // One compiler run: it type-checks everything (as --noEmit would) and emits only when that found nothing.
    const compiled = spawnSync(process.execPath, [tsc, '-p', consumer], { encoding: 'utf8' });
    expect(compiled.stdout + compiled.stderr).toBe('');
    expect(compiled.status).toBe(0);

    const run = spawnSync(process.execPath, [path.join(consumer, 'out', 'index.js')], { cwd: consumer, encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ dialect: 'kirim', problems: [], status: 201, name: 'VIP', logged: ['POST /kirim/v1/labels 201'] });
  });

  it('installs the label-gateway command, which finds its specs in the package', () => {
    const bin = path.join(consumer, 'node_modules', '.bin', 'label-gateway');
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim()).toBe(manifest.version);
    const lint = spawnSync(bin, ['lint'], { encoding: 'utf8' });
    expect(lint.status).toBe(0);
    expect(lint.stdout).toContain(`specs: 5 dialects`);
    expect(lint.stdout).toContain(path.join(consumer, 'node_modules', 'label-gateway', 'specs'));
  });
});
