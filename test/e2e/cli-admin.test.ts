import request from 'supertest';
import { parseServeOptions } from '../../src/cli';
import { displayPath } from '../../src/cli/help';
import { ADMIN_ROUTES } from '../../src/http/admin';
import { runCommand, spawnGateway, type GatewayProcess } from '../support/gateway-process';

const running: GatewayProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((gateway) => gateway.kill('SIGTERM')));
});

async function start(args: string[], env: NodeJS.ProcessEnv = {}): Promise<GatewayProcess> {
  const gateway = await spawnGateway(args, env);
  running.push(gateway);
  return gateway;
}

describe('the admin surface on the command line', () => {
  it('--help explains the admin flags and lists every admin route', async () => {
    const { code, stdout } = await runCommand(['--help']);
    expect(code).toBe(0);
    for (const flag of ['--admin-token', '--admin-open', '$LABEL_GATEWAY_ADMIN_TOKEN']) expect(stdout).toContain(flag);
    for (const route of ADMIN_ROUTES) expect(stdout).toContain(`${route.method.padEnd(6)} ${displayPath(route.path)}`);
  });

  it('--admin-token guards the admin routes, the health probe aside', async () => {
    const gateway = await start(['--memory', '--quiet', '--admin-token', 'cli-token-1']);
    await request(gateway.url).get('/__admin/requests').expect(401);
    await request(gateway.url).get('/__admin/requests').set('Authorization', 'Bearer cli-token-1').expect(200);
    await request(gateway.url).get('/__admin/health').expect(200);
  });

  it('takes the token from $LABEL_GATEWAY_ADMIN_TOKEN, so it stays out of the process list', async () => {
    const gateway = await start(['--memory', '--quiet'], { LABEL_GATEWAY_ADMIN_TOKEN: 'env-token-2' });
    await request(gateway.url).post('/__admin/reset').expect(401);
    await request(gateway.url).post('/__admin/reset').set('Authorization', 'Bearer env-token-2').expect(200);
  });

  it('refuses a non-loopback --host without a token, saying why and what to do', async () => {
    const { code, stderr, stdout } = await runCommand(['serve', '--memory', '--port', '0', '--host', '0.0.0.0'], { LABEL_GATEWAY_ADMIN_TOKEN: '' });
    expect(code).toBe(1);
    expect(stderr).toContain('refusing to listen on 0.0.0.0 without an admin token');
    expect(stderr).toContain('--admin-open');
    expect(stdout).not.toContain('listening');
  });

  it('parses the admin flags', () => {
    expect(parseServeOptions(['--admin-token', 'abc', '--admin-open'], {})).toMatchObject({ adminToken: 'abc', adminOpen: true });
    expect(parseServeOptions([], { LABEL_GATEWAY_ADMIN_TOKEN: 'from-env' })).toMatchObject({ adminToken: 'from-env', adminOpen: false });
    expect(parseServeOptions([], { LABEL_GATEWAY_ADMIN_TOKEN: '' }).adminToken).toBeUndefined();
    expect(() => parseServeOptions(['--admin-token', ''], {})).toThrow(/--admin-token must be a non-empty token/);
    expect(() => parseServeOptions(['--admin-token', 'two words'], {})).toThrow(/without spaces/);
  });
});
