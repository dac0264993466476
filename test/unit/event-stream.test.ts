import { PassThrough } from 'node:stream';
import { ExchangeEvents } from '../../src/http/admin/event-stream';
import { Journal, type RecordedExchange } from '../../src/http/journal';

function exchange(path: string): RecordedExchange {
  return {
    at: Date.now(), dialect: 'kirim', route: 'mock', operation: null, credentialFingerprint: null, method: 'GET', path, status: 200,
    upstreamStatus: null, durationMs: 1, faultId: null, networkFault: null, requestBody: null, responseBody: null, nearMiss: null, violations: [], lostFields: [],
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A sink that buffers almost nothing before asking the writer to wait: a client that reads slowly. */
function slowSink(): { sink: PassThrough } {
  return { sink: new PassThrough({ highWaterMark: 1 }) };
}

describe('exchange event streams', () => {
  it('drops what a slow client cannot take, beyond a bounded queue, and tells it how many', async () => {
    const journal = new Journal();
    const events = new ExchangeEvents(journal, { keepAliveMs: 60_000, maxQueued: 3 });
    const client = slowSink();
    events.open(client.sink, () => true, []);
    for (let index = 0; index < 10; index++) journal.add(exchange(`/p${index}`));
    await tick();
    // Nothing was read yet: the first write filled the sink, so the stream waits with three queued, seven dropped.
    const received: string[] = [];
    client.sink.on('data', (chunk: Buffer) => received.push(chunk.toString())); // the client starts reading
    await sleep(50);
    const text = received.join('');
    const sent = [...text.matchAll(/"path":"(\/p\d)"/g)].map((match) => match[1]);
    expect(sent).toEqual(['/p0', '/p1', '/p2']);
    expect(text).toContain('event: dropped\ndata: {"dropped":7,');
    expect(text.indexOf('event: dropped')).toBeGreaterThan(text.indexOf('"/p2"'));
    // Once it keeps up, it gets everything again.
    journal.add(exchange('/later'));
    await sleep(20);
    expect(received.join('')).toContain('"path":"/later"');
    events.closeAll();
  });

  it('writes a keep-alive comment while nothing happens', async () => {
    const journal = new Journal();
    const events = new ExchangeEvents(journal, { keepAliveMs: 20, maxQueued: 10 });
    const sink = new PassThrough();
    let text = '';
    sink.on('data', (chunk: Buffer) => (text += chunk.toString()));
    events.open(sink, () => true, []);
    await sleep(100);
    expect(text).toContain(': keep-alive\n\n');
    events.closeAll();
  });

  it('sends only what its filter keeps, backlog first', async () => {
    const journal = new Journal();
    const events = new ExchangeEvents(journal);
    const earlier = journal.add(exchange('/kept-earlier'));
    const sink = new PassThrough();
    let text = '';
    sink.on('data', (chunk: Buffer) => (text += chunk.toString()));
    events.open(sink, (entry) => entry.path.startsWith('/kept'), [earlier]);
    journal.add(exchange('/skipped'));
    journal.add(exchange('/kept-later'));
    await tick();
    expect([...text.matchAll(/"path":"([^"]+)"/g)].map((match) => match[1])).toEqual(['/kept-earlier', '/kept-later']);
    expect(text).toContain(`id: ${earlier.id}\n`);
    events.closeAll();
  });

  it('lets go of a closed stream, and ends streams opened after closeAll', () => {
    const journal = new Journal();
    const events = new ExchangeEvents(journal);
    const stream = events.open(new PassThrough(), () => true, []);
    expect(events.openStreams).toBe(1);
    stream.close();
    expect(events.openStreams).toBe(0);
    events.closeAll();
    const late = new PassThrough();
    events.open(late, () => true, []);
    expect(events.openStreams).toBe(0);
    expect(late.writableEnded).toBe(true);
  });
});
