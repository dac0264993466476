// The exchanges the page holds, by journal id: newest first, bounded like the journal itself.
import { BACKLOG_LIMIT } from './traffic-stream.js';

/** @typedef {import('./admin-types.js').Exchange} Exchange */

export class TrafficModel {
  constructor() {
    /** @type {Map<number, Exchange>} */
    this.byId = new Map();
  }

  /**
   * Adds what is new; answers the exchanges that were not held yet, newest first.
   * @param {Exchange[]} exchanges
   */
  add(exchanges) {
    const added = exchanges.filter((exchange) => !this.byId.has(exchange.id));
    for (const exchange of added) this.byId.set(exchange.id, exchange);
    if (this.byId.size > BACKLOG_LIMIT) {
      const oldest = [...this.byId.keys()].sort((a, b) => a - b).slice(0, this.byId.size - BACKLOG_LIMIT);
      for (const id of oldest) this.byId.delete(id);
    }
    return added.filter((exchange) => this.byId.has(exchange.id)).sort((a, b) => b.id - a.id);
  }

  /** @param {number} id */
  get(id) {
    return this.byId.get(id);
  }

  newestFirst() {
    return [...this.byId.values()].sort((a, b) => b.id - a.id);
  }

  clear() {
    this.byId.clear();
  }
}
