import request from 'supertest';
import { ADMIN_ROUTES } from '../../src/http/admin';
import { decideAdminAccess, isLoopbackAddress } from '../../src/http/admin/exposure';
import { startGateway } from '../../src/gateway';
import { silentLogger } from '../../src/http/logger';
import { uniqueName } from '../support/dialect-profiles';
import { openEventStream } from '../support/sse-client';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

const TOKEN = 'admin-token-3f9a1c';

describe('with an admin token', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ adminToken: TOKEN });
  });
  afterAll(() => gateway.stop());

  it.each(ADMIN_ROUTES.filter((route) => route.path !== '/__admin/health'))('$method $path answers 401 without it', async ({ method, path }) => {
    const res = await request(gateway.url)[method.toLowerCase() as 'get'](path).expect(401);
    expect(res.body).toEqual({ error: 'unauthorized', message: expect.stringContaining('Authorization: Bearer') });
    expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
    expect(res.text).not.toContain(TOKEN);
  });

  it('refuses a wrong token, and one sent without the Bearer scheme', async () => {
    await request(gateway.url).get('/__admin/requests').set('Authorization', `Bearer ${TOKEN}x`).expect(401);
    await request(gateway.url).get('/__admin/requests').set('Authorization', TOKEN).expect(401);
    await request(gateway.url).get('/__admin/requests').set('Authorization', 'Bearer ').expect(401);
  });

  it('serves every admin route with it', async () => {
    await request(gateway.url).get('/__admin/requests').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    await request(gateway.url).get('/__admin/requests/count').set('Authorization', `bearer ${TOKEN}`).expect(200, { count: 0 });
    const events = await openEventStream(`${gateway.url}/__admin/events`, { Authorization: `Bearer ${TOKEN}` });
    expect(events.status).toBe(200);
    events.close();
  });

  it('leaves the health probe open: it reveals nothing', async () => {
    const res = await request(gateway.url).get('/__admin/health').expect(200);
    expect(Object.keys(res.body).sort()).toEqual(['dialects', 'status', 'store']);
  });

  it('does not list the admin routes to a caller without it', async () => {
    const res = await request(gateway.url).get('/__admin/nowhere').expect(401);
    expect(res.body.routes).toBeUndefined();
  });

  it('leaves the vendor routes to their own credentials', async () => {
    await gateway.api.get('/kirim/v1/labels').set('Authorization', 'Bearer sk_vendor').expect(200);
  });
});

describe('mutating admin routes refuse what another site could send', () => {
  let gateway: TestGateway;
  const tenant = { Authorization: 'Bearer sk_csrf' };
  let labelPath: string;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.stop());
  beforeEach(async () => {
    const created = await gateway.api.post('/kirim/v1/labels').set(tenant).send({ name: uniqueName('survivor') }).expect(201);
    labelPath = `/kirim/v1/labels/${created.body.data.id}`;
  });
  /** Nothing was reset: the label created before the refused request is still there. */
  const stillThere = () => gateway.api.get(labelPath).set(tenant).expect(200);

  it('a fetch or form from a foreign Origin → 403, nothing reset', async () => {
    const res = await request(gateway.url).post('/__admin/reset').set('Origin', 'http://evil.example').expect(403);
    expect(res.body).toEqual({ error: 'forbidden', message: expect.stringContaining('another origin') });
    await stillThere();
  });

  it('a text/plain form post (no Origin: an old browser) → 403, nothing reset', async () => {
    await request(gateway.url).post('/__admin/reset').set('Content-Type', 'text/plain').send('{"credential":"x"}').expect(403);
    await request(gateway.url).post('/__admin/reset').type('form').send({ a: '1' }).expect(403);
    await request(gateway.url).post('/__admin/reset').set('Content-Type', 'application/x-www-form-urlencoded').expect(403);
    await stillThere();
  });

  it('Sec-Fetch-Site: cross-site, or Origin: null (a sandboxed page) → 403', async () => {
    await request(gateway.url).post('/__admin/reset').set('Sec-Fetch-Site', 'cross-site').expect(403);
    await request(gateway.url).post('/__admin/reset').set('Origin', 'null').expect(403);
    await stillThere();
  });

  it('the journal is not cleared from another origin either', async () => {
    await request(gateway.url).delete('/__admin/requests').set('Origin', 'https://evil.example').expect(403);
    expect((await request(gateway.url).get('/__admin/requests/count').expect(200)).body.count).toBeGreaterThan(0);
  });

  it('its own origin, a JSON body, or no body at all are served', async () => {
    const host = new URL(gateway.url).host;
    await request(gateway.url).delete('/__admin/requests').set('Origin', `http://${host}`).set('Sec-Fetch-Site', 'same-origin').expect(200);
    await request(gateway.url).delete('/__admin/requests').set('Content-Type', 'application/json').send('{}').expect(200);
    await request(gateway.url).post('/__admin/reset').expect(200, { status: 'reset', vendors: ['attention', 'kirim', 'supersend', 'jasni'] });
    await gateway.api.get(labelPath).set(tenant).expect(404);
  });

  it('a foreign Origin may still read nothing: no CORS header on any admin answer, preflights included', async () => {
    const read = await request(gateway.url).get('/__admin/requests').set('Origin', 'http://evil.example').expect(200);
    const preflight = await request(gateway.url)
      .options('/__admin/reset')
      .set('Origin', 'http://evil.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type');
    for (const res of [read, preflight]) {
      expect(Object.keys(res.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('a page on a re-bound domain (DNS rebinding) cannot read the journal; the health probe still answers', async () => {
    await request(gateway.url).get('/__admin/requests').set('Host', 'attacker.example').expect(403);
    await request(gateway.url).get('/__admin/health').set('Host', 'attacker.example').expect(200);
    await request(gateway.url).get('/__admin/requests').set('Host', 'localhost').expect(200);
  });
});

describe('unknown admin paths', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.stop());

  it('answer an admin 404 that lists every admin route, never the vendor 404', async () => {
    const res = await request(gateway.url).get('/__admin/nowhere').expect(404);
    expect(res.body).toEqual({
      error: 'not_found',
      message: 'No admin route GET /__admin/nowhere.',
      routes: ADMIN_ROUTES.map(({ method, path, summary }) => ({ method, path, summary })),
    });
    expect(res.body.routes).toEqual(expect.arrayContaining([expect.objectContaining({ method: 'GET', path: '/__admin/events' })]));
  });

  it('a known path with another method is a 405 with Allow', async () => {
    const res = await request(gateway.url).put('/__admin/requests').set('Content-Type', 'application/json').send('{}').expect(405);
    expect(res.headers.allow).toBe('GET, DELETE');
    expect(res.body).toMatchObject({ error: 'method_not_allowed', allowed: ['GET', 'DELETE'] });
  });

  it('every listed route is served', async () => {
    for (const route of ADMIN_ROUTES.filter((candidate) => candidate.path !== '/__admin/events')) {
      const res = await request(gateway.url)[route.method.toLowerCase() as 'get'](route.path);
      // Served: answered by its own handler (which may refuse the empty request), not by the admin 404/405.
      const unrouted = res.status === 405 || (res.status === 404 && res.body.routes !== undefined);
      expect({ route: `${route.method} ${route.path}`, unrouted }).toEqual({ route: `${route.method} ${route.path}`, unrouted: false });
    }
  });

  it('a malformed JSON body is a 400 naming the body', async () => {
    const res = await request(gateway.url).post('/__admin/reset').set('Content-Type', 'application/json').send('{"credential":').expect(400);
    expect(res.body).toEqual({ error: 'validation_error', field: 'body', message: 'The request body is not valid JSON.' });
  });
});

describe('listening beyond loopback', () => {
  it('is refused without an admin token, before anything is bound or opened', async () => {
    await expect(startGateway({ host: '0.0.0.0', port: 0, memory: true, logger: silentLogger })).rejects.toThrow(
      /refusing to listen on 0\.0\.0\.0 without an admin token.*--admin-token.*--admin-open/,
    );
  });

  it.each(['0.0.0.0', '::', '192.168.1.20', 'gateway.internal'])('%s without a token is refused', (host) => {
    expect(() => decideAdminAccess({ host })).toThrow(/refusing to listen/);
  });

  it('is served with a token, or with --admin-open (the risk accepted)', () => {
    expect(decideAdminAccess({ host: '0.0.0.0', token: 'T' })).toEqual({ token: 'T', loopbackHostsOnly: false });
    expect(decideAdminAccess({ host: '0.0.0.0', open: true })).toEqual({ loopbackHostsOnly: false });
  });

  it.each(['127.0.0.1', '127.0.0.2', '::1', 'localhost'])('%s needs no token, and admin requests must then name a loopback host', (host) => {
    expect(decideAdminAccess({ host })).toEqual({ loopbackHostsOnly: true });
  });

  it('knows loopback addresses from others', () => {
    expect(['127.0.0.1', '::1', '[::1]', '::ffff:127.0.0.1', 'LOCALHOST'].every(isLoopbackAddress)).toBe(true);
    expect(['0.0.0.0', '::', '10.0.0.1', 'example.com', '128.0.0.1'].some(isLoopbackAddress)).toBe(false);
  });

  it('refuses an empty admin token rather than serving without one', () => {
    expect(() => decideAdminAccess({ host: '127.0.0.1', token: '' })).toThrow(/admin token/);
  });
});
