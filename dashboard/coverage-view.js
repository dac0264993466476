// Coverage: per dialect, which operations and listed statuses the traffic exercised, and which it
// never touched (GET /__admin/coverage, the same report a CI job reads).
import { admin } from './admin-api.js';
import { fill, h, whileShown } from './dom.js';

const REFRESH_MS = 2000;

/**
 * @param {HTMLElement} panel
 * @param {import('./app.js').ViewContext} context
 */
export function coverageView(panel, context) {
  const content = h('div', { class: 'coverage' });
  const message = h('p', { class: 'message', role: 'status', 'aria-live': 'polite' });
  panel.append(
    h(
      'div',
      { class: 'section-head' },
      h('h2', {}, 'Contract coverage'),
      h('div', { class: 'toolbar-actions' }, h('button', { type: 'button', class: 'secondary', onclick: refresh }, 'Refresh'), h('button', { type: 'button', class: 'danger', onclick: forget }, 'Start over…')),
    ),
    h('p', { class: 'muted' }, 'Filled: answered at least once. Dashed: a status the spec marks inferred (the vendor page is silent). Amber: answered, but not listed by the operation.'),
    message,
    content,
  );

  async function refresh() {
    try {
      /** @type {import('./admin-types.js').CoverageReport} */
      const report = await admin('coverage');
      fill(content, report.dialects.map(dialectCoverage));
    } catch (error) {
      message.textContent = `Could not read the coverage: ${/** @type {Error} */ (error).message}`;
    }
  }

  async function forget() {
    const confirmed = await context.confirm({
      heading: 'Start coverage over?',
      message: 'The journal forgets every exchange (DELETE /__admin/requests), and coverage with it. The state is kept.',
      action: 'Forget the traffic',
    });
    if (!confirmed) return;
    try {
      /** @type {import('./admin-types.js').JournalForgotten} */
      const { forgotten } = await admin('requests', { method: 'DELETE' });
      await refresh();
      message.textContent = `Forgot ${forgotten} exchanges.`;
    } catch (error) {
      message.textContent = `Could not forget the traffic: ${/** @type {Error} */ (error).message}`;
    }
  }

  return whileShown(refresh, REFRESH_MS);
}

/** @param {import('./admin-types.js').DialectCoverage} dialect */
function dialectCoverage(dialect) {
  const { summary } = dialect;
  return h(
    'section',
    { class: 'dialect-coverage', dataset: { dialect: dialect.dialect }, 'aria-label': `${dialect.dialect} coverage` },
    h('h3', {}, dialect.dialect),
    h(
      'div',
      { class: 'meters' },
      meter('Operations', summary.operationsExercised, summary.operations),
      meter('Listed statuses', summary.statusesExercised, summary.statuses),
    ),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'coverage-table' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Operation'), h('th', { scope: 'col' }, 'Statuses'))),
        h('tbody', {}, dialect.operations.map(operationRow)),
      ),
    ),
  );
}

/**
 * @param {string} label
 * @param {number} value
 * @param {number} max
 */
function meter(label, value, max) {
  const share = max === 0 ? 0 : Math.round((value / max) * 100);
  return h('div', { class: 'meter' }, h('span', {}, `${label}: ${value} of ${max} (${share} %)`), h('progress', { max: String(max || 1), value: String(value), 'aria-label': `${label} exercised` }));
}

/** @param {import('./admin-types.js').OperationCoverage} operation */
function operationRow(operation) {
  return h(
    'tr',
    { class: operation.exercised ? 'exercised' : 'untouched', dataset: { operation: operation.operation } },
    h('th', { scope: 'row' }, h('span', { class: 'mono' }, `${operation.method} ${operation.path}`), h('br'), h('span', { class: 'muted' }, `${operation.operation}${operation.inferred ? ' (inferred)' : ''}${operation.exercised ? '' : ' · never called'}`)),
    h(
      'td',
      { class: 'chips' },
      operation.statuses.map((status) =>
        h(
          'span',
          { class: `chip${status.exercised ? ' on' : ''}${status.inferred ? ' inferred' : ''}`, title: `${status.status}: ${status.exercised ? 'answered' : 'never answered'}${status.inferred ? ' (inferred)' : ''}` },
          status.exercised ? `✓ ${status.status}` : status.status,
        ),
      ),
      operation.otherStatuses.map((other) =>
        h('span', { class: 'chip other', title: other.documentedBy ? `${other.status}: answered; only the default response documents it` : `${other.status}: answered; the spec does not document it` }, `! ${other.status}`),
      ),
    ),
  );
}
