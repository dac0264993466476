import http from 'node:http';
import { parseEventBlock, type ServerSentEvent } from '../../bench/server-sent-events';

export type { ServerSentEvent } from '../../bench/server-sent-events';

export interface EventStreamClient {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Every byte received so far, as text. */
  raw(): string;
  events: ServerSentEvent[];
  /** Resolves with the first event (already received or still to come) that `accept` keeps. */
  next(accept: (event: ServerSentEvent) => boolean, timeoutMs?: number): Promise<ServerSentEvent>;
  /** Stops reading without closing (a slow consumer), and resumes. */
  pause(): void;
  resume(): void;
  close(): void;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
}

/**
 * A plain HTTP client reading a text/event-stream as it arrives (what `curl -N` or EventSource do),
 * parsing events as the bench's live stream does (bench/server-sent-events.ts).
 */
export function openEventStream(url: string, headers: Record<string, string> = {}): Promise<EventStreamClient> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { Accept: 'text/event-stream', ...headers } }, (response) => {
      let text = '';
      let pending = '';
      const events: ServerSentEvent[] = [];
      const waiters: Array<() => void> = [];
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
        pending += chunk;
        let boundary: number;
        while ((boundary = pending.indexOf('\n\n')) >= 0) {
          const block = pending.slice(0, boundary);
          pending = pending.slice(boundary + 2);
          const event = parseEventBlock(block);
          if (event) events.push(event);
        }
        for (const wake of waiters.splice(0)) wake();
      });
      const ended = new Promise<void>((done) => {
        response.on('end', done);
        response.on('close', done);
      });
      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        raw: () => text,
        events,
        next: (accept, timeoutMs = 5000) =>
          new Promise((found, fail) => {
            const timer = setTimeout(() => fail(new Error(`no matching event within ${timeoutMs} ms; received:\n${text}`)), timeoutMs);
            const look = () => {
              const event = events.find(accept);
              if (event) {
                clearTimeout(timer);
                found(event);
              } else waiters.push(look);
            };
            look();
          }),
        pause: () => response.pause(),
        resume: () => response.resume(),
        close: () => request.destroy(),
        ended,
      });
    });
    request.on('error', reject);
  });
}
