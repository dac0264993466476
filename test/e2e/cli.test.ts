import request from 'supertest';
import { SERVE_FLAGS } from '../../src/cli/serve-flags';
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

describe('label-gateway command line', () => {
  it('explains every flag and every admin route in --help', async () => {
    const { code, stdout } = await runCommand(['--help']);
    expect(code).toBe(0);
    for (const flag of Object.keys(SERVE_FLAGS)) expect(stdout).toMatch(new RegExp(`^  --${flag}\\b`, 'm'));
    for (const route of ADMIN_ROUTES) expect(stdout).toContain(`${route.method.padEnd(6)} ${displayPath(route.path)}`);
    // Spelled out as well, so a flag or route dropped from both lists is still noticed.
    for (const text of ['--port N', '--memory', '--tenants FILE', '--upstream D=T@URL', '--cors-origin ORIGIN', '--log-format FORMAT', 'GET    /__admin/requests', '--rate-limit D=N/W', '--seed FILE', '--admin-token T', 'POST   /__admin/faults', 'lint']) {
      expect(stdout).toContain(text);
    }
    expect(stdout).toContain('$PORT');
  });

  it('rejects an unknown flag with exit code 2 and a message', async () => {
    const { code, stderr } = await runCommand(['serve', '--prot', '4011']);
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown option '--prot'");
  });

  it('limits a dialect with --rate-limit, and refuses a malformed one with exit code 2', async () => {
    const gateway = await start(['--memory', '--rate-limit', 'kirim=1/60s']);
    await request(gateway.url).get('/kirim/v1/labels').set('Authorization', 'Bearer sk_cli').expect(200);
    const refused = await request(gateway.url).get('/kirim/v1/labels').set('Authorization', 'Bearer sk_cli').expect(429);
    expect(refused.headers['ratelimit-limit']).toBe('1');
    const { code, stderr } = await runCommand(['serve', '--memory', '--rate-limit', 'kirim=fast']);
    expect(code).toBe(2);
    expect(stderr).toContain('--rate-limit kirim=fast: expected DIALECT=LIMIT/WINDOW');
  });

  it('rejects a port that is not a number', async () => {
    const { code, stderr } = await runCommand(['serve', '--port', 'abc', '--memory']);
    expect(code).toBe(2);
    expect(stderr).toContain('--port must be a whole number');
  });

  it('serves from memory with --memory and answers health once ready', async () => {
    const gateway = await start(['--memory']);
    const health = await request(gateway.url).get('/__admin/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', store: 'memory' });
  });

  it('takes the port from $PORT when --port is absent', async () => {
    const { code, stderr } = await runCommand(['serve', '--memory'], { PORT: 'not-a-port' });
    expect(code).toBe(2);
    expect(stderr).toContain('"not-a-port"');
  });

  it('writes one access line per request, with dialect, method, path, status and duration, and no credential', async () => {
    const gateway = await start(['--memory']);
    await request(gateway.url)
      .post('/kirim/v1/labels?token=query-secret')
      .set('Authorization', 'Bearer very-secret-token')
      .send({ name: 'logged' })
      .expect(201);
    await waitFor(() => gateway.stdout().includes('POST /kirim/v1/labels'));
    const line = gateway.stdout().split('\n').find((entry) => entry.includes('POST /kirim/v1/labels'))!;
    expect(line).toMatch(/^\S+Z kirim POST \/kirim\/v1\/labels 201 \d+\.\dms$/);
    expect(gateway.stdout()).not.toContain('very-secret-token');
    expect(gateway.stdout()).not.toContain('query-secret');
  });

  it('writes one JSON object per line with --log-format json, and no credential', async () => {
    const gateway = await start(['--memory', '--log-format', 'json']);
    await request(gateway.url).post('/kirim/v1/labels?token=query-secret').set('Authorization', 'Bearer very-secret-token').send({ name: 'json' }).expect(201);
    await request(gateway.url).get('/kirim/v1/labels/lbl_01ARZ3NDEKTSV4RRFFQ69G5FAV').set('Authorization', 'Bearer very-secret-token').expect(404);
    await waitFor(() => gateway.stdout().includes('"status":404'));
    const lines = gateway.stdout().trim().split('\n');
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>); // every line is JSON
    expect(entries[0]).toMatchObject({ level: 'info', kind: 'lifecycle', url: gateway.url, store: 'memory' });
    expect(entries).toContainEqual(
      expect.objectContaining({ level: 'info', kind: 'access', dialect: 'kirim', route: 'mock', method: 'POST', path: '/kirim/v1/labels', status: 201, durationMs: expect.any(Number), time: expect.stringMatching(/Z$/) }),
    );
    expect(gateway.stdout()).not.toContain('very-secret-token');
    expect(gateway.stdout()).not.toContain('query-secret');
    await gateway.kill('SIGTERM');
    expect(JSON.parse(gateway.stdout().trim().split('\n').at(-1)!)).toMatchObject({ kind: 'lifecycle', signal: 'SIGTERM' });
  });

  it('writes no dependency deprecation to stderr when passing a request through (http-proxy on Node 22+)', async () => {
    const vendor = await start(['--memory', '--quiet']);
    const gateway = await start(['--memory', '--quiet', '--upstream', `kirim=${vendor.url}/kirim`]);
    await request(gateway.url).get('/kirim/v1/labels').set('Authorization', 'Bearer t').expect(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(gateway.stderr()).toBe('');
  });

  it('refuses an unknown log format', async () => {
    const { code, stderr } = await runCommand(['serve', '--memory', '--log-format', 'xml']);
    expect(code).toBe(2);
    expect(stderr).toContain('--log-format must be human or json, not "xml"');
  });

  it('writes no access line with --quiet', async () => {
    const gateway = await start(['--memory', '--quiet']);
    await request(gateway.url).get('/kirim/v1/labels').set('Authorization', 'Bearer t').expect(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(gateway.stdout()).not.toContain('GET /kirim/v1/labels');
  });

  it('refuses an invalid tenants file, naming it', async () => {
    const { code, stderr } = await runCommand(['serve', '--memory', '--tenants', '/nonexistent/tenants.json']);
    expect(code).toBe(1);
    expect(stderr).toContain('/nonexistent/tenants.json');
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 50 && !condition(); attempt++) await new Promise((resolve) => setTimeout(resolve, 20));
}
