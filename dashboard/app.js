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

const VIEWS = [
  { id: 'traffic', title: 'Traffic', create: trafficView },
  { id: 'state', title: 'State', create: stateView },
  { id: 'faults', title: 'Faults', create: faultsView },
  { id: 'coverage', title: 'Coverage', create: coverageView },
  { id: 'routes', title: 'Routes', create: routesView },
];

const tablist = document.getElementById('tabs');
const main = document.getElementById('main');
const connection = document.getElementById('connection');

// What every view shares: the served dialects and their operations (GET /__admin/routes, read once),
// the confirmation dialog, and the line that tells how the live stream is doing.
const context = {
  routing: admin('routes'),
  confirm: confirmAction,
  setConnection: (text, kind) => {
    connection.textContent = text;
    connection.dataset.kind = kind;
  },
};

const tabs = new Map();
const panels = new Map();
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

/** WAI-ARIA tabs: arrows move between tabs (and open the view), Home and End jump to the ends. */
function moveBetweenTabs(event, id) {
  const order = VIEWS.map((view) => view.id);
  const at = order.indexOf(id);
  const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: order.length - 1 }[event.key];
  if (next === undefined) return;
  event.preventDefault();
  const target = order[(next + order.length) % order.length];
  go(target);
  tabs.get(target).focus();
}

/** Shows the view at once, and names it in the URL (the hashchange that follows finds it shown). */
function go(id) {
  show(id);
  if (location.hash !== `#${id}`) location.hash = id;
}

function show(id) {
  const wanted = panels.has(id) ? id : VIEWS[0].id;
  if (current === wanted) return;
  if (current) {
    const previous = panels.get(current);
    previous.panel.hidden = true;
    previous.instance?.hide?.();
    tabs.get(current).setAttribute('aria-selected', 'false');
    tabs.get(current).tabIndex = -1;
  }
  current = wanted;
  const entry = panels.get(wanted);
  entry.instance ??= entry.view.create(entry.panel, context);
  entry.panel.hidden = false;
  entry.instance.show?.();
  tabs.get(wanted).setAttribute('aria-selected', 'true');
  tabs.get(wanted).tabIndex = 0;
  document.title = `${entry.view.title} · label-gateway`;
}

window.addEventListener('hashchange', () => show(location.hash.slice(1)));
show(location.hash.slice(1));
