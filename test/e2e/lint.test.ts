import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lintGateway, type LintReport } from '../../src/lint';
import { parseServeOptions } from '../../src/cli/serve-flags';
import { runCommand } from '../support/gateway-process';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'label-gateway-lint-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const where = path.join(dir, name);
  fs.writeFileSync(where, typeof content === 'string' ? content : JSON.stringify(content));
  return where;
}

/** What `label-gateway lint ARGS` reports, found in-process (the command itself is run in the first two tests). */
const lint = (args: string[]): Promise<LintReport> => lintGateway(parseServeOptions(args, {}));
const problemsOf = async (args: string[]) => (await lint(args)).problems.join('\n');

const TEAM = '7c1d3f4e-2b6a-4c8d-9e0f-1a2b3c4d5e6f';

describe('label-gateway lint', () => {
  it('passes sound files with exit 0, saying what it checked, and starts nothing', async () => {
    const config = file('sound-config.json', {
      contract: 'enforce',
      routes: { 'supersend-v2': { upstream: 'http://127.0.0.1:9/kirim', as: 'kirim', credential: 'Bearer t', params: { team_id: 'team-a' } } },
      cors: { origins: ['https://app.example'] },
    });
    const tenants = file('sound-tenants.json', { tenants: [{ credential: 'tok_alpha', organization: 'org-alpha', teams: [TEAM] }] });
    const data = path.join(dir, 'never-created');
    const { code, stdout, stderr } = await runCommand(['lint', '--config', config, '--tenants', tenants, '--data', data]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('specs: 5 dialects');
    expect(stdout).toContain(`tenants: ${tenants}, 1 credential`);
    expect(stdout).toContain('supersend-v2 as kirim at http://127.0.0.1:9/kirim');
    expect(stdout).toContain('cors: https://app.example, mocked dialects only');
    expect(stdout).toContain('no problems');
    expect(fs.existsSync(data)).toBe(false);
  });

  it('names every mistake in every file and exits 2', async () => {
    const config = file('broken-config.json', { contract: 'strict', routes: { jasni: { upstream: 'ftp://x' } }, colour: 'red' });
    const tenants = file('broken-tenants.json', { tenants: [{ credential: 'tok' }] });
    const { code, stderr } = await runCommand(['lint', '--config', config, '--tenants', tenants]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${config} is not a valid gateway config`);
    expect(stderr).toContain('/contract: must be one of report, enforce');
    expect(stderr).toContain('unknown setting "colour"');
    expect(stderr).toContain('/routes/jasni/upstream');
    expect(stderr).toContain(`The tenants file ${tenants} is not valid`);
    expect(stderr).toContain("must have required property 'organization'");
    expect(stderr).toContain('2 problems; the gateway would not start');
  });

  it('refuses what only start-up would notice: a translation target without get-one, an unset credential variable', async () => {
    const target = file('targets.json', { routes: { jasni: { upstream: 'http://127.0.0.1:9', as: 'supersend-v1' } } });
    const env = file('env.json', { routes: { jasni: { upstream: 'http://127.0.0.1:9', as: 'kirim', credentialEnv: 'LABEL_GATEWAY_LINT_UNSET' } } });
    expect(await problemsOf(['--config', target])).toContain('supersend-v1 cannot be a translation target');
    expect(await problemsOf(['--config', env])).toContain('the environment variable LABEL_GATEWAY_LINT_UNSET is not set');
  });

  it('checks flags too: an --upstream shorthand and a CORS origin, each named', async () => {
    const problems = await problemsOf(['--upstream', 'jasni=kirim@127.0.0.1:9', '--cors-origin', 'https://app.example/path']);
    expect(problems).toContain('--upstream jasni=kirim@127.0.0.1:9: expected DIALECT=URL or DIALECT=TARGET@URL');
    expect(problems).toContain('"https://app.example/path" is not an origin');
  });

  it('warns, without failing, about team ids SuperSend v2 will refuse', async () => {
    const tenants = file('teams.json', { tenants: [{ credential: 'tok', organization: 'org', teams: ['team-1', TEAM] }, { credential: 'jsk_a', vendors: ['jasni'], organization: 'org', teams: ['x'] }] });
    const report = await lint(['--tenants', tenants]);
    expect(report.problems).toEqual([]);
    expect(report.warnings).toEqual([expect.stringContaining('/tenants/0: team "team-1" is not a UUID')]);
  });

  it('refuses a file that is not JSON, naming it', async () => {
    const config = file('not-json.json', '{ "contract": ');
    expect(await problemsOf(['--config', config])).toContain(`Cannot read the config file ${config}`);
  });

  it('refuses specs that do not load, naming the file', async () => {
    const report = await lintGateway({ specsDir: path.join(dir, 'no-specs-here') });
    expect(report.problems.join('\n')).toContain('no-specs-here');
  });
});
