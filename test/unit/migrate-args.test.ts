import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { confirm } from '../../src/migrate/confirm';
import { parseMigrateArgs } from '../../src/migrate/migrate-args';
import { scratch } from '../support/migration';

const BASE = ['--from', 'kirim=https://api-kckit.kirim.chat', '--from-credential-env', 'KIRIM_TOKEN', '--to', 'supersend-v2=https://api.supersend.io', '--to-credential-env', 'SS_KEY'];

describe('migrate command line', () => {
  it("takes the issue's example, with defaults for the rest", () => {
    expect(parseMigrateArgs([...BASE, '--param', 'team_id=7c1d'])).toEqual({
      from: { dialect: 'kirim', upstream: 'https://api-kckit.kirim.chat', credentialEnv: 'KIRIM_TOKEN', params: {} },
      to: { dialect: 'supersend-v2', upstream: 'https://api.supersend.io', credentialEnv: 'SS_KEY', params: { team_id: '7c1d' } },
      statePath: 'migration-state.json',
      reportPath: undefined,
      dataDir: undefined,
      concurrency: 4,
      dryRun: false,
      yes: false,
      overwrite: false,
      timeoutMs: 30_000,
      maxAttempts: 6,
    });
  });

  it('reads the same settings from --config, flags winning', () => {
    const dir = scratch();
    try {
      const file = path.join(dir, 'migrate.json');
      fs.writeFileSync(file, JSON.stringify({ from: 'jasni=https://api.jasni.ai', fromCredentialEnv: 'J', to: 'kirim=https://k', toCredentialEnv: 'K', params: { team_id: 'a' }, concurrency: 8, overwrite: true }));
      const settings = parseMigrateArgs(['--config', file, '--concurrency', '2', '--param', 'team_id=b']);
      expect(settings).toMatchObject({ from: { dialect: 'jasni', credentialEnv: 'J' }, to: { params: { team_id: 'b' } }, concurrency: 2, overwrite: true });
      fs.writeFileSync(file, JSON.stringify({ from: 'jasni=https://x', credential: 'secret', concurrency: 100 }));
      expect(() => parseMigrateArgs(['--config', file])).toThrow(/is not a valid migration config: unknown setting "credential"; \/concurrency must be <= 64/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names each mistake', () => {
    expect(() => parseMigrateArgs(['--to', 'kirim=https://k'])).toThrow('--from DIALECT=URL is required (try --help)');
    expect(() => parseMigrateArgs([...BASE.slice(0, 2), ...BASE.slice(4)])).toThrow(/--from-credential-env VAR is required/);
    expect(() => parseMigrateArgs(['--from', 'kirim:https://k', ...BASE.slice(2)])).toThrow(/expected DIALECT=URL/);
    expect(() => parseMigrateArgs([...BASE, '--concurrency', '0'])).toThrow('--concurrency must be a whole number from 1 to 64, not "0"');
    expect(() => parseMigrateArgs([...BASE, '--param', 'team_id'])).toThrow(/--param team_id: expected KEY=VALUE/);
    expect(() => parseMigrateArgs([...BASE, '--token', 'x'])).toThrow(/Unknown option '--token'/);
  });
});

describe('confirmation', () => {
  const ask = async (answer: string) => {
    const input = new PassThrough();
    const output = new PassThrough();
    const asked = confirm('Write 3 label(s)?', input, output);
    input.end(answer);
    return { yes: await asked, prompt: String(output.read()) };
  };

  it('goes ahead only on y or yes', async () => {
    expect(await ask('y\n')).toEqual({ yes: true, prompt: 'Write 3 label(s)? [y/N] ' });
    expect((await ask('YES\n')).yes).toBe(true);
    expect((await ask('\n')).yes).toBe(false);
    expect((await ask('')).yes).toBe(false); // end of input is a no
  });
});
