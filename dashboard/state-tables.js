// One vendor of a state export as tables: per tenant its teams, its labels (soft-deleted ones shown
// as such) and SuperSend v1's conversation assignments.
import { h } from './dom.js';

/** @typedef {import('./admin-types.js').TenantState} TenantState */

/** Rows drawn per tenant; a larger store is narrowed with the search. */
const SHOWN_LABELS = 500;
const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

/**
 * `search`: lower-case part of a name ('' shows all).
 * @param {string} vendor
 * @param {import('./admin-types.js').VendorState} state
 * @param {string} search
 */
export function vendorState(vendor, state, search) {
  const tenants = Object.entries(state.tenants);
  return h(
    'section',
    { class: 'vendor', 'aria-label': `${vendor} state` },
    h('h3', {}, `${vendor} `, h('span', { class: 'muted' }, `${tenants.length} tenant${tenants.length === 1 ? '' : 's'}, ${state.idMap.length} translation id pairs`)),
    tenants.length === 0 ? h('p', { class: 'empty' }, 'No tenant has stored anything.') : tenants.map(([key, tenant]) => tenantState(vendor, key, tenant, search)),
  );
}

/**
 * @param {string} vendor
 * @param {string} key
 * @param {TenantState} tenant
 * @param {string} search
 */
function tenantState(vendor, key, tenant, search) {
  const matching = tenant.labels.filter((label) => search === '' || label.name.toLowerCase().includes(search));
  const deleted = tenant.labels.filter((label) => label.deletedAt !== null).length;
  return h(
    'details',
    { class: 'tenant', open: true, dataset: { vendor, tenant: key } },
    h('summary', {}, h('span', { class: 'mono' }, key), ` · organisation ${tenant.orgId} · ${tenant.labels.length} labels${deleted ? ` (${deleted} deleted)` : ''}`),
    tenant.teams.length > 0 ? h('p', { class: 'teams' }, 'Teams: ', tenant.teams.map((team, index) => [index ? ', ' : '', h('span', { class: 'mono' }, team)])) : null,
    matching.length === 0 ? h('p', { class: 'empty' }, search ? 'No label matches the search.' : 'No labels.') : labelTable(matching),
    matching.length > SHOWN_LABELS ? h('p', { class: 'muted' }, `Showing ${SHOWN_LABELS} of ${matching.length}: search to narrow.`) : null,
    tenant.assignments.length > 0 ? assignmentTable(tenant) : null,
  );
}

/** @param {import('./admin-types.js').LabelEntry[]} labels */
function labelTable(labels) {
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'labels' },
      h('thead', {}, h('tr', {}, ['Name', 'Id', 'Team', 'Colour', 'Created', 'Updated', 'State'].map((name) => h('th', { scope: 'col' }, name)))),
      h(
        'tbody',
        {},
        labels.slice(0, SHOWN_LABELS).map((label) =>
          h(
            'tr',
            { class: label.deletedAt ? 'deleted' : undefined },
            h('td', {}, label.name),
            h('td', { class: 'mono' }, label.id),
            h('td', { class: 'mono' }, label.teamId ?? '—'),
            h('td', {}, colour(label.color)),
            h('td', {}, label.createdAt),
            h('td', {}, label.updatedAt),
            h('td', {}, label.deletedAt ? `deleted ${label.deletedAt}` : 'active'),
          ),
        ),
      ),
    ),
  );
}

/** @param {string | null} value */
function colour(value) {
  if (value === null) return '—';
  const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  // Set through the style object, which the page's policy allows; only a hex colour is ever set.
  if (HEX_COLOUR.test(value)) swatch.style.backgroundColor = value;
  return [swatch, ' ', value];
}

/** @param {TenantState} tenant */
function assignmentTable(tenant) {
  const names = new Map(tenant.labels.map((label) => [label.id, label.name]));
  return h(
    'table',
    { class: 'assignments' },
    h('caption', {}, 'Conversation assignments'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Conversation'), h('th', { scope: 'col' }, 'Label'))),
    h(
      'tbody',
      {},
      tenant.assignments.map((assignment) => h('tr', {}, h('td', { class: 'mono' }, assignment.conversationId), h('td', {}, names.get(assignment.labelId) ?? assignment.labelId))),
    ),
  );
}
