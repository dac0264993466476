import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { SERVE_FLAGS } from '../../src/cli/serve-flags';
import { DIALECT_IDS, VENDOR_OF, VENDOR_PREFIX } from '../../src/core/dialects';
import { displayPath } from '../../src/cli/help';
import { ADMIN_ROUTES } from '../../src/http/admin';
import { lintGateway } from '../../src/lint';
import { runCommand, spawnGateway, type GatewayProcess } from '../support/gateway-process';
import { freshDatabase, type FreshDatabase } from '../support/postgres';
import { fillPlaceholders, README, readmeBlocks, shellCommands, type FencedBlock, type ShellCommand } from '../support/readme';

/*
 * Every example of the README, run as written against real gateways, so an example added later is
 * covered without a new test. `sh` blocks: each `curl` runs with sh against the gateway the block
 * started (or the one `npm start` gives), and must get a 2xx; each `npm start -- …` / `label-gateway
 * serve …` must start and answer health; each `label-gateway lint …` must pass; each `label-gateway
 * migrate …` must exit 0 between the mocked vendors. Ports are the README's, mapped to free ones;
 * the vendors' real hosts are a mock gateway (the README's own way to try proxy
 * mode without a vendor account), and its database a fresh one on the suite's PostgreSQL;
 * `<placeholders>` are filled in. `json` blocks are the files the
 * commands name (`gateway.json`, `tenants.json`) or a log line, checked against a real one. `ts`
 * blocks run here as tests, with `label-gateway` being this package. A command of any other kind
 * fails the test until it is given a way to run here.
 */

const ROOT = path.join(__dirname, '..', '..');
const README_PORT = 4010; // npm start's default, which the README's curls use
/** The database the README's several-gateways example names: a fresh one on the suite's server here. */
const README_DATABASE_URL = 'postgres://gateway:secret@db.internal:5432/labels';
let readmeDatabase: FreshDatabase;

// Each test starts real processes (npm, gateways); a loaded CI machine needs the room.
jest.setTimeout(60_000);
const blocks = readmeBlocks();
const where = (block: FencedBlock) => `README.md:${block.line}`;

/** The vendors' real origins (the specs' servers) → the vendor mock's prefix for them. */
const VENDOR_ORIGINS = new Map(
  DIALECT_IDS.map((dialect) => {
    const spec = fs.readFileSync(path.join(ROOT, 'specs', `${dialect}.openapi.yaml`), 'utf8');
    return [/^servers:\n\s+- url: (\S+)/m.exec(spec)![1], VENDOR_PREFIX[VENDOR_OF[dialect]]] as const;
  }),
);

/** The README's files, by the name its commands give them. */
function readmeFile(kind: 'tenants' | 'routes' | 'faults'): string {
  const matching = blocks.filter((block) => block.lang === 'json' && new RegExp(`^\\s*"${kind}"\\s*:`, 'm').test(block.text));
  if (matching.length !== 1) throw new Error(`expected one README json block with "${kind}", found ${matching.length}`);
  return matching[0].text;
}
const FILES: Record<string, () => string> = { 'gateway.json': () => readmeFile('routes'), 'tenants.json': () => readmeFile('tenants') };

let work: string;
let vendors: GatewayProcess;
const running: GatewayProcess[] = [];
/** README port → the port the gateway standing for it listens on. */
const ports = new Map<number, number>();

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'label-gateway-readme-'));
  readmeDatabase = await freshDatabase();
  vendors = await spawnGateway(['--memory', '--quiet'], {}, work);
  // `npm ci && npm start`: the gateway every block without a start of its own talks to.
  const started = await spawnGateway(['--quiet'], {}, work);
  running.push(started);
  ports.set(README_PORT, Number(new URL(started.url).port));
});
afterAll(async () => {
  await Promise.all([vendors, ...running].map((gateway) => gateway.kill('SIGTERM')));
  fs.rmSync(work, { recursive: true, force: true });
  await readmeDatabase?.drop();
});

/** The README's text with its ports and the vendors' origins pointed at this test's gateways. */
function localised(text: string): string {
  let out = fillPlaceholders(text).split(README_DATABASE_URL).join(readmeDatabase.url).replace(/127\.0\.0\.1:(\d+)/g, (match, port: string) => {
    const actual = ports.get(Number(port));
    return actual === undefined ? match : `127.0.0.1:${actual}`;
  });
  for (const [origin, prefix] of VENDOR_ORIGINS) out = out.split(origin).join(vendors.url + prefix);
  return out;
}

function writeNamedFiles(words: string[], cwd: string): void {
  for (const word of words) if (FILES[word]) fs.writeFileSync(path.join(cwd, word), localised(FILES[word]()));
}

/** What one block runs in: its own folder (so `./data` is its own), and the gateways it started, by README port. */
interface BlockRun {
  block: FencedBlock;
  cwd: string;
  started: Map<number, GatewayProcess>;
}

function envOf(command: ShellCommand): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(command.env).map(([name, value]) => [name, localised(value)]));
}

/**
 * `npm start -- ARGS` or `label-gateway serve ARGS`: started on a free port standing for the README's.
 * Two starts on one port in a block are alternatives (as in a terminal, the first is stopped first).
 */
async function start(command: ShellCommand, run: BlockRun): Promise<void> {
  const npm = command.words[0] === 'npm';
  const dashes = command.words.indexOf('--');
  if (npm && dashes === -1 && command.words.length > 2) throw new Error(`${where(run.block)}: npm start's flags need a -- before them`);
  const args = npm ? (dashes === -1 ? [] : command.words.slice(dashes + 1)) : command.words.slice(2);
  const portFlag = args.indexOf('--port');
  const readmePort = portFlag === -1 ? README_PORT : Number(args[portFlag + 1]);
  const rest = portFlag === -1 ? args : [...args.slice(0, portFlag), ...args.slice(portFlag + 2)];
  await run.started.get(readmePort)?.kill('SIGTERM');
  writeNamedFiles(rest, run.cwd);
  const gateway = await spawnGateway([...rest.map(localised), '--quiet'], envOf(command), run.cwd);
  run.started.set(readmePort, gateway);
  ports.set(readmePort, Number(new URL(gateway.url).port));
  const health = await fetch(`${gateway.url}/__admin/health`);
  expect(health.status).toBe(200);
}

function curl(command: ShellCommand, { block, cwd }: BlockRun): Promise<void> {
  const script = `${localised(command.text)} -w '\\n%{http_code}'`;
  return new Promise((resolve, reject) =>
    execFile('sh', ['-c', script], { cwd, timeout: 15000 }, (error, stdout, stderr) => {
      const status = Number(stdout.trim().split('\n').at(-1));
      if (error || !(status >= 200 && status < 300)) reject(new Error(`${where(block)}: ${command.text}\n→ ${error?.message ?? ''} status ${status}\n${stdout}${stderr}`));
      else resolve();
    }),
  );
}

async function lint(command: ShellCommand, { block, cwd }: BlockRun): Promise<void> {
  const args = command.words.slice(1);
  writeNamedFiles(args, cwd);
  const { code, stdout, stderr } = await runCommand(args.map(localised), envOf(command), cwd);
  expect({ example: where(block), code, stderr, warnings: stdout.split('\n').filter((line) => line.includes('warning')) }).toEqual({
    example: where(block),
    code: 0,
    stderr: '',
    warnings: [],
  });
}

/**
 * `label-gateway migrate ARGS` (or `npm run migrate -- ARGS`) between the vendors as this test's mock
 * stands for them, in the block's folder (its state file and `./data`): it must exit 0.
 */
async function migrate(command: ShellCommand, { block, cwd }: BlockRun): Promise<void> {
  const dashes = command.words.indexOf('--');
  const args = command.words[0] === 'npm' ? ['migrate', ...(dashes === -1 ? [] : command.words.slice(dashes + 1))] : command.words.slice(1);
  const { code, stdout, stderr } = await runCommand(args.map(localised), envOf(command), cwd);
  expect({ example: where(block), code, stderr: code === 0 ? '' : stderr, stdout: code === 0 ? '' : stdout }).toEqual({ example: where(block), code: 0, stderr: '', stdout: '' });
}

/** `npm ci` and `npm test` are what `.ci/run` runs on every Node version: covered there. */
function coveredByCi(command: ShellCommand): boolean {
  const ci = fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');
  return command.words[0] === 'npm' && ['ci', 'test'].includes(command.words[1]) && ci.includes(`npm ${command.words[1]}`);
}

describe('the README’s sh examples, run as written', () => {
  const shBlocks = blocks.filter((block) => block.lang === 'sh');
  it('has some', () => expect(shBlocks.length).toBeGreaterThan(3));

  it.each(shBlocks.map((block) => [where(block), block] as const))('%s', async (_where, block) => {
    const run: BlockRun = { block, cwd: fs.mkdtempSync(path.join(work, 'block-')), started: new Map() };
    const before = new Map(ports);
    try {
      for (const command of shellCommands(block.text)) {
        const [program, sub] = command.words;
        if (program === 'curl') await curl(command, run);
        else if ((program === 'npm' && sub === 'start') || (program === 'label-gateway' && sub === 'serve')) await start(command, run);
        else if (program === 'label-gateway' && sub === 'lint') await lint(command, run);
        else if ((program === 'label-gateway' && sub === 'migrate') || (program === 'npm' && sub === 'run' && command.words[2] === 'migrate')) await migrate(command, run);
        else if (!coveredByCi(command)) throw new Error(`${where(block)}: no way to run "${command.text}" here yet: teach test/e2e/readme-examples.test.ts`);
      }
    } finally {
      await Promise.all([...run.started.values()].map((gateway) => gateway.kill('SIGTERM')));
      ports.clear();
      for (const [port, actual] of before) ports.set(port, actual);
    }
  });
});

describe('the README’s json examples', () => {
  it('are each a file a command names, or a log line', () => {
    for (const block of blocks.filter((candidate) => candidate.lang === 'json')) {
      // A tenants file, a config (routes, or faults and limits), a log line, a seed (labels by credential),
      // or a journal entry as GET /__admin/requests answers it (its fields are asserted by journal.test.ts).
      const kinds = [/"tenants"\s*:/, /"routes"\s*:/, /"faults"\s*:/, /"kind":"access"/, /"Bearer [^"]*"\s*:\s*\[/, /"credentialFingerprint"/].filter((pattern) =>
        pattern.test(block.text),
      );
      expect({ example: where(block), kinds: kinds.length }).toEqual({ example: where(block), kinds: 1 });
    }
  });

  it('gives a faults and rate limits config that lints clean', async () => {
    fs.writeFileSync(path.join(work, 'faults.json'), readmeFile('faults'));
    const report = await lintGateway({ config: path.join(work, 'faults.json') });
    expect(report).toMatchObject({ problems: [] });
  });

  it('gives a seed that a gateway starts with, its fixed id served', async () => {
    const seed = blocks.find((block) => block.lang === 'json' && /"Bearer [^"]*"\s*:\s*\[/.test(block.text));
    fs.writeFileSync(path.join(work, 'seed.json'), seed!.text);
    const gateway = await spawnGateway(['--port', '0', '--memory', '--quiet', '--seed', path.join(work, 'seed.json')]);
    try {
      const res = await fetch(`${gateway.url}/kirim/v1/labels/lbl_01HXYZABCDEFGHJKMNPQRSTVWX`, { headers: { Authorization: 'Bearer sk_test_1' } });
      expect(res.status).toBe(200);
    } finally {
      await gateway.kill('SIGTERM');
    }
  });

  it('gives a tenants file that lints clean: UUID team ids, as SuperSend v2 takes', async () => {
    fs.writeFileSync(path.join(work, 'tenants.json'), readmeFile('tenants'));
    const report = await lintGateway({ tenants: path.join(work, 'tenants.json') });
    expect(report).toMatchObject({ problems: [], warnings: [] });
  });

  it('shows a JSON log line with exactly the fields the gateway writes', async () => {
    const sample = JSON.parse(blocks.find((block) => block.lang === 'json' && block.text.includes('"kind":"access"'))!.text) as Record<string, unknown>;
    const gateway = await spawnGateway(['--memory', '--log-format', 'json'], {}, work);
    running.push(gateway);
    await fetch(`${gateway.url}/kirim/v1/labels`, { method: 'POST', headers: { Authorization: 'Bearer readme', 'Content-Type': 'application/json' }, body: '{"name":"VIP"}' });
    for (let attempt = 0; attempt < 50 && !gateway.stdout().includes('"kind":"access"'); attempt++) await new Promise((resolve) => setTimeout(resolve, 20));
    const real = gateway.stdout().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.kind === 'access')!;
    expect(Object.keys(sample).sort()).toEqual(Object.keys(real).sort());
    expect({ ...sample, time: undefined, durationMs: undefined }).toEqual({ ...real, time: undefined, durationMs: undefined });
  });
});

describe('the README’s ts examples, run as tests with label-gateway being this package', () => {
  const tsBlocks = blocks.filter((block) => block.lang === 'ts');
  it('has some', () => expect(tsBlocks.length).toBeGreaterThan(0));
  for (const block of tsBlocks) {
    describe(where(block), () => {
      const js = ts.transpileModule(block.text, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
      const requireMapped = (name: string): unknown => (name === 'label-gateway' ? require('../../src/index') : require(name));
      // The example's own beforeAll/it/afterAll register here, as they would in the user's test file.
      new Function('require', 'exports', 'beforeAll', 'afterAll', 'beforeEach', 'afterEach', 'describe', 'it', 'test', 'expect', js)(
        requireMapped,
        {},
        beforeAll,
        afterAll,
        beforeEach,
        afterEach,
        describe,
        it,
        test,
        expect,
      );
    });
  }
});

describe('the README’s reference lists', () => {
  const readme = fs.readFileSync(README, 'utf8');
  it('names every command-line flag', () => {
    for (const flag of Object.keys(SERVE_FLAGS)) expect(readme).toContain(`--${flag}`);
  });
  it('names every admin route', () => {
    for (const route of ADMIN_ROUTES) expect(readme).toContain(`${route.method} ${displayPath(route.path)}`);
  });
  it('cites no file outside the repository', () => {
    expect(readme).not.toMatch(/\.\.\/shared|DIALECTS\.md/);
  });
});
