// Traffic: the live table with its filters and pause, the charts, and one exchange opened.
import { field, h, select } from './dom.js';
import { exchangeDetail } from './exchange-detail.js';
import { trafficCharts } from './traffic-charts.js';
import { TrafficModel } from './traffic-model.js';
import { openTraffic } from './traffic-stream.js';
import { trafficTable } from './traffic-table.js';

const ROUTE_KINDS = ['mock', 'pass-through', 'translation', 'none'];
const STATUS_CLASSES = ['2xx', '3xx', '4xx', '5xx'];

/**
 * @param {HTMLElement} panel
 * @param {import('./app.js').ViewContext} context
 */
export function trafficView(panel, context) {
  const model = new TrafficModel();
  const charts = trafficCharts();
  const detail = exchangeDetail({ onClose: closeDetail });
  const table = trafficTable({ onOpen: openDetail });
  const filters = {
    dialect: select([['', 'any dialect']], { name: 'dialect' }),
    route: select([['', 'any route'], ...ROUTE_KINDS.map(/** @returns {[string, string]} */ (kind) => [kind, kind])], { name: 'route' }),
    status: select([['', 'any status'], ...STATUS_CLASSES.map(/** @returns {[string, string]} */ (name) => [name, name])], { name: 'status' }),
    operation: select([['', 'any operation']], { name: 'operation' }),
  };
  const pause = h('button', { type: 'button', class: 'secondary', 'aria-pressed': 'false', onclick: togglePause }, 'Pause');
  const pending = h('span', { class: 'pending', role: 'status', 'aria-live': 'polite' });
  const toolbar = h(
    'form',
    { class: 'toolbar', 'aria-label': 'Filters', onsubmit: (event) => event.preventDefault() },
    field('Dialect', filters.dialect, { name: 'dialect' }),
    field('Route', filters.route, { name: 'route' }),
    field('Status', filters.status, { name: 'status' }),
    field('Operation', filters.operation, { name: 'operation' }),
    h('div', { class: 'toolbar-actions' }, pause, pending),
  );
  panel.append(h('h2', { class: 'visually-hidden' }, 'Traffic'), toolbar, charts.element, h('div', { class: 'traffic-layout' }, table.element, detail.element));

  let paused = false;
  let unseen = 0;
  /** @type {ReturnType<typeof openTraffic> | undefined} */
  let stream;

  context.routing.then((routing) => {
    filters.dialect.append(...routing.dialects.map((route) => h('option', { value: route.dialect }, route.dialect)));
    const operations = [...new Set(routing.dialects.flatMap((route) => route.operations.map((operation) => operation.operation)))].sort();
    filters.operation.append(...operations.map((operation) => h('option', { value: operation }, operation)));
  });
  for (const control of Object.values(filters)) control.addEventListener('change', restart);

  function restart() {
    stream?.close();
    model.clear();
    // While paused, what the new filters match waits behind the counter like anything new.
    unseen = 0;
    pending.textContent = '';
    table.render([]);
    charts.update([]);
    const values = Object.fromEntries(Object.entries(filters).map(([name, control]) => [name, control.value]));
    stream = openTraffic(values, { onExchanges: receive, onState: context.setConnection });
  }

  /** @param {import('./admin-types.js').Exchange[]} exchanges */
  function receive(exchanges) {
    const added = model.add(exchanges);
    if (added.length === 0) return;
    charts.update(model.newestFirst());
    if (paused) {
      unseen += added.length;
      pending.textContent = `${unseen} new while paused`;
      return;
    }
    // A backlog may be older than rows already shown: then the whole table is redrawn in order.
    const shownNewest = Number(/** @type {HTMLTableRowElement | null} */ (table.element.querySelector('tbody tr'))?.dataset.id ?? 0);
    if (added[added.length - 1].id > shownNewest) table.prepend(added);
    else table.render(model.newestFirst());
  }

  function togglePause() {
    paused = !paused;
    pause.setAttribute('aria-pressed', String(paused));
    pause.textContent = paused ? 'Resume' : 'Pause';
    if (!paused) {
      unseen = 0;
      pending.textContent = '';
      table.render(model.newestFirst());
    }
  }

  /** @param {number} id */
  function openDetail(id) {
    const exchange = model.get(id);
    if (!exchange) return;
    table.select(id);
    detail.element.dataset.id = String(id);
    detail.show(exchange);
  }

  function closeDetail() {
    const id = Number(detail.element.dataset.id);
    detail.hide();
    table.select(undefined);
    if (id) table.focusRow(id);
  }

  restart();
  return {};
}
