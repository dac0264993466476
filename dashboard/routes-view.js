// Routes: which dialects are mocked, passed through or translated (to what, which upstream), the
// contract mode, and each upstream as last seen (GET /__admin/routes).
import { admin } from './admin-api.js';
import { clockTime, fill, h, whileShown } from './dom.js';

/** @typedef {import('./admin-types.js').DialectRoute} DialectRoute */

const REFRESH_MS = 3000;

/** @param {HTMLElement} panel */
export function routesView(panel) {
  const settings = h('p', {});
  const body = h('tbody');
  const message = h('p', { class: 'message', role: 'status', 'aria-live': 'polite' });
  panel.append(
    h('h2', {}, 'Routes'),
    settings,
    message,
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'routes' },
        h('thead', {}, h('tr', {}, ['Dialect', 'Base URL on the gateway', 'Served by', 'Upstream', 'Upstream health', 'Operations'].map((name) => h('th', { scope: 'col' }, name)))),
        body,
      ),
    ),
  );

  async function refresh() {
    try {
      /** @type {import('./admin-types.js').RoutesReport} */
      const routing = await admin('routes');
      const proxied = routing.dialects.some((route) => route.route !== 'mock');
      settings.textContent = proxied
        ? `Contract mode: ${routing.contract} (${routing.contract === 'enforce' ? 'invalid requests are refused, invalid answers replaced by a 502' : 'findings are reported, everything is forwarded'}); upstream timeout ${routing.upstreamTimeoutMs} ms.`
        : `Every dialect is mocked; answers are checked against the specs. Contract mode for proxied routes: ${routing.contract}.`;
      fill(body, routing.dialects.map(rowOf));
    } catch (error) {
      message.textContent = `Could not read the routes: ${/** @type {Error} */ (error).message}`;
    }
  }

  return whileShown(refresh, REFRESH_MS);
}

/** @param {DialectRoute} route */
function rowOf(route) {
  return h(
    'tr',
    { dataset: { dialect: route.dialect } },
    h('th', { scope: 'row' }, route.dialect),
    h('td', { class: 'mono' }, `${location.origin}${route.prefix}`),
    h('td', {}, h('span', { class: `badge route-${route.route}` }, route.route === 'translation' ? `translation to ${route.as}` : route.route)),
    h('td', { class: 'mono' }, route.upstream ?? '—'),
    h('td', {}, healthOf(route)),
    h('td', {}, h('details', {}, h('summary', {}, `${route.operations.length} operations`), h('ul', { class: 'plain' }, route.operations.map((operation) => h('li', {}, h('span', { class: 'mono' }, `${operation.method} ${operation.path}`), ` ${operation.operation}${operation.inferred ? ' (inferred)' : ''}`))))),
  );
}

/** @param {DialectRoute} route */
function healthOf(route) {
  if (route.route === 'mock') return '—';
  const health = route.upstreamHealth;
  if (!health) return h('span', { class: 'badge health-unseen' }, 'not seen yet');
  const status = health.upstreamStatus === null ? '' : ` ${health.upstreamStatus}`;
  return [h('span', { class: `badge health-${health.state.replace(' ', '-')}` }, `${health.state}${status}`), ' ', h('time', { datetime: health.at, class: 'muted' }, `at ${clockTime(health.at)}`)];
}
