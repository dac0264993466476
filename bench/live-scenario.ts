import type { Browser } from 'playwright-core';
import { openTrafficPage, rowLatencies, type TrafficPage } from './dashboard-probe';
import { launchChromium } from './headless-chromium';
import { createAgent, openLiveStream, timedCreate } from './live-client';
import { getOneTarget, probe, reasonOf, underLoad, type LiveProbe, type LiveProbeId, type LiveResults, type Samples } from './live-probes';
import type { ScenarioContext } from './scenarios';
import { withGateway, type GatewayStart } from './servers';

/** Sequential creates per probe: each is one sample. */
const SAMPLES = { full: { events: 200, rows: 50 }, quick: { events: 50, rows: 10 } } as const;
const EVENT_TIMEOUT_MS = 10_000;
/**
 * The probe's stream asks for creates only, as a dashboard filtered to one operation would: beside
 * the load, an unfiltered stream would carry thousands of get-one events a second, and the probe
 * would measure its own parsing (and the gateway's drop policy for slow readers) instead.
 */
const EVENTS_PATH = '/__admin/events?operation=createLabel';

/**
 * 11. How soon what the gateway answered is seen live: on the event stream (the bench's own client)
 * and as a row of the dashboard in a headless Chromium. Latency, not throughput: each probe is a run
 * of sequential Kirim creates, timed from the moment the create's answer is whole.
 */
export async function measureLive(ctx: ScenarioContext): Promise<LiveResults> {
  const samples = SAMPLES[ctx.settings.mode];
  const { connections } = ctx.settings.phases;
  const probes: LiveProbe[] = [];
  await withGateway({ name: 'live-events', nodeFlags: ctx.gatewayFlags('live-events') }, async ({ server }) => {
    ctx.progress(`  event stream: ${samples.events} creates, the gateway otherwise idle`);
    probes.push(await probe('event-stream', `${EVENTS_PATH}, gateway idle`, () => eventLatencies(server.url, samples.events)));
    ctx.progress(`  event stream: ${samples.events} creates beside get-one load at ${connections} connections on the same gateway`);
    const title = `${EVENTS_PATH}, same gateway under get-one load at ${connections} connections`;
    probes.push(await probe('event-stream-loaded', title, async () => underLoad(await getOneTarget(server), ctx.settings.phases, () => eventLatencies(server.url, samples.events))));
  });
  probes.push(...(await dashboardProbes(ctx, samples.rows)));
  return { probes };
}

/** Sequential creates, each followed by waiting for its event (matched by the label's name, quoted as in the JSON). */
async function eventLatencies(gatewayUrl: string, count: number): Promise<Samples> {
  const stream = await openLiveStream(`${gatewayUrl}${EVENTS_PATH}`);
  const agent = createAgent();
  const latencies: number[] = [];
  try {
    for (let n = 0; n < count; n++) {
      const created = await timedCreate(gatewayUrl, agent);
      const event = await stream.waitFor(JSON.stringify(created.name), EVENT_TIMEOUT_MS);
      latencies.push(event.receivedAt - created.answeredAt);
    }
  } finally {
    stream.close();
    agent.destroy();
  }
  return { latencies };
}

const PAGE = 'dashboard /__admin/ui#traffic';

/**
 * The dashboard's probes: one traffic page, its creates made with the machine otherwise idle, then
 * beside another gateway under load. The loaded gateway is not the dashboard's: that page would
 * draw thousands of rows a second, which no one watches; this one keeps both cores busy with its
 * load generator, as CI's other suites do.
 */
async function dashboardProbes(ctx: ScenarioContext, count: number): Promise<LiveProbe[]> {
  const { connections, warmupSeconds } = ctx.settings.phases;
  const titles: Partial<Record<LiveProbeId, string>> = {
    'dashboard-row': `${PAGE}, machine idle`,
    'dashboard-row-busy': `${PAGE}, another gateway under get-one load at ${connections} connections`,
  };
  const named = (id: LiveProbeId, work: () => Promise<Samples>) => probe(id, titles[id] ?? id, work);
  return withTrafficPage(ctx, ['dashboard-row', 'dashboard-row-busy'], titles, async (rows) => {
    ctx.progress(`  dashboard: ${count} creates from the moment the page is live, machine idle`);
    const quiet = await named('dashboard-row', () => rows(count));
    ctx.progress(`  dashboard: ${count} creates while another gateway takes get-one load at ${connections} connections (after ${warmupSeconds} s of warm-up)`);
    const busy = await named('dashboard-row-busy', () =>
      withGateway(gatewayStart(ctx, 'live-busy'), async ({ server }) => underLoad(await getOneTarget(server), ctx.settings.phases, () => rows(count))),
    );
    return [quiet, busy];
  });
}

const gatewayStart = (ctx: ScenarioContext, name: string): GatewayStart => ({ name, nodeFlags: ctx.gatewayFlags(name) });

/**
 * A headless Chromium (the e2e suite's), a gateway of its own (a fresh journal, as the suite's), and
 * its traffic page, live; `work` runs probes on it with `rows`.
 * Whatever cannot start fails the probes `ids`: never a silent skip.
 */
async function withTrafficPage(
  ctx: ScenarioContext,
  ids: readonly LiveProbeId[],
  titles: Partial<Record<LiveProbeId, string>>,
  work: (rows: (creates: number) => Promise<Samples>) => Promise<LiveProbe[]>,
): Promise<LiveProbe[]> {
  const failAll = (reason: string): LiveProbe[] => ids.map((id) => ({ id, title: titles[id] ?? id, outcome: { status: 'failed', reason } }));
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    return failAll(`headless Chromium did not start: ${reasonOf(error)}`);
  }
  try {
    return await withGateway(gatewayStart(ctx, 'live-dashboard'), async ({ server }) => {
      let traffic: TrafficPage;
      try {
        traffic = await openTrafficPage(browser, server.url);
      } catch (error) {
        return failAll(`the dashboard did not open live: ${reasonOf(error)}`);
      }
      const rows = async (creates: number): Promise<Samples> => {
        const { latencies, clock } = await rowLatencies(traffic, server.url, creates);
        const errors = traffic.errors.length > 0 ? `; page errors: ${traffic.errors.join(' | ')}` : '';
        return { latencies, note: `page clock − bench clock ${clock.offsetMs.toFixed(2)} ms (± ${clock.uncertaintyMs.toFixed(2)})${errors}` };
      };
      try {
        return await work(rows);
      } finally {
        await traffic.close();
      }
    });
  } finally {
    await browser.close();
  }
}
