// Rate limits: put one in force for a dialect (PUT /__admin/rate-limits/{dialect}), see those in
// force, lift one. As with faults, the form checks nothing itself: the gateway's message about a
// field is shown next to it.
import { admin } from './admin-api.js';
import { clearFieldErrors, field, fillRows, h, numberIn, select, showFieldError } from './dom.js';

/** @param {{ routing: Promise<import('./admin-types.js').RoutesReport> }} options */
export function rateLimitsPanel({ routing }) {
  const controls = {
    dialect: select([], { name: 'dialect' }),
    limit: h('input', { type: 'number', name: 'limit', value: '10', min: '1' }),
    windowSeconds: h('input', { type: 'number', name: 'windowSeconds', value: '1', min: '1' }),
  };
  const formError = h('p', { class: 'field-error', role: 'alert', dataset: { errorFor: 'body' } });
  const message = h('p', { class: 'message', role: 'status', 'aria-live': 'polite' });
  const body = h('tbody');
  const empty = h('p', { class: 'empty' }, 'No rate limit is in force.');
  const form = h(
    'form',
    { class: 'rate-limit-form', 'aria-label': 'Put a rate limit in force', novalidate: true, onsubmit: putInForce },
    h(
      'div',
      { class: 'field-row' },
      field('Dialect', controls.dialect, { name: 'dialect' }),
      field('Requests per credential', controls.limit, { name: 'limit' }),
      field('Window (s)', controls.windowSeconds, { name: 'windowSeconds', hint: "a new limit starts every credential's window afresh" }),
    ),
    h('div', { class: 'toolbar-actions' }, h('button', { type: 'submit' }, 'Put limit in force')),
    formError,
  );
  routing.then((served) => controls.dialect.append(...served.dialects.map((route) => h('option', { value: route.dialect }, route.dialect))));

  const element = h(
    'section',
    { class: 'rate-limits', 'aria-labelledby': 'rate-limits-heading' },
    h('h2', { id: 'rate-limits-heading' }, 'Rate limits'),
    form,
    message,
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'rate-limits', 'aria-label': 'Rate limits in force' },
        h('thead', {}, h('tr', {}, ['Dialect', 'Requests', 'Window (s)', ''].map((name) => h('th', { scope: 'col', class: name === 'Requests' || name === 'Window (s)' ? 'num' : undefined }, name)))),
        body,
      ),
      empty,
    ),
  );

  async function refresh() {
    try {
      /** @type {import('./admin-types.js').RateLimitList} */
      const { rateLimits } = await admin('rate-limits');
      const entries = Object.entries(rateLimits);
      fillRows(body, entries, ([dialect, limit]) => rowOf(dialect, limit));
      empty.hidden = entries.length > 0;
    } catch (error) {
      message.textContent = `Could not read the rate limits: ${/** @type {Error} */ (error).message}`;
    }
  }

  /**
   * @param {string} dialect
   * @param {import('./admin-types.js').RateLimit} limit
   */
  function rowOf(dialect, { limit, windowSeconds }) {
    return h(
      'tr',
      { dataset: { dialect } },
      h('td', {}, dialect),
      h('td', { class: 'num' }, String(limit)),
      h('td', { class: 'num' }, String(windowSeconds)),
      h('td', {}, h('button', { type: 'button', class: 'secondary', 'aria-label': `Lift the ${dialect} limit`, onclick: () => lift(dialect) }, 'Lift')),
    );
  }

  /** @param {Event} event */
  async function putInForce(event) {
    event.preventDefault();
    clearFieldErrors(form);
    const dialect = controls.dialect.value;
    try {
      /** @type {import('./admin-types.js').RateLimitSet} */
      const set = await admin(`rate-limits/${encodeURIComponent(dialect)}`, { method: 'PUT', body: { limit: numberIn(controls.limit), windowSeconds: numberIn(controls.windowSeconds) } });
      message.textContent = `${set.dialect}: ${set.limit} requests per credential every ${set.windowSeconds} s.`;
    } catch (error) {
      showFieldError(form, /** @type {import('./admin-api.js').AdminFailure} */ (error), formError);
    }
    await refresh();
  }

  /** @param {string} dialect */
  async function lift(dialect) {
    await admin(`rate-limits/${encodeURIComponent(dialect)}`, { method: 'DELETE' }).catch(() => undefined); // already lifted elsewhere
    message.textContent = `Lifted the ${dialect} limit.`;
    await refresh();
  }

  return { element, refresh };
}
