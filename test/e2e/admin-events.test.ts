import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import request from 'supertest';
import { eventRoutes } from '../../src/http/admin/event-routes';
import { ExchangeEvents } from '../../src/http/admin/event-stream';
import { Journal } from '../../src/http/journal';
import { uniqueName } from '../support/dialect-profiles';
import { openEventStream, type ServerSentEvent } from '../support/sse-client';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.stop());

const exchangeOf = (event: ServerSentEvent) => JSON.parse(event.data) as { id: number; path: string; dialect: string; status: number };
const kirim = { Authorization: 'Bearer sk_events' };

describe('GET /__admin/events', () => {
  // Its latency (answer to event) is measured by `npm run bench -- --only live`, not by a timed assertion.
  it('streams each exchange as it finishes, as the same JSON /requests gives', async () => {
    const events = await openEventStream(`${gateway.url}/__admin/events`);
    try {
      expect(events.status).toBe(200);
      expect(events.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      expect(events.headers['access-control-allow-origin']).toBeUndefined();
      const name = uniqueName('streamed');
      await gateway.api.post('/kirim/v1/labels').set(kirim).send({ name }).expect(201);
      const event = await events.next((candidate) => candidate.data.includes(name), 10_000);
      const [recorded] = (await request(gateway.url).get('/__admin/requests?limit=1').expect(200)).body.requests;
      expect(JSON.parse(event.data)).toEqual(recorded);
      expect(event.id).toBe(String(recorded.id));
      expect(event.event).toBe('message');
    } finally {
      events.close();
    }
  });

  it('takes the journal filters', async () => {
    const events = await openEventStream(`${gateway.url}/__admin/events?dialect=jasni&status=2xx`);
    try {
      await gateway.api.get('/kirim/v1/labels').set(kirim).expect(200);
      await gateway.api.get('/jasni/api/v1/labels').set('Authorization', 'Bearer nope').expect(401);
      await gateway.api.get('/jasni/api/v1/labels').set('Authorization', 'Bearer jsk_events').expect(200);
      const event = await events.next(() => true);
      expect(exchangeOf(event)).toMatchObject({ dialect: 'jasni', status: 200 });
      expect(events.events).toHaveLength(1);
    } finally {
      events.close();
    }
  });

  it('answers a HEAD probe with the head only, and ends', async () => {
    const res = await request(gateway.url).head('/__admin/events').expect(200);
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
  });

  it('refuses an unknown filter with a 400, not a stream', async () => {
    const res = await request(gateway.url).get('/__admin/events?dialekt=kirim').expect(400);
    expect(res.body).toMatchObject({ error: 'validation_error', field: 'dialekt' });
  });

  it('resumes after Last-Event-ID with what the client missed', async () => {
    const first = await openEventStream(`${gateway.url}/__admin/events`);
    await gateway.api.get('/kirim/v1/labels').set(kirim).expect(200);
    const seen = await first.next(() => true);
    first.close();
    await gateway.api.get('/jasni/api/v1/labels').set('Authorization', 'Bearer jsk_missed').expect(200);
    const resumed = await openEventStream(`${gateway.url}/__admin/events`, { 'Last-Event-ID': seen.id! });
    try {
      const missed = await resumed.next(() => true);
      expect(exchangeOf(missed)).toMatchObject({ id: Number(seen.id) + 1, dialect: 'jasni' });
    } finally {
      resumed.close();
    }
  });

  it('replays from the journal with since, then goes on live', async () => {
    const since = new Date().toISOString();
    await gateway.api.get('/attention/v2/labels').set('Authorization', 'attention_since').expect(200);
    const events = await openEventStream(`${gateway.url}/__admin/events?since=${since}&dialect=attention-v2`);
    try {
      await events.next(() => true);
      await gateway.api.get('/attention/v2/labels').set('Authorization', 'attention_since').expect(200);
      await events.next(() => events.events.length === 2);
    } finally {
      events.close();
    }
  });

  it('never holds up vendor requests while a client does not read', async () => {
    const events = await openEventStream(`${gateway.url}/__admin/events`);
    try {
      events.pause();
      const started = Date.now();
      for (let batch = 0; batch < 10; batch++) {
        await Promise.all(Array.from({ length: 20 }, () => gateway.api.get('/kirim/v1/labels').set(kirim).expect(200)));
      }
      expect(Date.now() - started).toBeLessThan(10_000);
      events.resume();
      await events.next(() => events.events.length > 0);
    } finally {
      events.close();
    }
  });

  it('ends open streams when the gateway stops, so stopping does not hang', async () => {
    const own = await startTestGateway();
    const events = await openEventStream(`${own.url}/__admin/events`);
    const stopped = own.stop();
    await Promise.all([stopped, events.ended]);
  });
});

describe('an event stream whose client disconnects', () => {
  it('is let go of at once', async () => {
    const journal = new Journal();
    const hub = new ExchangeEvents(journal);
    const app = express().use(eventRoutes({ journal, events: hub, operations: new Set() }));
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const events = await openEventStream(`http://127.0.0.1:${(server.address() as AddressInfo).port}/events`);
      expect(hub.openStreams).toBe(1);
      events.close();
      for (let attempt = 0; attempt < 100 && hub.openStreams > 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(hub.openStreams).toBe(0);
    } finally {
      hub.closeAll();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
