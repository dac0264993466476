import request from 'supertest';
import { credentialFingerprint } from '../../src/core/credential-fingerprint';
import { BODY_CAPTURE_LIMIT } from '../../src/http/captured-body';
import { uniqueName } from '../support/dialect-profiles';
import { openEventStream } from '../support/sse-client';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

type Entry = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- journal JSON as a client reads it

/** Credentials no journal or event byte may contain, one per route kind. */
const MOCK_KEY = 'sk_mock_secret_0f3a9c';
const PASS_KEY = 'sk_pass_secret_7b21de';
const TRANSLATED_KEY = 'jsk_translated_secret_51c0';
const UPSTREAM_KEY = 'sk_upstream_secret_9e4411';

let vendors: TestGateway;
let proxy: TestGateway;
beforeAll(async () => {
  vendors = await startTestGateway();
  proxy = await startTestGateway({
    proxy: {
      contract: 'report',
      upstreamTimeoutMs: 2000,
      routes: {
        kirim: { upstream: `${vendors.url}/kirim` },
        jasni: { upstream: `${vendors.url}/kirim`, as: 'kirim', credential: `Bearer ${UPSTREAM_KEY}` },
      },
    },
  });
});
afterAll(() => Promise.all([vendors.stop(), proxy.stop()]));

const journalOf = async (gateway: TestGateway, query = ''): Promise<Entry[]> => (await request(gateway.url).get(`/__admin/requests${query}`).expect(200)).body.requests;

describe('the journal records what each exchange carried', () => {
  beforeEach(() => request(vendors.url).delete('/__admin/requests').expect(200));

  it('a mock create: operation, credential fingerprint, request and response bodies', async () => {
    const name = uniqueName('journalled');
    const created = await vendors.api.post('/kirim/v1/labels').set('Authorization', `Bearer ${MOCK_KEY}`).send({ name, color: 'red' }).expect(201);
    const [entry] = await journalOf(vendors, '?limit=1');
    expect(entry).toMatchObject({
      dialect: 'kirim',
      route: 'mock',
      operation: 'createLabel',
      credentialFingerprint: credentialFingerprint(MOCK_KEY),
      method: 'POST',
      path: '/kirim/v1/labels',
      status: 201,
      nearMiss: null,
      requestBody: { json: { name, color: 'red' }, bytes: JSON.stringify({ name, color: 'red' }).length, truncated: false },
      responseBody: { json: created.body, bytes: Number(created.headers['content-length']), truncated: false },
    });
  });

  it("names Attention's tenant by the fingerprint of its raw key", async () => {
    await vendors.api.get('/attention/v2/labels').set('Authorization', 'attention_raw_key_42').expect(200);
    const [entry] = await journalOf(vendors, '?limit=1');
    expect(entry.credentialFingerprint).toBe(credentialFingerprint('attention_raw_key_42'));
    expect(entry.requestBody).toBeNull();
  });

  it('records the bytes a client sent even when they are not valid JSON', async () => {
    await vendors.api.post('/kirim/v1/labels').set('Authorization', `Bearer ${MOCK_KEY}`).set('Content-Type', 'application/json').send('{"name": "broken"').expect(400);
    const [entry] = await journalOf(vendors, '?limit=1');
    expect(entry.requestBody).toEqual({ text: '{"name": "broken"', bytes: 17, truncated: false });
  });

  it('keeps the first 16 KiB of a large request body, marked truncated, with its full size', async () => {
    const body = JSON.stringify({ name: uniqueName('large'), padding: 'x'.repeat(40_000) });
    await vendors.api.post('/kirim/v1/labels').set('Authorization', `Bearer ${MOCK_KEY}`).set('Content-Type', 'application/json').send(body);
    const [entry] = await journalOf(vendors, '?limit=1');
    expect(entry.requestBody).toEqual({ text: body.slice(0, BODY_CAPTURE_LIMIT), bytes: body.length, truncated: true });
  });

  it('keeps the first 16 KiB of a large response, cut on a character boundary', async () => {
    const key = `sk_large_list_${process.pid}`;
    // Attention lists every label in one answer: five 2000-character descriptions of two-byte letters pass 16 KiB.
    for (let index = 0; index < 5; index++) {
      await vendors.api.post('/attention/v2/labels').set('Authorization', key).send({ name: uniqueName('wide'), description: 'é'.repeat(2000) }).expect(201);
    }
    const list = await request(vendors.url).get('/attention/v2/labels').set('Authorization', key).buffer(true).parse((res, done) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done(null, text));
    }).expect(200);
    const sent = list.body as string;
    const [entry] = await journalOf(vendors, '?limit=1');
    expect(entry.responseBody.truncated).toBe(true);
    expect(entry.responseBody.bytes).toBe(Buffer.byteLength(sent));
    const kept: string = entry.responseBody.text;
    expect(Buffer.byteLength(kept)).toBeLessThanOrEqual(BODY_CAPTURE_LIMIT);
    expect(Buffer.byteLength(kept)).toBeGreaterThan(BODY_CAPTURE_LIMIT - 4);
    expect(sent.startsWith(kept)).toBe(true);
    expect(kept).not.toContain('\uFFFD');
  });

  it('a pass-through exchange: the bytes forwarded and the vendor’s answer', async () => {
    const name = uniqueName('passed');
    const created = await proxy.api.post('/kirim/v1/labels').set('Authorization', `Bearer ${PASS_KEY}`).send({ name }).expect(201);
    const [entry] = await journalOf(proxy, '?limit=1');
    expect(entry).toMatchObject({
      route: 'pass-through',
      operation: 'createLabel',
      credentialFingerprint: credentialFingerprint(PASS_KEY),
      status: 201,
      upstreamStatus: 201,
      requestBody: { json: { name }, truncated: false },
      responseBody: { json: created.body, truncated: false },
    });
  });

  it("a translation exchange: the client's own request and answer, in the client's dialect", async () => {
    const name = uniqueName('translated');
    const created = await proxy.api.post('/jasni/api/v1/labels').set('Authorization', `Bearer ${TRANSLATED_KEY}`).send({ name, color: '#ef4444' }).expect(201);
    const [entry] = await journalOf(proxy, '?limit=1');
    expect(entry).toMatchObject({
      dialect: 'jasni',
      route: 'translation',
      operation: 'createLabel',
      credentialFingerprint: credentialFingerprint(TRANSLATED_KEY),
      requestBody: { json: { name, color: '#ef4444' } },
      responseBody: { json: created.body },
    });
  });

  it('never holds a credential: not in the journal, not in the event stream', async () => {
    const events = await openEventStream(`${proxy.url}/__admin/events`);
    try {
      await proxy.api.get('/kirim/v1/labels').set('Authorization', `Bearer ${PASS_KEY}`).expect(200);
      await proxy.api.get('/jasni/api/v1/labels').set('Authorization', `Bearer ${TRANSLATED_KEY}`).expect(200);
      await proxy.api.get('/attention/v2/labels').set('Authorization', MOCK_KEY).expect(200);
      await proxy.api.get('/kirim/v1/nowhere').set('Authorization', `Bearer ${PASS_KEY}`);
      await events.next((event) => event.data.includes('/kirim/v1/nowhere'));
      const journal = (await request(proxy.url).get('/__admin/requests?limit=1000').expect(200)).text;
      for (const text of [journal, events.raw()]) {
        for (const secret of [MOCK_KEY, PASS_KEY, TRANSLATED_KEY, UPSTREAM_KEY]) expect(text).not.toContain(secret);
        for (const key of [MOCK_KEY, PASS_KEY, TRANSLATED_KEY]) expect(text).toContain(credentialFingerprint(key));
      }
    } finally {
      events.close();
    }
  });
});

describe('a request that matched no operation', () => {
  it('is told the nearest operation in a header, and the journal records it', async () => {
    const res = await vendors.api.post('/kirim/v1/label').set('Authorization', `Bearer ${MOCK_KEY}`).send({ name: 'typo' }).expect(404);
    expect(res.headers['x-label-gateway-hint']).toBe('did you mean POST /kirim/v1/labels?');
    const [entry] = await journalOf(vendors, '?limit=1');
    expect(entry).toMatchObject({
      operation: null,
      status: 404,
      credentialFingerprint: credentialFingerprint(MOCK_KEY),
      nearMiss: { dialect: 'kirim', operation: 'createLabel', method: 'POST', path: '/kirim/v1/labels' },
    });
  });

  it.each([
    ['DELETE', '/kirim/v1/labels', 'DELETE /kirim/v1/labels/{id}'],
    ['PUT', '/kirim/v1/labels/lbl_01HZZZZZZZZZZZZZZZZZZZZZZZ', 'PATCH /kirim/v1/labels/{id}'],
    ['GET', '/supersend/v2/lables', 'GET /supersend/v2/labels'],
    ['GET', '/jasni/api/v1/label', 'GET /jasni/api/v1/labels'],
  ])('%s %s → did you mean %s?', async (method, path, meant) => {
    const res = await request(vendors.url)[method.toLowerCase() as 'get'](path).set('Authorization', 'Bearer jsk_hint');
    expect(res.headers['x-label-gateway-hint']).toBe(`did you mean ${meant}?`);
  });

  it('is hinted in a pass-through too, before it goes upstream', async () => {
    const res = await proxy.api.get('/kirim/v1/label').set('Authorization', `Bearer ${PASS_KEY}`);
    expect(res.headers['x-label-gateway-hint']).toBe('did you mean GET /kirim/v1/labels?');
  });

  it('a request that matched an operation carries no hint', async () => {
    const res = await vendors.api.get('/kirim/v1/labels').set('Authorization', `Bearer ${MOCK_KEY}`).expect(200);
    expect(res.headers['x-label-gateway-hint']).toBeUndefined();
  });
});
