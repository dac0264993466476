// State: what the mock holds, per vendor and tenant (GET /__admin/state), exported to a file and
// imported from one (PUT /__admin/state), and reset with a confirmation (POST /__admin/reset).
import { admin, queryOf } from './admin-api.js';
import { field, fill, h, select } from './dom.js';
import { importProblem } from './state-import.js';
import { vendorState } from './state-tables.js';

/** @typedef {import('./admin-types.js').StateDocument} StateDocument */

/**
 * @param {HTMLElement} panel
 * @param {import('./app.js').ViewContext} context
 */
export function stateView(panel, context) {
  const vendor = select([['', 'every vendor']], { name: 'vendor' });
  const search = h('input', { type: 'search', name: 'search', placeholder: 'part of a name', autocomplete: 'off' });
  const file = h('input', { type: 'file', name: 'file', accept: 'application/json,.json' });
  const message = h('p', { class: 'message', role: 'status', 'aria-live': 'polite' });
  const content = h('div', { class: 'state-content' });
  const importField = field('State file to import', file, { name: 'import', hint: 'an export, or a seed; it replaces the vendors (or tenants) it names' });
  const importError = /** @type {HTMLElement} */ (importField.querySelector('.field-error')); // field() made it
  const importDetail = h('pre', { class: 'json problem', hidden: true });
  importField.append(importDetail);

  panel.append(
    h('h2', { class: 'visually-hidden' }, 'State'),
    h(
      'form',
      { class: 'toolbar', 'aria-label': 'State', onsubmit: (event) => event.preventDefault() },
      field('Vendor', vendor, { name: 'vendor' }),
      field('Search labels', search, { name: 'search' }),
      h(
        'div',
        { class: 'toolbar-actions' },
        h('button', { type: 'button', class: 'secondary', onclick: refresh }, 'Refresh'),
        h('button', { type: 'button', onclick: exportState }, 'Export'),
        h('button', { type: 'button', class: 'danger', onclick: resetState }, 'Reset…'),
      ),
    ),
    h('form', { class: 'toolbar import', 'aria-label': 'Import', onsubmit: importState }, importField, h('div', { class: 'toolbar-actions' }, h('button', { type: 'submit' }, 'Import'))),
    message,
    content,
  );

  /** @type {StateDocument | undefined} */
  let documentShown;
  context.routing.then((routing) => vendor.append(...[...new Set(routing.dialects.map((route) => route.vendor))].map((name) => h('option', { value: name }, name))));
  vendor.addEventListener('change', refresh);
  search.addEventListener('input', render);

  async function refresh() {
    try {
      documentShown = await admin(`state${queryOf({ vendor: vendor.value })}`);
      render();
    } catch (error) {
      message.textContent = `Could not read the state: ${/** @type {Error} */ (error).message}`;
    }
  }

  function render() {
    const vendors = Object.entries(documentShown?.vendors ?? {});
    fill(content, vendors.length === 0 ? h('p', { class: 'empty' }, 'Nothing stored.') : vendors.map(([name, state]) => vendorState(name, state, search.value.trim().toLowerCase())));
  }

  async function exportState() {
    /** @type {StateDocument} */
    let document;
    try {
      document = await admin(`state${queryOf({ vendor: vendor.value })}`);
    } catch (error) {
      message.textContent = `Could not export: ${/** @type {Error} */ (error).message}`;
      return;
    }
    const blob = new Blob([`${JSON.stringify(document, null, 2)}\n`], { type: 'application/json' });
    const link = h('a', { href: URL.createObjectURL(blob), download: `label-gateway-state-${vendor.value || 'all'}-${new Date().toISOString().replace(/[:.]/g, '-')}.json` });
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    message.textContent = `Exported ${Object.keys(document.vendors).join(', ') || 'an empty state'}.`;
  }

  /** @param {Event} event */
  async function importState(event) {
    event.preventDefault();
    importError.textContent = '';
    importDetail.hidden = true;
    const chosen = file.files?.[0];
    if (!chosen) {
      importError.textContent = 'Choose a file first.';
      return;
    }
    const text = await chosen.text();
    try {
      /** @type {import('./admin-types.js').StateReplaced} */
      const outcome = await admin('state', { method: 'PUT', body: text });
      message.textContent = `Imported ${chosen.name}: ${outcome.vendors.join(', ')}; ${outcome.tenants} tenants, ${outcome.labels} labels.`;
      await refresh();
    } catch (error) {
      const problem = importProblem(/** @type {import('./admin-api.js').AdminFailure} */ (error), text);
      importError.textContent = problem.message;
      if (problem.excerpt) {
        importDetail.textContent = problem.excerpt;
        importDetail.hidden = false;
      }
      file.focus();
    }
  }

  async function resetState() {
    const which = vendor.value;
    const confirmed = await context.confirm({
      heading: which ? `Reset ${which}?` : 'Reset every vendor?',
      message: `Every label, team and assignment ${which ? `of ${which}` : 'of every vendor'} is deleted, and the journal forgets their exchanges. Export first to keep a copy.`,
      action: which ? `Reset ${which}` : 'Reset everything',
    });
    if (!confirmed) {
      message.textContent = 'Nothing was reset.';
      return;
    }
    try {
      /** @type {import('./admin-types.js').StateReset} */
      const outcome = await admin(`reset${queryOf({ vendor: which })}`, { method: 'POST' });
      message.textContent = `Reset: ${outcome.vendors.join(', ')}.`;
    } catch (error) {
      message.textContent = `Could not reset: ${/** @type {Error} */ (error).message}`;
    }
    await refresh();
  }

  return { show: refresh };
}
