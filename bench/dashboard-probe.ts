import { setTimeout as delay } from 'node:timers/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAgent, epochMs, openLiveStream, timedCreate } from './live-client';

/** How long one row may take before the probe gives up: ten times the dashboard's "within a second". */
const ROW_TIMEOUT_MS = 10_000;
/**
 * A pause between creates (two frames at 60 Hz), so each one finds the page idle, as the e2e
 * suite's single create does, instead of landing in the middle of the previous row's layout.
 */
const GAP_MS = 35;

/**
 * Runs in the page: records when each traffic row first enters the DOM, on the page's clock. A
 * MutationObserver's callback runs at the end of the task that inserted the row (after the charts
 * were redrawn for it, which happens first), before the frame is painted: so this is "in the DOM",
 * not "on screen", and the page's own work is all in it.
 *
 * `__liveRowAt(id)` answers with that time, as a promise when the row is still to come: nothing
 * polls. (Playwright's waitForFunction would, by evaluating a string in the page, which the page's
 * CSP refuses: it then never resolves. page.evaluate goes through the DevTools protocol, which the
 * CSP allows.) A string, since the bench compiles without the DOM's types.
 */
const RECORD_ROWS = `(() => {
  const seen = new Map();
  const waiting = new Map();
  const ROW = 'table.traffic tbody tr[data-id]';
  window.__liveRowSeen = seen;
  window.__liveRowAt = (id) => seen.get(id) ?? new Promise((resolve) => waiting.set(id, resolve));
  new MutationObserver((records) => {
    const at = performance.timeOrigin + performance.now();
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        for (const row of node.matches(ROW) ? [node] : node.querySelectorAll(ROW)) {
          const id = Number(row.dataset.id);
          if (seen.has(id)) continue;
          seen.set(id, at);
          waiting.get(id)?.(at);
          waiting.delete(id);
        }
      }
    }
  }).observe(document.body, { childList: true, subtree: true });
})()`;

export interface TrafficPage {
  page: Page;
  /** Console errors and uncaught exceptions of the page since it opened. */
  errors: string[];
  close(): Promise<void>;
}

/** The dashboard's traffic view, opened as test/e2e/dashboard.test.ts opens it, and live. */
export async function openTrafficPage(browser: Browser, gatewayUrl: string): Promise<TrafficPage> {
  // A fixed locale: this machine's (`en-US@posix`) is not one a browser accepts, and the charts ask for it.
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', colorScheme: 'light' });
  const errors: string[] = [];
  try {
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    const response = await page.goto(`${gatewayUrl}/__admin/ui#traffic`);
    if (response?.status() !== 200) throw new Error(`the dashboard answered ${response?.status() ?? 'nothing'}`);
    await page.locator('#connection[data-kind="ok"]').waitFor({ timeout: ROW_TIMEOUT_MS });
    await page.evaluate(RECORD_ROWS);
    return { page, errors, close: () => context.close() };
  } catch (error) {
    await context.close();
    throw error;
  }
}

export interface ClockOffset {
  /** The page's clock minus the bench's, in ms. */
  offsetMs: number;
  /** Half the round trip of the best reading: how far off the offset can be. */
  uncertaintyMs: number;
}

/**
 * Both clocks are the wall clock read once (the bench's start, the page's navigation) plus a
 * monotonic clock since, so they may disagree by however much the wall clock was adjusted between
 * those two readings. Read the page's clock between two of the bench's, a few times, and keep the
 * reading with the shortest round trip.
 */
export async function pageClockOffset(page: Page): Promise<ClockOffset> {
  let best: ClockOffset | undefined;
  for (let reading = 0; reading < 9; reading++) {
    const before = epochMs();
    const pageNow = await page.evaluate('performance.timeOrigin + performance.now()');
    const after = epochMs();
    const candidate = { offsetMs: Number(pageNow) - (before + after) / 2, uncertaintyMs: (after - before) / 2 };
    if (!best || candidate.uncertaintyMs < best.uncertaintyMs) best = candidate;
  }
  return best!;
}

/** When row `id` entered the DOM, on the page's clock; undefined if not within ROW_TIMEOUT_MS. */
async function rowSeenAt(page: Page, id: number): Promise<number | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, ROW_TIMEOUT_MS, undefined)));
  try {
    return await Promise.race([page.evaluate(`window.__liveRowAt(${id})`).then(Number), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** What the page shows, for a failure message: the connection line and the newest rows' ids. */
async function pageState(page: Page): Promise<string> {
  const state = `({ connection: document.querySelector('#connection')?.textContent, rows: [...document.querySelectorAll('table.traffic tbody tr')].slice(0, 5).map((row) => row.dataset.id), seen: [...window.__liveRowSeen.keys()].slice(-5) })`;
  return page.evaluate(state).then((value) => `the page: ${JSON.stringify(value)}`, (error: unknown) => `the page did not answer: ${String(error)}`);
}

export interface RowLatencies {
  /** Answer to row, ms, one per create in order. */
  latencies: number[];
  clock: ClockOffset;
}

/**
 * Sequential Kirim creates; for each, the time from its whole answer (bench clock) to its row
 * entering the page's DOM (page clock, brought onto the bench's). The row is found by the journal
 * id, which the bench learns from its own event stream, matched by the label's name.
 */
export async function rowLatencies(traffic: TrafficPage, gatewayUrl: string, creates: number): Promise<RowLatencies> {
  const clock = await pageClockOffset(traffic.page);
  const stream = await openLiveStream(`${gatewayUrl}/__admin/events?operation=createLabel`);
  const agent = createAgent();
  const latencies: number[] = [];
  try {
    for (let n = 0; n < creates; n++) {
      const created = await timedCreate(gatewayUrl, agent);
      const { id } = await stream.waitFor(JSON.stringify(created.name), ROW_TIMEOUT_MS);
      const seenAt = await rowSeenAt(traffic.page, id);
      if (seenAt === undefined) throw new Error(`row ${id} (create ${n + 1}) was not on the page within ${ROW_TIMEOUT_MS} ms; ${await pageState(traffic.page)}`);
      latencies.push(seenAt - clock.offsetMs - created.answeredAt);
      await delay(GAP_MS);
    }
  } finally {
    stream.close();
    agent.destroy();
  }
  return { latencies, clock };
}
