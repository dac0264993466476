// One exchange opened: what was asked, what was answered, and what the gateway noticed on the way.
import { clockTime, fill, h } from './dom.js';
import { bodyView } from './json-view.js';
import { findingText, statusText } from './traffic-table.js';

/** @typedef {import('./admin-types.js').Exchange} Exchange */

/** @param {{ onClose: () => void }} listeners */
export function exchangeDetail({ onClose }) {
  const heading = h('h2', { tabindex: '-1' }, 'Exchange');
  const content = h('div', {});
  const close = h('button', { type: 'button', class: 'secondary', onclick: onClose, 'aria-label': 'Close the exchange (Escape)' }, 'Close');
  const element = h('aside', { class: 'detail', 'aria-label': 'Exchange detail', hidden: true }, h('div', { class: 'detail-head' }, heading, close), content);
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') onClose();
  });

  return {
    element,
    /** @param {Exchange} exchange */
    show(exchange) {
      heading.textContent = `${exchange.method} ${exchange.path} → ${statusText(exchange)}`;
      fill(content, facts(exchange), notes(exchange), bodies(exchange));
      element.hidden = false;
      heading.focus();
    },
    hide() {
      element.hidden = true;
    },
  };
}

/** @param {Exchange} exchange */
function facts(exchange) {
  const rows = [
    ['Time', `${clockTime(exchange.time)} (${exchange.time})`],
    ['Dialect', exchange.dialect ?? 'none (a path under no vendor)'],
    ['Route', exchange.route],
    ['Operation', exchange.operation ?? 'none matched'],
    ['Tenant', exchange.credentialFingerprint ?? 'no readable credential'],
    ['Upstream status', exchange.upstreamStatus ?? '—'],
    ['Duration', `${exchange.durationMs} ms`],
    ['Fault', exchange.faultId ? `${exchange.faultId}${exchange.networkFault ? ` (${exchange.networkFault})` : ''}` : '—'],
    ['Journal id', exchange.id],
  ];
  return h('dl', { class: 'facts' }, rows.map(([term, value]) => [h('dt', {}, term), h('dd', {}, String(value))]));
}

/** @param {Exchange} exchange */
function notes(exchange) {
  const parts = [];
  if (exchange.nearMiss) {
    parts.push(h('p', { class: 'callout hint' }, `No operation matched. Did you mean ${exchange.nearMiss.method} ${exchange.nearMiss.path} (${exchange.nearMiss.dialect} ${exchange.nearMiss.operation})?`));
  }
  if (exchange.violations.length > 0) {
    parts.push(
      h('section', { class: 'callout finding' }, h('h3', {}, `Contract findings (${exchange.violations.length})`), h('ul', {}, exchange.violations.map((violation) => h('li', {}, findingText(violation))))),
    );
  }
  if (exchange.lostFields.length > 0) {
    parts.push(h('section', { class: 'callout lost' }, h('h3', {}, 'Lost in translation'), h('p', {}, `The target cannot hold exactly: ${exchange.lostFields.join(', ')}.`)));
  }
  return parts;
}

/** @param {Exchange} exchange */
function bodies(exchange) {
  /** @param {'request' | 'response'} where */
  const pointersIn = (where) => exchange.violations.filter((violation) => violation.where === where).map((violation) => violation.path);
  return h(
    'div',
    { class: 'bodies' },
    h('section', {}, h('h3', {}, 'Request body'), bodyView(exchange.requestBody, { pointers: pointersIn('request'), keys: exchange.lostFields })),
    h('section', {}, h('h3', {}, 'Response body'), bodyView(exchange.responseBody, { pointers: pointersIn('response') })),
  );
}
