import http from 'node:http';
import { TRUNCATED_JSON } from '../../src/http/pipeline/network-faults';
import { armFault, clearFaults } from '../support/faults';
import { profileOf, uniqueName } from '../support/dialect-profiles';
import { describeNetworkError, fetchWithRetries } from '../support/retrying-fetch';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.stop());
afterEach(() => clearFaults(gateway.url));

const kirim = profileOf('kirim');

/** A create through node:http with a fresh connection: what a plain Node client sees. */
function nodeCreate(): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(kirim.createBody(uniqueName('net')));
    const outgoing = http.request(`${gateway.url}${kirim.collection}`, {
      method: 'POST',
      agent: false,
      headers: { ...kirim.auth('sk_net'), 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
    });
    outgoing.on('response', (incoming) => {
      let text = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk: string) => (text += chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, text }));
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const fetchCreate = () =>
  fetch(`${gateway.url}${kirim.collection}`, {
    method: 'POST',
    headers: { ...kirim.auth('sk_net'), 'Content-Type': 'application/json' },
    body: JSON.stringify(kirim.createBody(uniqueName('net'))),
  });

describe('network faults, as the client sees them', () => {
  it('reset: the connection is reset (ECONNRESET)', async () => {
    await armFault(gateway.url, { dialect: 'kirim', operation: 'createLabel', fault: 'reset' });
    await expect(nodeCreate()).rejects.toMatchObject({ code: 'ECONNRESET', message: 'read ECONNRESET' });
    const viaFetch = await fetchCreate().catch((error: unknown) => error);
    expect(describeNetworkError(viaFetch)).toBe('ECONNRESET');
  });

  it('empty: the connection closes without a byte (socket hang up)', async () => {
    await armFault(gateway.url, { dialect: 'kirim', operation: 'createLabel', fault: 'empty' });
    await expect(nodeCreate()).rejects.toMatchObject({ message: 'socket hang up' });
    const viaFetch = await fetchCreate().catch((error: unknown) => error);
    expect(describeNetworkError(viaFetch)).toBe('UND_ERR_SOCKET');
  });

  it("malformed: the create's 201 and JSON headers, then a body cut off mid-object", async () => {
    await armFault(gateway.url, { dialect: 'kirim', operation: 'createLabel', fault: 'malformed' });
    const answer = await nodeCreate();
    expect(answer).toEqual({ status: 201, text: TRUNCATED_JSON });
    expect(() => JSON.parse(answer.text)).toThrow(SyntaxError);
    const viaFetch = await fetchCreate();
    expect(viaFetch.headers.get('content-type')).toBe('application/json; charset=utf-8');
    // fetch parses in Node's own realm, so its SyntaxError is not jest's: compare the message.
    await expect(viaFetch.json()).rejects.toThrow(/JSON/);
  });

  it('a retrying client gets through once the fault has fired its times', async () => {
    await armFault(gateway.url, { dialect: 'kirim', operation: 'createLabel', fault: 'reset', times: 1 });
    await armFault(gateway.url, { dialect: 'kirim', operation: 'createLabel', fault: 'empty', times: 1 });
    const answer = await fetchWithRetries(
      `${gateway.url}${kirim.collection}`,
      { method: 'POST', headers: { ...kirim.auth('sk_net'), 'Content-Type': 'application/json' }, body: JSON.stringify(kirim.createBody(uniqueName('net'))) },
      3,
    );
    expect(answer.attempts.map((attempt) => ('error' in attempt ? attempt.error : attempt.status))).toEqual(['ECONNRESET', 'UND_ERR_SOCKET', 201]);
  });

  it('a delayed reset waits first, as a server that hangs then drops would', async () => {
    await armFault(gateway.url, { dialect: 'kirim', operation: 'createLabel', fault: 'reset', delayMs: 300 });
    const started = Date.now();
    await expect(nodeCreate()).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('the gateway goes on serving other requests', async () => {
    await armFault(gateway.url, { dialect: 'kirim', operation: 'createLabel', fault: 'reset' });
    await expect(nodeCreate()).rejects.toMatchObject({ code: 'ECONNRESET' });
    await gateway.api.get(kirim.collection).set(kirim.auth('sk_net')).expect(200);
  });
});

describe('network faults, as the journal records them', () => {
  beforeEach(() => gateway.api.delete('/__admin/requests').expect(200));

  /** The journal's newest createLabel exchange, once the broken connection has closed on the gateway's side. */
  async function lastCreate(): Promise<Record<string, unknown>> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const [entry] = (await gateway.api.get('/__admin/requests?operation=createLabel&limit=1').expect(200)).body.requests;
      if (entry) return entry;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('no createLabel exchange was journaled');
  }

  it.each(['reset', 'empty'] as const)('%s: the exchange is journaled with no status and the fault that broke it', async (fault) => {
    const armed = await armFault(gateway.url, { dialect: 'kirim', operation: 'createLabel', fault, times: 1 });
    await expect(nodeCreate()).rejects.toThrow();
    const entry = await lastCreate();
    // A fault fires before the body is read (nothing reaches the store or an upstream), so no body is recorded.
    expect(entry).toMatchObject({ dialect: 'kirim', route: 'mock', operation: 'createLabel', method: 'POST', path: kirim.collection });
    expect(entry).toMatchObject({ status: null, networkFault: fault, faultId: armed.id, requestBody: null, responseBody: null });
    const counted = await gateway.api.get(`/__admin/requests/count?operation=createLabel`).expect(200);
    expect(counted.body).toEqual({ count: 1 });
    // No status: a status filter does not select it.
    expect((await gateway.api.get('/__admin/requests/count?status=2xx').expect(200)).body).toEqual({ count: 0 });
  });

  it('malformed: journaled with the status line it sent and the truncated body', async () => {
    const armed = await armFault(gateway.url, { dialect: 'kirim', operation: 'createLabel', fault: 'malformed', times: 1 });
    await nodeCreate();
    expect(await lastCreate()).toMatchObject({
      status: 201,
      networkFault: 'malformed',
      faultId: armed.id,
      responseBody: { text: TRUNCATED_JSON, bytes: TRUNCATED_JSON.length, truncated: false },
    });
  });

  it('an exchange no fault touched says so', async () => {
    await nodeCreate();
    expect(await lastCreate()).toMatchObject({ status: 201, networkFault: null, faultId: null });
  });
});
