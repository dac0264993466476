import type { Socket } from 'node:net';
import { startStubUpstream, type StubUpstream } from '../support/stub-upstream';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

/**
 * An upstream that closes a kept-alive connection just as the gateway sends a request on it (its
 * idle timeout running out at that moment: the usual keep-alive race). The gateway sends an
 * idempotent request once more on a new connection, so the client never sees that race; a POST,
 * which the upstream may have acted on, is answered as the failure it is. Both proxies: the
 * pass-through (Kirim) and the translation (a Jasni client in front of a Kirim upstream).
 */
const KIRIM_LIST = { object: 'list', data: [], has_more: false, request_id: 'req_01HXYZABCDEFGHJKMNPQRSTVWX' };
const KIRIM_LABEL = {
  data: { id: 'lbl_01HXYZABCDEFGHJKMNPQRSTVWX', object: 'label', name: 'n', color: 'blue', team_id: 'team_1', created_at: 1733616000 },
  request_id: 'req_01HXYZABCDEFGHJKMNPQRSTVWX',
};

let upstream: StubUpstream;
let gateway: TestGateway;
/** Requests the upstream took, on a connection that had served one before. */
const servedBefore = new WeakSet<Socket>();
let dropNextOnReusedConnection = false;
const dropped: string[] = [];

beforeAll(async () => {
  upstream = await startStubUpstream((req, res) => {
    if (dropNextOnReusedConnection && servedBefore.has(req.socket)) {
      dropNextOnReusedConnection = false;
      dropped.push(`${req.method} ${req.url}`);
      req.socket.destroy();
      return;
    }
    servedBefore.add(req.socket);
    res.writeHead(req.method === 'POST' ? 201 : 200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(req.method === 'POST' ? KIRIM_LABEL : KIRIM_LIST));
  });
  gateway = await startTestGateway({
    proxy: {
      contract: 'report',
      upstreamTimeoutMs: 2000,
      routes: {
        kirim: { upstream: `${upstream.url}/kirim` },
        jasni: { upstream: `${upstream.url}/kirim`, as: 'kirim', credential: 'Bearer sk_stale_upstream' },
      },
    },
  });
});
afterAll(async () => {
  await gateway?.stop();
  await upstream?.close();
});
beforeEach(() => {
  dropNextOnReusedConnection = false;
  dropped.length = 0;
});

async function call(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${gateway.url}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

const kirimAuth = { Authorization: 'Bearer sk_stale_client' };
const jasniAuth = { Authorization: 'Bearer jsk_stale_client' };

describe('an upstream connection closed as a request leaves on it', () => {
  it('pass-through: a GET goes once more on a new connection, and the client gets the answer', async () => {
    expect((await call('GET', '/kirim/v1/labels', kirimAuth)).status).toBe(200); // a connection to reuse
    const before = upstream.received.length;
    dropNextOnReusedConnection = true;

    const answer = await call('GET', '/kirim/v1/labels?limit=5', kirimAuth);

    expect(answer).toEqual({ status: 200, body: KIRIM_LIST });
    expect(dropped).toEqual(['GET /kirim/v1/labels?limit=5']);
    expect(upstream.received.slice(before)).toEqual(['GET /kirim/v1/labels?limit=5', 'GET /kirim/v1/labels?limit=5']);
  });

  it('pass-through: a POST is not sent again (the upstream may have acted on it): the dialect’s 502', async () => {
    expect((await call('GET', '/kirim/v1/labels', kirimAuth)).status).toBe(200);
    const before = upstream.received.length;
    dropNextOnReusedConnection = true;

    const answer = await call('POST', '/kirim/v1/labels', kirimAuth, { name: 'once', color: 'blue' });

    expect(answer.status).toBe(502);
    expect(upstream.received.slice(before)).toEqual(['POST /kirim/v1/labels']);
  });

  it('translation: a GET goes once more on a new connection, and the Jasni client gets its answer', async () => {
    expect((await call('GET', '/jasni/api/v1/labels', jasniAuth)).status).toBe(200);
    const before = upstream.received.length;
    dropNextOnReusedConnection = true;

    const answer = await call('GET', '/jasni/api/v1/labels', jasniAuth);

    expect(answer.status).toBe(200);
    expect(dropped).toHaveLength(1);
    expect(upstream.received.length - before).toBe(2);
  });
});
