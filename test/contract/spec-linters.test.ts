import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * The specs are what users feed into code generators, Postman, Redocly and Spectral: both linters, run
 * as a user would run them (`spectral lint` with `.spectral.yaml`, `redocly lint` with `redocly.yaml`),
 * must find no error in any of them. An example that breaks its own schema is an error in both
 * configurations. One invocation of each CLI over every spec, offline.
 */
const repoRoot = path.resolve(__dirname, '../..');
const specFiles = readdirSync(path.join(repoRoot, 'specs'))
  .filter((file) => file.endsWith('.openapi.yaml'))
  .map((file) => path.join('specs', file));

interface LintRun {
  exitCode: number;
  output: string;
}

/** The CLI's own entry point, run with this Node (no npx: nothing is looked up or downloaded). */
function binOf(pkg: string, name: string): string {
  const manifest = require(`${pkg}/package.json`) as { bin: Record<string, string> };
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), manifest.bin[name]);
}

function lint(bin: string, args: string[]): Promise<LintRun> {
  const env = {
    ...process.env,
    // Redocly reports usage and checks for updates over the network unless told not to.
    REDOCLY_TELEMETRY: 'off',
    REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  };
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: repoRoot, env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const exitCode = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ exitCode, output: `${stdout}\n${stderr}` });
    });
  });
}

/** One finding of Spectral's JSON report (severity 0 is an error, 1 a warning). */
interface SpectralFinding {
  code: string;
  message: string;
  severity: number;
  source: string;
  range: { start: { line: number } };
}

const describeFinding = (finding: SpectralFinding) =>
  `${path.relative(repoRoot, finding.source)}:${finding.range.start.line + 1} ${finding.code}: ${finding.message}`;

let spectral: LintRun;
let spectralFindings: SpectralFinding[];
let redocly: LintRun;

beforeAll(async () => {
  [spectral, redocly] = await Promise.all([
    lint(binOf('@stoplight/spectral-cli', 'spectral'), ['lint', '--quiet', '--format', 'json', '--ruleset', '.spectral.yaml', ...specFiles]),
    lint(binOf('@redocly/cli', 'redocly'), ['lint', '--config', 'redocly.yaml', '--format', 'stylish', ...specFiles]),
  ]);
  const report = spectral.output.slice(spectral.output.indexOf('['), spectral.output.lastIndexOf(']') + 1);
  spectralFindings = JSON.parse(report) as SpectralFinding[];
}, 120_000);

const EXAMPLE_RULES = /^(oas3-valid-(media|schema)-example|no-invalid-(media-type|schema)-examples)$/;

describe('the specs under the linters users run', () => {
  it('lints all five specs', () => {
    expect(specFiles).toHaveLength(5);
  });

  it('Spectral (spectral:oas) finds no error', () => {
    const errors = spectralFindings.filter((finding) => finding.severity === 0).map(describeFinding);
    expect({ exitCode: spectral.exitCode, errors }).toEqual({ exitCode: 0, errors: [] });
  });

  it('Redocly (recommended) finds no error, in any file', () => {
    // On failure the whole report is shown: rule, file, line.
    expect({ exitCode: redocly.exitCode, report: redocly.exitCode === 0 ? '' : redocly.output }).toEqual({ exitCode: 0, report: '' });
    for (const file of specFiles) expect(redocly.output).toContain(`${file}: validated`);
  });

  it('neither reports an example that breaks its schema, even as a warning', () => {
    expect(spectralFindings.filter((finding) => EXAMPLE_RULES.test(finding.code)).map(describeFinding)).toEqual([]);
    expect(redocly.output.split('\n').filter((line) => /no-invalid-(media-type|schema)-examples/.test(line))).toEqual([]);
  });
});
