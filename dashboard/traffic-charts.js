// Two pictures of the traffic the table shows: requests per second by status class, and how long
// answers took, over the last minutes. Drawn with uPlot, served by the gateway from its package.
import uPlot from './uPlot.esm.js';
import { h, statusClass } from './dom.js';

/** @typedef {import('./admin-types.js').Exchange} Exchange */

const WINDOW_SECONDS = 300;
const CLASSES = ['2xx', '3xx', '4xx', '5xx', 'none'];
/** @type {Record<string, string>} */
const CLASS_LABELS = { '2xx': '2xx', '3xx': '3xx', '4xx': '4xx', '5xx': '5xx', none: 'no answer' };
/** Upper bounds (ms) of the latency buckets: roughly logarithmic, so 1 ms and 1 s both read. */
const LATENCY_BOUNDS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, Infinity];
const LATENCY_LABELS = ['1', '2', '5', '10', '20', '50', '100', '200', '500', '1k', '2k', '5k', 'more'];

export function trafficCharts() {
  const rateHolder = h('div', { class: 'chart' });
  const latencyHolder = h('div', { class: 'chart' });
  const rateCaption = h('figcaption', {});
  const latencyCaption = h('figcaption', {});
  const element = h(
    'div',
    { class: 'charts' },
    h('figure', { 'aria-label': `Requests per second by status class, last ${WINDOW_SECONDS / 60} minutes` }, h('h3', {}, 'Requests per second, by status class'), rateHolder, rateCaption),
    h('figure', { 'aria-label': `Latency histogram, last ${WINDOW_SECONDS / 60} minutes` }, h('h3', {}, `Latency, last ${WINDOW_SECONDS / 60} minutes`), latencyHolder, latencyCaption),
  );
  /** @type {uPlot[]} */
  let plots = [];
  /** @type {Exchange[]} */
  let exchanges = [];

  const build = () => {
    plots.forEach((plot) => plot.destroy());
    const colors = chartColors();
    plots = [
      new uPlot(rateOptions(colors, widthOf(rateHolder)), rateData(exchanges), rateHolder),
      new uPlot(latencyOptions(colors, widthOf(latencyHolder)), latencyData(exchanges), latencyHolder),
    ];
  };
  const redraw = () => {
    if (plots.length === 0) return;
    plots[0].setData(rateData(exchanges));
    plots[1].setData(latencyData(exchanges));
    rateCaption.textContent = rateSummary(exchanges);
    latencyCaption.textContent = latencySummary(exchanges);
  };
  // The axes' and series' colours follow the page's scheme: rebuilt when it changes.
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', build);
  new ResizeObserver(() => plots.forEach((plot, index) => plot.setSize({ width: widthOf(index === 0 ? rateHolder : latencyHolder), height: 180 }))).observe(element);
  // Time moves even without traffic: the rate chart slides every second.
  setInterval(redraw, 1000);

  return {
    element,
    /**
     * The exchanges to draw (the table's, whatever their order).
     * @param {Exchange[]} list
     */
    update(list) {
      exchanges = list;
      if (plots.length === 0) build();
      redraw();
    },
  };
}

/** @type {import('uplot').Range.Function} A y axis from 0 to the data's maximum, at least 1. */
const yFromZero = (_plot, _min, max) => [0, Math.max(1, max)];

/** @param {HTMLElement} holder */
function widthOf(holder) {
  return Math.max(200, holder.clientWidth || 480);
}

/** @typedef {ReturnType<typeof chartColors>} ChartColors */

function chartColors() {
  const style = getComputedStyle(document.documentElement);
  /** @param {string} name */
  const get = (name) => style.getPropertyValue(name).trim();
  return { axis: get('--muted'), grid: get('--line'), bars: get('--accent'), classes: Object.fromEntries(CLASSES.map((name) => [name, get(`--status-${name}`)])) };
}

/** @param {ChartColors} colors */
function axes(colors) {
  const axis = { stroke: colors.axis, grid: { stroke: colors.grid, width: 1 }, ticks: { stroke: colors.grid, width: 1 } };
  return [axis, { ...axis, size: 40 }];
}

/**
 * `14:05:30`: a sliding five-minute window needs no date.
 * @param {number} seconds
 */
function clockLabel(seconds) {
  const time = new Date(seconds * 1000);
  return [time.getHours(), time.getMinutes(), time.getSeconds()].map((part) => String(part).padStart(2, '0')).join(':');
}

/**
 * @param {ChartColors} colors
 * @param {number} width
 * @returns {import('uplot').Options}
 */
function rateOptions(colors, width) {
  return {
    width,
    height: 180,
    legend: { show: true, live: false },
    cursor: { drag: { x: false, y: false } },
    scales: { y: { range: yFromZero } },
    axes: [{ ...axes(colors)[0], space: 80, values: (_plot, ticks) => ticks.map(clockLabel) }, axes(colors)[1]],
    series: [{}, ...CLASSES.map((name) => ({ label: CLASS_LABELS[name], stroke: colors.classes[name], width: 2, points: { show: false } }))],
  };
}

/**
 * @param {Exchange[]} exchanges
 * @returns {import('uplot').AlignedData} x: each second of the window; y: one series per status class.
 */
function rateData(exchanges) {
  const now = Math.floor(Date.now() / 1000);
  const start = now - WINDOW_SECONDS + 1;
  const seconds = Array.from({ length: WINDOW_SECONDS }, (_, index) => start + index);
  const counts = Object.fromEntries(CLASSES.map((name) => [name, new Array(WINDOW_SECONDS).fill(0)]));
  for (const exchange of exchanges) {
    const at = Math.floor(Date.parse(exchange.time) / 1000) - start;
    if (at >= 0 && at < WINDOW_SECONDS) counts[statusClass(exchange.status)][at]++;
  }
  return [seconds, ...CLASSES.map((name) => counts[name])];
}

/**
 * @param {ChartColors} colors
 * @param {number} width
 * @returns {import('uplot').Options}
 */
function latencyOptions(colors, width) {
  return {
    width,
    height: 180,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false, range: [-0.5, LATENCY_BOUNDS.length - 0.5] }, y: { range: yFromZero } },
    axes: [{ ...axes(colors)[0], space: 24, values: (_plot, ticks) => ticks.map((tick) => (Number.isInteger(tick) ? `${LATENCY_LABELS[tick] ?? ''}` : '')), label: 'milliseconds, at most' }, axes(colors)[1]],
    // The served build (uPlot.esm.js) has every path builder; the types leave them optional for lighter builds.
    series: [{}, { label: 'exchanges', stroke: colors.bars, fill: colors.bars, paths: /** @type {import('uplot').Series.BarsPathBuilderFactory} */ (uPlot.paths.bars)({ size: [0.8, 64] }), points: { show: false } }],
  };
}

/**
 * @param {Exchange[]} exchanges
 * @returns {import('uplot').AlignedData} x: each latency bucket; y: its count.
 */
function latencyData(exchanges) {
  const counts = new Array(LATENCY_BOUNDS.length).fill(0);
  for (const exchange of recent(exchanges)) counts[LATENCY_BOUNDS.findIndex((bound) => exchange.durationMs <= bound)]++;
  return [LATENCY_BOUNDS.map((_, index) => index), counts];
}

/** @param {Exchange[]} exchanges */
function recent(exchanges) {
  const since = Date.now() - WINDOW_SECONDS * 1000;
  return exchanges.filter((exchange) => Date.parse(exchange.time) >= since);
}

/**
 * The pictures in words, for screen readers and anyone who wants the number.
 * @param {Exchange[]} exchanges
 */
function rateSummary(exchanges) {
  const shown = recent(exchanges);
  const byClass = CLASSES.map(/** @returns {[string, number]} */ (name) => [name, shown.filter((exchange) => statusClass(exchange.status) === name).length]).filter(([, count]) => count > 0);
  return `${shown.length} exchanges in the last ${WINDOW_SECONDS / 60} minutes${byClass.length ? `: ${byClass.map(([name, count]) => `${count} ${CLASS_LABELS[name]}`).join(', ')}` : ''}.`;
}

/** @param {Exchange[]} exchanges */
function latencySummary(exchanges) {
  const times = recent(exchanges).map((exchange) => exchange.durationMs).sort((a, b) => a - b);
  if (times.length === 0) return 'No exchanges to time yet.';
  /** @param {number} share */
  const at = (share) => times[Math.min(times.length - 1, Math.floor(share * times.length))];
  return `median ${at(0.5).toFixed(1)} ms, 95th percentile ${at(0.95).toFixed(1)} ms, slowest ${times[times.length - 1].toFixed(1)} ms.`;
}
