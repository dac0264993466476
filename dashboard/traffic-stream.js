// Live exchanges that match the filters, through the admin API's own journal filters: the event
// stream (GET /__admin/events) for what happens from now on, the journal (GET /__admin/requests)
// for what already happened. The two overlap; exchanges are merged by their id.
import { admin, adminUrl, queryOf } from './admin-api.js';

/** @typedef {import('./admin-types.js').Exchange} Exchange */
/** How the stream is, as the page's connection line colours it. @typedef {'ok' | 'warn' | 'bad'} StreamHealth */

/** As many as the journal keeps: the page never holds more than the gateway could give it again. */
export const BACKLOG_LIMIT = 1000;

/**
 * `filters`: journal filter values (`{ dialect: 'kirim', status: '4xx' }`; empty ones are left out).
 * `onExchanges(list)` gets every exchange, possibly twice; `onState(text, kind)` how the stream is.
 * @param {Record<string, string>} filters
 * @param {{ onExchanges: (exchanges: Exchange[]) => void, onState: (text: string, kind: StreamHealth) => void }} listeners
 */
export function openTraffic(filters, { onExchanges, onState }) {
  const query = queryOf(filters);
  // "live" only once the stream is open and the backlog is in: before that the table is still filling.
  onState('connecting…', 'warn');
  const source = new EventSource(adminUrl(`events${query}`));
  let backlogAsked = false;
  // Once closed (the filters changed), a journal answer still on its way belongs to the old filters.
  let closed = false;
  /** @param {Exchange[]} exchanges */
  const deliver = (exchanges) => {
    if (!closed) onExchanges(exchanges);
  };
  source.onmessage = (event) => deliver([JSON.parse(event.data)]);
  source.addEventListener('dropped', (event) => onState(`live: ${/** @type {import('./admin-types.js').DroppedEvent} */ (JSON.parse(event.data)).dropped} exchanges skipped (too fast to show; the journal has them)`, 'warn'));
  source.onopen = () => {
    // Asked once the stream is open, so no exchange falls between the two. A reconnecting
    // EventSource sends Last-Event-ID itself and is given what it missed.
    if (backlogAsked) return onState('live', 'ok');
    backlogAsked = true;
    /** @type {Promise<import('./admin-types.js').JournalPage>} */ (admin(`requests${queryOf({ ...filters, limit: BACKLOG_LIMIT })}`)).then(
      (journal) => {
        deliver(journal.requests);
        if (!closed) onState('live', 'ok');
      },
      (error) => onState(`journal: ${error.message}`, 'bad'),
    );
  };
  source.onerror = () => {
    if (source.readyState === EventSource.CLOSED) onState('stream closed: reload the page (is the admin token still valid?)', 'bad');
    else onState('reconnecting…', 'warn');
  };
  return {
    close: () => {
      closed = true;
      source.close();
    },
  };
}
