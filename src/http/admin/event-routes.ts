import type { Journal } from '../journal';
import { AdminInputError, sendInputError } from './admin-errors';
import type { ExchangeEvents } from './event-stream';
import { parseJournalQuery, type JournalQuery } from './journal-filter';
import { adminRouter, type AdminRouteList } from './route-list';

export const EVENT_ROUTES = {
  'GET /events': 'Server-Sent Events, one per exchange as it finishes: journal filters',
} as const satisfies AdminRouteList;

export interface EventRouteDependencies {
  journal: Journal;
  events: ExchangeEvents;
  operations: ReadonlySet<string>;
}

export function eventRoutes(deps: EventRouteDependencies) {
  return adminRouter(EVENT_ROUTES, {
    'GET /events': (req, res) => {
      let query: JournalQuery;
      try {
        query = parseJournalQuery(req.query as Record<string, unknown>, { operations: deps.operations, takesLimit: false });
      } catch (error) {
        if (error instanceof AdminInputError) return sendInputError(res, error);
        throw error;
      }
      const resumeAfter = Number(req.headers['last-event-id']);
      const backlog =
        Number.isSafeInteger(resumeAfter) && resumeAfter >= 0
          ? deps.journal.after(resumeAfter).filter(query.matches)
          : query.since !== undefined
            ? deps.journal.after(0).filter(query.matches)
            : [];
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        // Reverse proxies (nginx) would otherwise hold events back to fill a buffer.
        'X-Accel-Buffering': 'no',
      });
      // A HEAD probe gets the stream's head only: a stream opened for it would never end.
      if (req.method === 'HEAD') return void res.end();
      // A first line at once, so the client knows the stream is open before any exchange happens.
      res.write(': connected\n\n');
      const stream = deps.events.open(res, query.matches, backlog);
      res.on('close', () => stream.close());
    },
  });
}
