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

  it('refuses a tenants file whose credentials no request could use, or that names one credential twice', async () => {
    const tenants = file('unusable-tenants.json', {
      tenants: [
        { credential: 'tok_alpha', organization: 'org-alpha' },
        { credential: 'Bearer tok_beta', organization: 'org-beta' },
        { credential: 'alice', vendors: ['jasni'], organization: 'org-alpha' },
        { credential: 'jsk_', vendors: ['jasni'], organization: 'org-alpha' },
        { credential: 'tok_alpha', vendors: ['kirim'], organization: 'org-gamma' },
        { credential: 'plain_key', organization: 'org-delta' },
      ],
    });
    const problems = await problemsOf(['--tenants', tenants]);
    expect(problems).toContain('/tenants/1/credential cannot be sent to attention, kirim, supersend, jasni in an Authorization header: write the token without its scheme');
    expect(problems).toContain('/tenants/2/credential cannot be sent to jasni in an Authorization header');
    expect(problems).toContain('/tenants/3/credential cannot be sent to jasni in an Authorization header');
    expect(problems).toContain('/tenants/4/credential is the credential of /tenants/0 too');
    // Sendable to every vendor but Jasni (no jsk_ prefix), and given for no vendor in particular: fine.
    expect(problems).not.toContain('/tenants/0/');
    expect(problems).not.toContain('/tenants/5/');
    // start-up refuses the same file, before it opens anything
    const { code, stderr } = await runCommand(['serve', '--memory', '--port', '0', '--tenants', tenants]);
    expect(code).not.toBe(0);
    expect(stderr).toContain('/tenants/1/credential cannot be sent');
  });

  it('refuses what only start-up would notice: a translation target without get-one, an unset credential variable', async () => {
    const target = file('targets.json', { routes: { jasni: { upstream: 'http://127.0.0.1:9', as: 'supersend-v1' } } });
    const env = file('env.json', { routes: { jasni: { upstream: 'http://127.0.0.1:9', as: 'kirim', credentialEnv: 'LABEL_GATEWAY_LINT_UNSET' } } });
    expect(await problemsOf(['--config', target])).toContain('supersend-v1 cannot be a translation target');
    expect(await problemsOf(['--config', env])).toContain('the environment variable LABEL_GATEWAY_LINT_UNSET is not set');
  });

  it("refuses a translating route's placeholder as start-up does, naming the key", async () => {
    const config = file('placeholder.json', {
      routes: { 'supersend-v2': { upstream: 'http://127.0.0.1:9/kirim', as: 'kirim', credential: 'Bearer t', params: { team_id: '<the Kirim team the labels go to>' } } },
    });
    const problems = await problemsOf(['--config', config]);
    expect(problems).toContain('routes.supersend-v2.params.team_id');
    expect(problems).toContain('"<the Kirim team the labels go to>" is not a kirim team id');
  });

  it('arms the config\'s faults and rate limits as start-up would: a fault that cannot be armed is named by its index and field', async () => {
    const sound = file('sound-faults.json', { faults: [{ dialect: 'kirim', operation: 'createLabel', respond: { status: 429 } }], rateLimits: { jasni: { limit: 10, windowSeconds: 1 } } });
    const report = await lint(['--config', sound]);
    expect(report.problems).toEqual([]);
    expect(report.checked).toContain('test control: 1 fault armed at start; rate limits: jasni 10/1s');

    const broken = file('broken-faults.json', { faults: [{ dialect: 'kirim', operation: 'createLabel', respond: { status: 429 } }, { dialect: 'kirim', operation: 'renameEverything', respond: { status: 500 } }] });
    expect(await problemsOf(['--config', broken])).toContain(`${broken}: faults[1].operation: renameEverything is not an operation of kirim`);
  });

  it('loads the seed file into a throw-away store: a sound one is checked, a label its dialect refuses is named, nothing is written', async () => {
    const data = path.join(dir, 'seed-never-created');
    const sound = file('sound-seed.json', { kirim: { 'Bearer sk_test_1': [{ name: 'VIP', color: 'red' }] }, jasni: { 'Bearer jsk_test_1': [{ name: 'Urgent' }] } });
    const report = await lint(['--seed', sound, '--data', data]);
    expect(report.problems).toEqual([]);
    expect(report.checked).toContain(`seed: ${sound}`);
    expect(fs.existsSync(data)).toBe(false);

    const duplicate = file('duplicate-seed.json', { kirim: { 'Bearer sk_test_1': [{ name: 'VIP' }, { name: 'VIP' }] } });
    expect(await problemsOf(['--seed', duplicate])).toMatch(new RegExp(`^The seed file ${duplicate.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid: at /kirim/\\{credential 1\\}/1`));
    const missing = path.join(dir, 'no-such-seed.json');
    expect(await problemsOf(['--seed', missing])).toContain(`Cannot read the seed file ${missing}`);
  });

  it('says why it did not check the seed when what it goes through is broken', async () => {
    const seed = file('unchecked-seed.json', { kirim: { 'Bearer sk_test_1': [{ name: 'VIP' }] } });
    const tenants = file('broken-tenants-for-seed.json', { tenants: [{ credential: 'tok' }] });
    expect(await problemsOf(['--seed', seed, '--tenants', tenants])).toContain(`seed: ${seed} not checked: fix the problems above first`);
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
