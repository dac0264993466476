import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { runCommand, spawnGateway } from '../support/gateway-process';

/**
 * A gateway config is checked against what each translation target accepts before anything starts:
 * a placeholder left in (a team, a token, a URL) is a one-line error naming the key, and exit code 2.
 */

/** The README's translation example, exactly as a reader would copy it. */
function readmeExample(): { routes: Record<string, Record<string, unknown>> } & Record<string, unknown> {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Example: an application written for SuperSend v2'));
  const block = /```json\n([\s\S]*?)\n```/.exec(section);
  if (!block) throw new Error("the README's translation example has no JSON block");
  return JSON.parse(block[1]);
}

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'proxy-config-'));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

let count = 0;
function configFile(config: unknown): string {
  const file = path.join(folder, `gateway-${++count}.json`);
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}

/** The README's example with its placeholders filled in by the reader. */
function filledIn(): ReturnType<typeof readmeExample> {
  const config = readmeExample();
  config.routes['supersend-v2'].params = { team_id: 'team_sales' };
  return config;
}

const REAL_LOOKING_TOKEN = { KIRIM_TOKEN: 'Bearer kt_9f8e7d6c5b4a' };

async function refused(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const { code, stderr } = await runCommand(['serve', '--memory', ...args], env);
  expect(code).toBe(2);
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0];
}

describe('label-gateway serve --config: translation routes checked against the target', () => {
  it("refuses the README's example with its team placeholder left in, naming the key", async () => {
    const line = await refused(['--config', configFile(readmeExample())], REAL_LOOKING_TOKEN);
    expect(line).toContain('routes.supersend-v2.params.team_id');
    expect(line).toContain('"<the Kirim team the labels go to>" is not a kirim team id');
  });

  it("refuses the README's token placeholder, naming the variable and never repeating its value", async () => {
    const line = await refused(['--config', configFile(filledIn())], { KIRIM_TOKEN: 'Bearer <kirim token>' });
    expect(line).toContain('routes.supersend-v2.credentialEnv (KIRIM_TOKEN)');
    expect(line).not.toContain('kirim token>');
  });

  it('refuses a credential in the wrong scheme for the target', async () => {
    const config = filledIn();
    config.routes['supersend-v2'] = { ...config.routes['supersend-v2'], credentialEnv: undefined, credential: 'kt_9f8e7d6c5b4a' };
    const line = await refused(['--config', configFile(config)]);
    expect(line).toContain('routes.supersend-v2.credential: not a kirim Authorization value');
    expect(line).not.toContain('kt_9f8e7d6c5b4a');
  });

  it('refuses an upstream that is not a URL', async () => {
    const config = filledIn();
    config.routes['supersend-v2'].upstream = 'https://<your-kirim>';
    const line = await refused(['--config', configFile(config)], REAL_LOOKING_TOKEN);
    expect(line).toContain('/routes/supersend-v2/upstream: "https://<your-kirim>" is not a URL');
  });

  it('refuses a team for a target that has none, and a target that needs one the client cannot name', async () => {
    const jasni = { routes: { 'attention-v2': { upstream: 'http://127.0.0.1:9/jasni', as: 'jasni', params: { team_id: 'team_sales' } } } };
    expect(await refused(['--config', configFile(jasni)])).toContain('routes.attention-v2.params.team_id: jasni has no teams');
    const line = await refused(['--upstream', 'jasni=supersend-v2@http://127.0.0.1:9/supersend']);
    expect(line).toContain('routes.jasni.params.team_id is required: supersend-v2 puts every label in a team');
  });

  it('refuses a SuperSend team that is not a UUID, in the words of the SuperSend spec', async () => {
    const config = { routes: { jasni: { upstream: 'http://127.0.0.1:9/supersend', as: 'supersend-v2', credential: 'Bearer sk_1', params: { team_id: 'sales' } } } };
    expect(await refused(['--config', configFile(config)])).toContain('routes.jasni.params.team_id: "sales" is not a supersend-v2 team id: team_id must be a valid UUID');
  });

  it("starts with the README's example once its placeholders are filled in", async () => {
    const gateway = await spawnGateway(['--memory', '--config', configFile(filledIn())], REAL_LOOKING_TOKEN);
    try {
      await request(gateway.url).get('/__admin/health').expect(200);
    } finally {
      await gateway.kill('SIGTERM');
    }
  });
});
