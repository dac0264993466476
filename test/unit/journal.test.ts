import { BODY_CAPTURE_LIMIT, captureBody, viewBody } from '../../src/http/captured-body';
import { Journal, toExchange, type RecordedExchange } from '../../src/http/journal';

function exchange(path: string, overrides: Partial<RecordedExchange> = {}): RecordedExchange {
  return {
    at: Date.now(),
    dialect: 'kirim',
    route: 'mock',
    operation: 'listLabels',
    credentialFingerprint: null,
    method: 'GET',
    path,
    status: 200,
    upstreamStatus: null,
    durationMs: 1,
    faultId: null,
    networkFault: null,
    requestBody: null,
    responseBody: null,
    nearMiss: null,
    violations: [],
    lostFields: [],
    ...overrides,
  };
}

const paths = (entries: Array<{ path: string }>) => entries.map((entry) => entry.path);
const all = () => true;

describe('Journal', () => {
  it('keeps the newest `capacity` exchanges, newest first, with ids that keep increasing', () => {
    const journal = new Journal(3);
    for (const path of ['/a', '/b', '/c', '/d', '/e']) journal.add(exchange(path));
    const found = journal.find(all, 10);
    expect(paths(found)).toEqual(['/e', '/d', '/c']);
    expect(found.map((entry) => entry.id)).toEqual([5, 4, 3]);
    expect(journal.count(all)).toBe(3);
  });

  it('forget removes what the predicate selects (a scoped reset) and keeps the rest in order, ring or not', () => {
    const journal = new Journal(4);
    for (const [index, path] of ['/a', '/b', '/c', '/d', '/e', '/f'].entries()) {
      journal.add(exchange(path, { credentialFingerprint: index % 2 === 0 ? 'fp_0000000000000000' : 'fp_1111111111111111' }));
    }
    expect(journal.forget((entry) => entry.credentialFingerprint === 'fp_0000000000000000')).toBe(2);
    expect(paths(journal.find(all, 10))).toEqual(['/f', '/d']);
    for (const path of ['/g', '/h', '/i']) journal.add(exchange(path));
    expect(paths(journal.find(all, 10))).toEqual(['/i', '/h', '/g', '/f']);
    expect(journal.forget(() => false)).toBe(0);
  });

  it('after(id) gives what came later, oldest first (a resumed event stream)', () => {
    const journal = new Journal(10);
    const [first] = ['/a', '/b', '/c'].map((path) => journal.add(exchange(path)));
    expect(paths(journal.after(first.id))).toEqual(['/b', '/c']);
  });

  it('tells subscribers of each entry until they unsubscribe', () => {
    const journal = new Journal();
    const seen: string[] = [];
    const stop = journal.subscribe((entry) => seen.push(entry.path));
    journal.add(exchange('/a'));
    stop();
    journal.add(exchange('/b'));
    expect(seen).toEqual(['/a']);
  });
});

describe('captured bodies', () => {
  it('read as JSON when whole, as text when not JSON', () => {
    expect(viewBody(captureBody(Buffer.from('{"name":"VIP"}')))).toEqual({ json: { name: 'VIP' }, bytes: 14, truncated: false });
    expect(viewBody(captureBody('not json'))).toEqual({ text: 'not json', bytes: 8, truncated: false });
  });

  it('keep at most BODY_CAPTURE_LIMIT bytes, never half a character, and say so', () => {
    const text = 'a' + '€'.repeat(BODY_CAPTURE_LIMIT); // three bytes each: the limit falls inside one
    const view = viewBody(captureBody(Buffer.from(text)));
    expect(view).toMatchObject({ truncated: true, bytes: Buffer.byteLength(text) });
    const kept = (view as { text: string }).text;
    expect(text.startsWith(kept)).toBe(true);
    expect(Buffer.byteLength(kept)).toBeLessThanOrEqual(BODY_CAPTURE_LIMIT);
    expect(Buffer.byteLength(kept)).toBeGreaterThan(BODY_CAPTURE_LIMIT - 3);
  });

  it('do not keep a large allocation alive for a small body', () => {
    const large = Buffer.alloc(1024 * 1024, 'x');
    const captured = captureBody(large.subarray(0, 10));
    expect(captured.bytes.toString()).toBe('x'.repeat(10));
    expect(captured.bytes.buffer).not.toBe(large.buffer);
    // At most Node's shared pool slab (8 KiB on Node 20 and 22, 64 KiB on 24).
    expect(captured.bytes.buffer.byteLength).toBeLessThanOrEqual(Buffer.poolSize);
  });

  it('appear in an exchange as their view', () => {
    const journal = new Journal();
    const entry = journal.add(exchange('/a', { requestBody: captureBody('{"a":1}') }));
    expect(toExchange(entry)).toMatchObject({ id: entry.id, requestBody: { json: { a: 1 } }, responseBody: null, time: expect.any(String) });
  });
});
