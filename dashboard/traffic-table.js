// The live table: one row per exchange, newest first. What only this gateway knows is on the row
// itself: contract findings, lost fields, the near-miss hint, the fault that answered.
import { clockTime, fill, h, statusClass } from './dom.js';

/** @typedef {import('./admin-types.js').Exchange} Exchange */

/** Rows kept on the page; the model (and the charts) may hold more. */
const SHOWN_ROWS = 500;

const COLUMNS = ['Time', 'Method', 'Path', 'Dialect', 'Route', 'Operation', 'Status', 'ms', 'Findings'];

/** @param {{ onOpen: (id: number) => void }} listeners */
export function trafficTable({ onOpen }) {
  const body = h('tbody');
  const table = h(
    'table',
    { class: 'traffic', 'aria-label': 'Exchanges, newest first' },
    h('thead', {}, h('tr', {}, COLUMNS.map((column) => h('th', { scope: 'col', class: column === 'ms' || column === 'Status' ? 'num' : undefined }, column)))),
    body,
  );
  const empty = h('p', { class: 'empty' }, `No exchange yet: call the gateway (curl ${location.origin}/kirim/v1/labels -H 'Authorization: Bearer sk_test_1') and it shows here.`);
  const element = h('div', { class: 'table-scroll' }, table, empty);
  /** @type {number | undefined} */
  let selected;

  /** @param {Exchange} exchange */
  const rowOf = (exchange) => {
    const open = () => onOpen(exchange.id);
    const row = h(
      'tr',
      { dataset: { id: exchange.id, status: statusClass(exchange.status) }, class: exchange.id === selected ? 'selected' : undefined, onclick: open },
      h('td', { class: 'mono' }, h('time', { datetime: exchange.time }, clockTime(exchange.time))),
      h('td', {}, exchange.method),
      h('td', { class: 'path' }, h('button', { type: 'button', class: 'link', 'aria-label': `Open ${exchange.method} ${exchange.path}, ${statusText(exchange)}` }, exchange.path)),
      h('td', {}, exchange.dialect ?? '—'),
      h('td', {}, exchange.route),
      h('td', {}, exchange.operation ?? '—'),
      h('td', { class: 'num' }, h('span', { class: `status status-${statusClass(exchange.status)}` }, statusText(exchange))),
      h('td', { class: 'num' }, exchange.durationMs.toFixed(1)),
      h('td', { class: 'notes' }, badgesOf(exchange)),
    );
    return row;
  };

  return {
    element,
    /**
     * Shows exactly these (newest first).
     * @param {Exchange[]} exchanges
     */
    render(exchanges) {
      fill(body, exchanges.slice(0, SHOWN_ROWS).map(rowOf));
      empty.hidden = exchanges.length > 0;
    },
    /**
     * Puts new exchanges (newest first) on top, as they arrive.
     * @param {Exchange[]} exchanges
     */
    prepend(exchanges) {
      body.prepend(...exchanges.map(rowOf));
      while (body.rows.length > SHOWN_ROWS) /** @type {Element} */ (body.lastElementChild).remove();
      empty.hidden = body.rows.length > 0;
    },
    /** @param {number | undefined} id undefined: none */
    select(id) {
      selected = id;
      for (const row of body.rows) row.classList.toggle('selected', Number(row.dataset.id) === id);
    },
    /** @param {number} id */
    focusRow(id) {
      /** @type {HTMLButtonElement | null} */ (body.querySelector(`tr[data-id="${id}"] button`))?.focus();
    },
  };
}

/** @param {Exchange} exchange */
export function statusText(exchange) {
  if (exchange.networkFault && exchange.status === null) return exchange.networkFault;
  if (exchange.networkFault) return `${exchange.networkFault} (${exchange.status})`;
  return exchange.status === null ? 'no answer' : String(exchange.status);
}

/**
 * The row's findings: each contract finding, the lost fields, the near miss, the fault.
 * @param {Exchange} exchange
 */
export function badgesOf(exchange) {
  const badges = exchange.violations.map((violation) => h('span', { class: 'badge finding', title: `contract finding: ${findingText(violation)}` }, findingText(violation)));
  if (exchange.lostFields.length > 0) badges.push(h('span', { class: 'badge lost', title: 'fields the target cannot hold exactly' }, `lost: ${exchange.lostFields.join(', ')}`));
  if (exchange.nearMiss) badges.push(h('span', { class: 'badge hint' }, `did you mean ${exchange.nearMiss.method} ${exchange.nearMiss.path}?`));
  if (exchange.faultId) badges.push(h('span', { class: 'badge fault', title: `answered by the armed fault ${exchange.faultId}` }, `fault ${exchange.faultId.slice(0, 12)}…`));
  return badges;
}

/**
 * `response: /data must be array` (the gateway's message names the place already).
 * @param {import('./admin-types.js').ContractViolation} violation
 */
export function findingText(violation) {
  return `${violation.where}: ${violation.message}`;
}
