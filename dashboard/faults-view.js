// Faults: arm one from the form, watch each armed fault's firing count, disarm; and the rate limits.
import { admin } from './admin-api.js';
import { clockTime, fillRows, h, whileShown } from './dom.js';
import { faultsForm } from './faults-form.js';
import { rateLimitsPanel } from './rate-limits-panel.js';

/** How often the list is read while the view is open: a fault's `fired` count moves with traffic. */
const REFRESH_MS = 1000;

/** @typedef {import('./admin-types.js').Fault} Fault */

/**
 * @param {HTMLElement} panel
 * @param {import('./app.js').ViewContext} context
 */
export function faultsView(panel, context) {
  const message = h('p', { class: 'message', role: 'status', 'aria-live': 'polite' });
  const body = h('tbody');
  const empty = h('p', { class: 'empty' }, 'No fault is armed.');
  const disarmAll = h('button', { type: 'button', class: 'danger', onclick: disarmEverything }, 'Disarm all');
  const form = faultsForm({
    routing: context.routing,
    onArmed: (fault) => {
      message.textContent = `Armed ${fault.id}.`;
      refresh();
    },
  });
  const rateLimits = rateLimitsPanel({ routing: context.routing });
  panel.append(
    h('h2', {}, 'Arm a fault'),
    form,
    h('div', { class: 'section-head' }, h('h2', {}, 'Armed faults'), disarmAll),
    message,
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'faults', 'aria-label': 'Armed faults, in arming order (the first that matches fires)' },
        h('thead', {}, h('tr', {}, ['Id', 'Dialect', 'Operation', 'Tenant', 'Effect', 'Times', 'Probability', 'Fired', 'Armed', ''].map((name) => h('th', { scope: 'col', class: name === 'Fired' ? 'num' : undefined }, name)))),
        body,
      ),
      empty,
    ),
    rateLimits.element,
  );

  async function refresh() {
    try {
      /** @type {import('./admin-types.js').FaultList} */
      const { faults } = await admin('faults');
      fillRows(body, faults, rowOf);
      empty.hidden = faults.length > 0;
      disarmAll.disabled = faults.length === 0;
    } catch (error) {
      message.textContent = `Could not read the faults: ${/** @type {Error} */ (error).message}`;
    }
  }

  /** @param {Fault} fault */
  function rowOf(fault) {
    return h(
      'tr',
      { dataset: { id: fault.id } },
      h('td', { class: 'mono' }, fault.id),
      h('td', {}, fault.dialect ?? 'any'),
      h('td', {}, fault.operation ?? 'any'),
      h('td', { class: 'mono' }, fault.credentialFingerprint ?? 'any'),
      h('td', {}, effectOf(fault)),
      h('td', {}, fault.times ?? '∞'),
      h('td', {}, fault.probability ?? 1),
      h('td', { class: 'num fired' }, String(fault.fired)),
      h('td', {}, h('time', { datetime: fault.armedAt }, clockTime(fault.armedAt))),
      h('td', {}, h('button', { type: 'button', class: 'secondary', 'aria-label': `Disarm ${fault.id}`, onclick: () => disarm(fault.id) }, 'Disarm')),
    );
  }

  /** @param {string} id */
  async function disarm(id) {
    await admin(`faults/${encodeURIComponent(id)}`, { method: 'DELETE' }).catch(() => undefined); // already gone: fired its times
    message.textContent = `Disarmed ${id}.`;
    await refresh();
  }

  async function disarmEverything() {
    try {
      /** @type {import('./admin-types.js').FaultsCleared} */
      const { removed } = await admin('faults', { method: 'DELETE' });
      message.textContent = `Disarmed ${removed} fault${removed === 1 ? '' : 's'}.`;
    } catch (error) {
      message.textContent = `Could not disarm: ${/** @type {Error} */ (error).message}`;
    }
    await refresh();
  }

  return whileShown(() => Promise.all([refresh(), rateLimits.refresh()]), REFRESH_MS);
}

/** @param {Fault} fault */
function effectOf(fault) {
  const parts = [];
  if (fault.respond) parts.push(`answers ${fault.respond.status}${fault.respond.retryAfter !== undefined ? `, Retry-After ${fault.respond.retryAfter}` : ''}${fault.respond.message ? ` "${fault.respond.message}"` : ''}`);
  if (fault.fault) parts.push(`${fault.fault} connection`);
  if (fault.delayMs) parts.push(`after ${fault.delayMs} ms`);
  return parts.join(', ');
}
