import http from 'node:http';
import { benchDialect, uniqueName } from './dialects';
import { parseEventBlock } from './server-sent-events';

/**
 * The bench's side of the live group: a create timed to its whole answer, and an event stream whose
 * events are stamped as they arrive. Both read the same clock, `epochMs`, which Chromium's page reads
 * the same way (performance.timeOrigin + performance.now()): epoch milliseconds, sub-millisecond.
 */
export const epochMs = (): number => performance.timeOrigin + performance.now();

export const kirim = benchDialect('kirim');
export const LIVE_KEY = 'bench-live';

export interface TimedCreate {
  name: string;
  /** epochMs() when the last byte of the 201 was read. */
  answeredAt: number;
}

/** One kept-alive connection per probe, so no create pays for a new TCP connection. */
export const createAgent = (): http.Agent => new http.Agent({ keepAlive: true, maxSockets: 1 });

/** A Kirim `POST /kirim/v1/labels` with a new name, with node:http (no fetch layers between the socket and the clock). */
export function timedCreate(gatewayUrl: string, agent: http.Agent): Promise<TimedCreate> {
  const name = uniqueName();
  const body = JSON.stringify(kirim.createBody(name));
  const headers = { ...kirim.auth(LIVE_KEY), 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) };
  return new Promise((resolve, reject) => {
    const request = http.request(`${gatewayUrl}${kirim.collection}`, { method: 'POST', agent, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        const answeredAt = epochMs();
        if (response.statusCode === 201) resolve({ name, answeredAt });
        else reject(new Error(`create answered ${response.statusCode}: ${text.slice(0, 200)}`));
      });
    });
    request.on('error', reject);
    request.end(body);
  });
}

export interface StampedEvent {
  /** The journal id of the exchange (the SSE `id:` line). */
  id: number;
  data: string;
  /** epochMs() when the chunk holding the event's end was read. */
  receivedAt: number;
}

export interface LiveStream {
  /** The first event, received or still to come, whose data contains `needle`; each event is handed out once. */
  waitFor(needle: string, timeoutMs: number): Promise<StampedEvent>;
  close(): void;
}

interface Waiter {
  needle: string;
  found: (event: StampedEvent) => void;
}

/**
 * `GET /__admin/events` with node:http, parsed as it arrives (server-sent-events.ts; the events of the
 * exchanges, and the `dropped` notices counted). What a curl -N or an EventSource sees, without a browser in between.
 */
export function openLiveStream(url: string): Promise<LiveStream> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { Accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(new Error(`${url} answered ${response.statusCode}`));
        return;
      }
      const unclaimed: StampedEvent[] = [];
      const waiters = new Set<Waiter>();
      // The gateway tells a client it skipped events (it read too slowly) with a `dropped` event.
      let dropped = 0;
      let pending = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        const receivedAt = epochMs();
        pending += chunk;
        let boundary: number;
        while ((boundary = pending.indexOf('\n\n')) >= 0) {
          const block = pending.slice(0, boundary);
          pending = pending.slice(boundary + 2);
          const event = parseEventBlock(block);
          if (event?.event === 'dropped') dropped++;
          else if (event?.event === 'message' && event.id !== undefined) deliver({ id: Number(event.id), data: event.data, receivedAt });
        }
      });
      const deliver = (event: StampedEvent) => {
        const waiter = [...waiters].find((candidate) => event.data.includes(candidate.needle));
        if (waiter) {
          waiters.delete(waiter);
          waiter.found(event);
        } else unclaimed.push(event);
      };
      resolve({
        waitFor: (needle, timeoutMs) =>
          new Promise((found, fail) => {
            const index = unclaimed.findIndex((event) => event.data.includes(needle));
            if (index >= 0) return found(unclaimed.splice(index, 1)[0]);
            const waiter: Waiter = {
              needle,
              found: (event) => {
                clearTimeout(timer);
                found(event);
              },
            };
            const timer = setTimeout(() => {
              waiters.delete(waiter);
              fail(new Error(`no event for ${needle} within ${timeoutMs} ms (${dropped} dropped-event notices on the stream)`));
            }, timeoutMs);
            waiters.add(waiter);
          }),
        close: () => request.destroy(),
      });
    });
    request.on('error', reject);
  });
}
