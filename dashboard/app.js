// The dashboard's shell: one tab per view, the view named in the URL's hash (#traffic, #state…), so
// a view can be linked to and the back button works. Views are built on first show.
import { admin } from './admin-api.js';
import { confirmAction } from './confirm-dialog.js';
import { h } from './dom.js';
import { coverageView } from './coverage-view.js';
import { faultsView } from './faults-view.js';
import { routesView } from './routes-view.js';
import { stateView } from './state-view.js';
import { trafficView } from './traffic-view.js';

/**
 * What every view is given (`context` below).
 * @typedef {object} ViewContext
 * @property {Promise<import('./admin-types.js').RoutesReport>} routing
 * @property {typeof confirmAction} confirm
 * @property {(text: string, kind: import('./traffic-stream.js').StreamHealth) => void} setConnection
 */
/** What a view answers: its show/hide pair, either left out when it needs none. @typedef {{ show?: () => void, hide?: () => void }} View */
/** @typedef {{ panel: HTMLElement, view: (typeof VIEWS)[number], instance: View | undefined }} PanelEntry */

/** @type {{ id: string, title: string, create: (panel: HTMLElement, context: ViewContext) => View }[]} */
const VIEWS = [
  { id: 'traffic', title: 'Traffic', create: trafficView },
  { id: 'state', title: 'State', create: stateView },
  { id: 'faults', title: 'Faults', create: faultsView },
  { id: 'coverage', title: 'Coverage', create: coverageView },
  { id: 'routes', title: 'Routes', create: routesView },
];

// index.html has all three.
const tablist = /** @type {HTMLElement} */ (document.getElementById('tabs'));
const main = /** @type {HTMLElement} */ (document.getElementById('main'));
const connection = /** @type {HTMLElement} */ (document.getElementById('connection'));

// What every view shares: the served dialects and their operations (GET /__admin/routes, read once),
// the confirmation dialog, and the line that tells how the live stream is doing.
/** @type {ViewContext} */
const context = {
  routing: admin('routes'),
  confirm: confirmAction,
  setConnection: (text, kind) => {
    connection.textContent = text;
    connection.dataset.kind = kind;
  },
};

// By view id. Only ever asked for a view's id, so the `get`s below find one (hence their casts).
/** @type {Map<string, HTMLButtonElement>} */
const tabs = new Map();
/** @type {Map<string, PanelEntry>} */
const panels = new Map();
/** @type {string | undefined} */
let current;

for (const view of VIEWS) {
  const tab = h('button', { type: 'button', role: 'tab', id: `tab-${view.id}`, 'aria-controls': `view-${view.id}`, 'aria-selected': 'false', tabindex: '-1', onclick: () => go(view.id) }, view.title);
  tab.addEventListener('keydown', (event) => moveBetweenTabs(event, view.id));
  tablist.append(tab);
  tabs.set(view.id, tab);
  const panel = h('section', { id: `view-${view.id}`, role: 'tabpanel', 'aria-labelledby': `tab-${view.id}`, class: 'view', hidden: true, tabindex: '-1' });
  main.append(panel);
  panels.set(view.id, { panel, view, instance: undefined });
}

/**
 * WAI-ARIA tabs: arrows move between tabs (and open the view), Home and End jump to the ends.
 * @param {KeyboardEvent} event
 * @param {string} id
 */
function moveBetweenTabs(event, id) {
  const order = VIEWS.map((view) => view.id);
  const at = order.indexOf(id);
  const next = /** @type {Partial<Record<string, number>>} */ ({ ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: order.length - 1 })[event.key];
  if (next === undefined) return;
  event.preventDefault();
  const target = order[(next + order.length) % order.length];
  go(target);
  /** @type {HTMLButtonElement} */ (tabs.get(target)).focus();
}

/**
 * Shows the view at once, and names it in the URL (the hashchange that follows finds it shown).
 * @param {string} id
 */
function go(id) {
  show(id);
  if (location.hash !== `#${id}`) location.hash = id;
}

/** @param {string} id any text; a view's id, or else the first view is shown */
function show(id) {
  const wanted = panels.has(id) ? id : VIEWS[0].id;
  if (current === wanted) return;
  if (current) {
    const previous = /** @type {PanelEntry} */ (panels.get(current));
    previous.panel.hidden = true;
    previous.instance?.hide?.();
    /** @type {HTMLButtonElement} */ (tabs.get(current)).setAttribute('aria-selected', 'false');
    /** @type {HTMLButtonElement} */ (tabs.get(current)).tabIndex = -1;
  }
  current = wanted;
  const entry = /** @type {PanelEntry} */ (panels.get(wanted));
  entry.instance ??= entry.view.create(entry.panel, context);
  entry.panel.hidden = false;
  entry.instance.show?.();
  /** @type {HTMLButtonElement} */ (tabs.get(wanted)).setAttribute('aria-selected', 'true');
  /** @type {HTMLButtonElement} */ (tabs.get(wanted)).tabIndex = 0;
  document.title = `${entry.view.title} · label-gateway`;
}

window.addEventListener('hashchange', () => show(location.hash.slice(1)));
show(location.hash.slice(1));
