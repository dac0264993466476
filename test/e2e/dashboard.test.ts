import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { profileOf, uniqueName } from '../support/dialect-profiles';
import { launchChromium } from '../../bench/headless-chromium';
import { startStubUpstream, type StubUpstream } from '../support/stub-upstream';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- admin JSON as the page reads it

/*
 * The dashboard, driven in a real headless Chromium (playwright-core + @sparticuz/chromium): one
 * browser for the file, one gateway with an admin token that mocks some dialects, passes Kirim
 * through to an upstream that breaks Kirim's contract, and translates Jasni to a mocked Kirim.
 * Every view's screenshot goes to test-output/dashboard/ for a reviewer to look at.
 */

const TOKEN = 'dashboard-admin-token-5c2e';
const ADMIN = { Authorization: `Bearer ${TOKEN}` };
const OUTPUT = path.join(__dirname, '..', '..', 'test-output', 'dashboard');
const DESKTOP = { width: 1280, height: 800 };

let browser: Browser;
let vendors: TestGateway;
let stub: StubUpstream;
let gateway: TestGateway;
let context: BrowserContext;
let page: Page;
/** Every console error and uncaught exception of the page, including content-security-policy refusals. */
const pageErrors: string[] = [];

beforeAll(async () => {
  fs.mkdirSync(OUTPUT, { recursive: true });
  [browser, vendors, stub] = await Promise.all([
    launchChromium(),
    startTestGateway(),
    // Answers every Kirim list with `data` that is not a list: a contract finding on each exchange.
    startStubUpstream((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: 'not a list', has_more: false, request_id: 'req_01HXYZABCDEFGHJKMNPQRSTVWX' }));
    }),
  ]);
  gateway = await startTestGateway({
    adminToken: TOKEN,
    proxy: {
      contract: 'report',
      upstreamTimeoutMs: 2000,
      routes: {
        kirim: { upstream: `${stub.url}/kirim` },
        jasni: { upstream: `${vendors.url}/kirim`, as: 'kirim', credential: 'Bearer sk_dashboard_upstream' },
      },
    },
  });
  context = await newContext({ httpCredentials: { username: 'admin', password: TOKEN } });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([gateway?.stop(), vendors?.stop(), stub?.close()]);
});

/** A fixed locale: this machine's (`en-US@posix`) is not one a browser accepts, and the chart library asks for it. */
function newContext(options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: DESKTOP, locale: 'en-US', colorScheme: 'light', ...options });
}

const snap = (target: Page, name: string) => target.screenshot({ path: path.join(OUTPUT, `${name}.png`) });
const newestExchange = async (query = ''): Promise<Body> => (await request(gateway.url).get(`/__admin/requests?limit=1${query}`).set(ADMIN).expect(200)).body.requests[0];
const stateNow = async (): Promise<Body> => (await request(gateway.url).get('/__admin/state').set(ADMIN).expect(200)).body;
const rowOf = (id: number) => page.locator(`table.traffic tbody tr[data-id="${id}"]`);

async function call(method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<Response> {
  const res = await fetch(`${gateway.url}${url}`, { method, headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
  await res.arrayBuffer();
  return res;
}

async function openView(name: string): Promise<void> {
  await page.click(`#tab-${name}`);
  await page.locator(`#view-${name}`).waitFor({ state: 'visible' });
}

describe('the dashboard at /__admin/ui', () => {
  it('with an admin token set, the page without it is a 401, and the browser is asked for it', async () => {
    const anonymous = await newContext();
    try {
      const response = await (await anonymous.newPage()).goto(`${gateway.url}/__admin/ui`);
      expect(response?.status()).toBe(401);
      expect(await response?.headerValue('www-authenticate')).toMatch(/Basic realm="label-gateway admin"/);
    } finally {
      await anonymous.close();
    }
    await request(gateway.url).get('/__admin/ui/app.js').expect(401);
    // A Basic password is taken as the token, and checked like one.
    await request(gateway.url).get('/__admin/ui').auth('anyone', `${TOKEN}x`).expect(401);
    await request(gateway.url).get('/__admin/requests').auth('anyone', TOKEN).expect(200);
  });

  // How fast the row appears (the "within a second") is measured by `npm run bench -- --only live`,
  // not here: a timed assertion fails on a loaded CI machine without saying anything about the page.
  it('shows traffic made with fetch in the table as it happens, newest first', async () => {
    const response = await page.goto(`${gateway.url}/__admin/ui#traffic`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("connect-src 'self'");
    await page.locator('#connection[data-kind="ok"]').waitFor();

    const attention = profileOf('attention-v2');
    const rows = page.locator('table.traffic tbody tr');
    expect(await rows.count()).toBe(0);
    expect((await call('POST', attention.collection, attention.auth('dashboard'), attention.createBody(uniqueName('live')))).status).toBe(201);
    // Without a reload: the row comes from the event stream.
    await rows.first().waitFor({ timeout: 10_000 });
    const created = await newestExchange();
    expect(await rows.first().getAttribute('data-id')).toBe(String(created.id));
    const cells = await rowOf(created.id).locator('td').allInnerTexts();
    expect(cells.slice(1, 7)).toEqual(['POST', attention.collection, 'attention-v2', 'mock', 'createLabel', '201']);
  });

  it('puts a contract finding and a lost field on their rows, and highlights them when the row is opened', async () => {
    const kirim = profileOf('kirim');
    expect((await call('GET', kirim.collection, kirim.auth('dashboard'))).status).toBe(200);
    const offContract = await newestExchange('&dialect=kirim');
    expect(offContract.violations.length).toBeGreaterThan(0);
    const jasni = profileOf('jasni');
    expect((await call('POST', jasni.collection, jasni.auth('dashboard'), { name: uniqueName('lost colour'), color: '#123456' })).status).toBe(201);
    const translated = await newestExchange('&dialect=jasni');
    expect(translated.lostFields).toEqual(['color']);

    const [violation] = offContract.violations;
    await rowOf(offContract.id).waitFor({ timeout: 10_000 });
    expect(await rowOf(offContract.id).locator('.badge.finding').first().innerText()).toBe(`response: ${violation.message}`);
    await rowOf(translated.id).waitFor({ timeout: 10_000 });
    expect(await rowOf(translated.id).locator('.badge.lost').innerText()).toBe('lost: color');

    // By keyboard: the row's button opens it, Escape closes it and gives the focus back.
    await rowOf(translated.id).locator('button').focus();
    await page.keyboard.press('Enter');
    await page.locator('.detail').waitFor({ state: 'visible' });
    expect(await page.locator('.detail mark.lost').allInnerTexts()).toEqual(['"color"']);
    await page.keyboard.press('Escape');
    await page.locator('.detail').waitFor({ state: 'hidden' });
    expect(await rowOf(translated.id).locator('button:focus').count()).toBe(1);

    await rowOf(offContract.id).click();
    expect(await page.locator('.detail mark.finding').count()).toBe(1);
    expect(await page.locator('.detail .callout.finding li').first().innerText()).toBe(`response: ${violation.message}`);
    await snap(page, 'traffic-detail');
    await page.keyboard.press('Escape');
  });

  it('filters by dialect through the journal filters, and pauses', async () => {
    await page.selectOption('#view-traffic select[name="dialect"]', 'kirim');
    await page.locator('#connection[data-kind="ok"]').waitFor();
    await page.locator('table.traffic tbody tr').first().waitFor();
    const dialects = await page.locator('table.traffic tbody tr td:nth-child(4)').allInnerTexts();
    expect(new Set(dialects)).toEqual(new Set(['kirim']));
    await page.selectOption('#view-traffic select[name="dialect"]', '');
    await page.locator('#connection[data-kind="ok"]').waitFor();

    await page.click('#view-traffic button[aria-pressed]');
    const supersend = profileOf('supersend-v2');
    await call('GET', supersend.collection, supersend.auth('paused'));
    const whilePaused = await newestExchange();
    await page.locator('.pending', { hasText: '1 new while paused' }).waitFor({ timeout: 10_000 });
    expect(await rowOf(whilePaused.id).count()).toBe(0);
    await page.click('#view-traffic button[aria-pressed="true"]');
    await rowOf(whilePaused.id).waitFor({ timeout: 10_000 });
    await page.locator('.charts figcaption', { hasText: 'exchanges in the last' }).waitFor();
    await snap(page, 'traffic');
  });

  it('arms a fault from the form: the next create answers 429, and the fault’s count rises', async () => {
    await openView('faults');
    const form = page.locator('form.fault-form');
    await form.locator('select[name="dialect"]').selectOption('supersend-v2');
    await form.locator('select[name="operation"]').selectOption('createLabel');
    await form.getByRole('button', { name: 'Rate limited (429, Retry-After 2)' }).click();
    await form.getByRole('button', { name: 'Arm fault' }).click();
    // The click returns before the POST is answered: the page says when it is.
    await page.locator('p.message', { hasText: /^Armed flt_/ }).waitFor({ timeout: 10_000 });
    const {
      faults: [fault],
    } = (await request(gateway.url).get('/__admin/faults').set(ADMIN).expect(200)).body;
    expect(fault).toMatchObject({ dialect: 'supersend-v2', operation: 'createLabel', respond: { status: 429, retryAfter: 2 }, fired: 0 });
    const firedCell = page.locator(`table.faults tr[data-id="${fault.id}"] td.fired`);
    await firedCell.waitFor();
    expect(await firedCell.innerText()).toBe('0');

    const supersend = profileOf('supersend-v2');
    const limited = await call('POST', supersend.collection, supersend.auth('dashboard'), supersend.createBody(uniqueName('limited')));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    await page.locator(`table.faults tr[data-id="${fault.id}"] td.fired`, { hasText: /^1$/ }).waitFor({ timeout: 10_000 });

    // The gateway's own refusal is shown next to the field it names, and nothing is armed.
    await form.locator('input[name="probability"]').fill('2');
    await form.getByRole('button', { name: 'Arm fault' }).click();
    const error = page.locator('.fault-form .field[data-field="probability"] .field-error');
    await error.waitFor();
    expect(await error.innerText()).toBe('probability must be a number from 0 to 1.');
    expect((await request(gateway.url).get('/__admin/faults').set(ADMIN)).body.faults).toHaveLength(1);
    await snap(page, 'faults');

    await page.getByRole('button', { name: `Disarm ${fault.id}` }).click();
    await page.locator('table.faults tbody tr').first().waitFor({ state: 'detached' });
    expect((await request(gateway.url).get('/__admin/faults').set(ADMIN)).body.faults).toEqual([]);
  });

  it('puts a rate limit in force from the form: past it the dialect answers 429; lifted, it answers again', async () => {
    await openView('faults');
    const form = page.locator('form.rate-limit-form');
    await form.locator('select[name="dialect"]').selectOption('kirim');
    await form.locator('input[name="limit"]').fill('0');
    await form.getByRole('button', { name: 'Put limit in force' }).click();
    const error = form.locator('.field[data-field="limit"] .field-error');
    await error.waitFor();
    expect(await error.innerText()).toBe('limit must be a whole number of requests from 1 to 1000000.');
    expect((await request(gateway.url).get('/__admin/rate-limits').set(ADMIN).expect(200)).body.rateLimits.kirim).toBeUndefined();

    await form.locator('input[name="limit"]').fill('2');
    await form.locator('input[name="windowSeconds"]').fill('60');
    await form.getByRole('button', { name: 'Put limit in force' }).click();
    await page.locator('p.message', { hasText: 'kirim: 2 requests per credential every 60 s.' }).waitFor({ timeout: 10_000 });
    const row = page.locator('table.rate-limits tr[data-dialect="kirim"]');
    await row.waitFor({ timeout: 10_000 });
    expect(await row.locator('td').allInnerTexts()).toEqual(['kirim', '2', '60', 'Lift']);
    expect((await request(gateway.url).get('/__admin/rate-limits/kirim').set(ADMIN).expect(200)).body).toEqual({ dialect: 'kirim', limit: 2, windowSeconds: 60 });

    const kirim = profileOf('kirim');
    const statuses = [];
    for (let n = 0; n < 3; n++) statuses.push((await call('GET', kirim.collection, kirim.auth('dashboard-limited'))).status);
    expect(statuses).toEqual([200, 200, 429]);
    await row.scrollIntoViewIfNeeded();
    await snap(page, 'rate-limits');

    await page.getByRole('button', { name: 'Lift the kirim limit' }).click();
    await row.waitFor({ state: 'detached' });
    expect((await call('GET', kirim.collection, kirim.auth('dashboard-limited'))).status).toBe(200);
  });

  it('exports the state to a file, resets only once confirmed, and imports the file back identical', async () => {
    const v1 = profileOf('supersend-v1');
    const created = await fetch(`${gateway.url}${v1.collection}`, { method: 'POST', headers: { ...v1.auth('state'), 'Content-Type': 'application/json' }, body: JSON.stringify(v1.createBody(uniqueName('kept'))) });
    const keptId = v1.idOf(await created.json());
    expect((await call('POST', '/supersend/v1/labels/conversation', v1.auth('state'), { label_id: keptId, conversation_id: 'conversation-1' })).status).toBe(200);
    const gone = await fetch(`${gateway.url}${v1.collection}`, { method: 'POST', headers: { ...v1.auth('state'), 'Content-Type': 'application/json' }, body: JSON.stringify(v1.createBody(uniqueName('deleted'))) });
    expect((await call('DELETE', `${v1.collection}/${v1.idOf(await gone.json())}`, v1.auth('state'))).status).toBe(200);

    await openView('state');
    await page.locator('tr.deleted').first().waitFor();
    expect(await page.locator('table.assignments tbody tr').first().innerText()).toContain('conversation-1');
    const before = await stateNow();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
    const exportedFile = path.join(OUTPUT, 'exported-state.json');
    await download.saveAs(exportedFile);
    expect(JSON.parse(fs.readFileSync(exportedFile, 'utf8'))).toEqual(before);
    await snap(page, 'state');

    // A reset asks first; cancelling it changes nothing.
    await page.getByRole('button', { name: 'Reset…' }).click();
    await page.locator('dialog#confirm[open]').waitFor();
    await snap(page, 'state-reset-confirmation');
    expect(await stateNow()).toEqual(before);
    await page.locator('dialog#confirm').getByRole('button', { name: 'Cancel' }).click();
    await page.locator('dialog#confirm').waitFor({ state: 'hidden' });
    expect(await stateNow()).toEqual(before);
    await page.getByRole('button', { name: 'Reset…' }).click();
    await page.locator('dialog#confirm').getByRole('button', { name: 'Reset everything' }).click();
    await page.locator('.message', { hasText: 'Reset: attention, kirim, supersend, jasni.' }).waitFor();
    const emptied = await stateNow();
    expect(Object.values(emptied.vendors as Record<string, Body>).every((vendor) => Object.keys(vendor.tenants).length === 0)).toBe(true);

    await page.setInputFiles('input[type="file"]', exportedFile);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.locator('.message', { hasText: 'Imported exported-state.json' }).waitFor();
    expect(await stateNow()).toEqual(before);

    // A file the gateway refuses: its message, naming the place in the file, beside the field.
    const broken = JSON.parse(fs.readFileSync(exportedFile, 'utf8'));
    const tenant = Object.values(broken.vendors.supersend.tenants)[0] as Body;
    tenant.labels[0].name = 42;
    const brokenFile = path.join(OUTPUT, 'broken-state.json');
    fs.writeFileSync(brokenFile, JSON.stringify(broken));
    const refusal = (await request(gateway.url).put('/__admin/state').set(ADMIN).send(broken).expect(400)).body;
    await page.setInputFiles('input[type="file"]', brokenFile);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const importError = page.locator('.field[data-field="import"] .field-error');
    await importError.waitFor();
    expect(await importError.innerText()).toBe(`${refusal.path}: ${refusal.reason}`);
    expect(await stateNow()).toEqual(before);
  });

  it('shows coverage as the admin route reports it', async () => {
    // The reset above forgot the traffic, and coverage with it: this create is all there is.
    const attention = profileOf('attention-v2');
    expect((await call('POST', attention.collection, attention.auth('coverage'), attention.createBody(uniqueName('covered')))).status).toBe(201);
    await openView('coverage');
    await page.locator('section[data-dialect="attention-v2"] tr[data-operation="createLabel"] .chip.on').waitFor();
    const report = (await request(gateway.url).get('/__admin/coverage').set(ADMIN).expect(200)).body;
    const exercised = report.dialects.reduce((total: number, dialect: Body) => total + dialect.summary.statusesExercised, 0);
    expect(await page.locator('.chip.on').count()).toBe(exercised);
    expect(await page.locator('section[data-dialect="attention-v2"] tr[data-operation="createLabel"] .chip.on').innerText()).toBe('✓ 201');
    await snap(page, 'coverage');

    // Starting over forgets the journal, and coverage with it, once confirmed.
    await page.getByRole('button', { name: 'Start over…' }).click();
    await page.locator('dialog#confirm').getByRole('button', { name: 'Forget the traffic' }).click();
    await page.locator('#view-coverage .message', { hasText: 'Forgot' }).waitFor();
    expect(await page.locator('.chip.on').count()).toBe(0);
    const forgotten = (await request(gateway.url).get('/__admin/coverage').set(ADMIN).expect(200)).body;
    expect(forgotten.dialects.every((dialect: Body) => dialect.summary.operationsExercised === 0)).toBe(true);
  });

  it('shows how each dialect is served, and each upstream as last seen', async () => {
    await openView('routes');
    const kirim = page.locator('table.routes tr[data-dialect="kirim"]');
    await kirim.waitFor();
    expect(await kirim.innerText()).toContain('pass-through');
    expect(await kirim.innerText()).toContain(`${stub.url}/kirim`);
    expect(await kirim.locator('.badge.health-answering').innerText()).toBe('answering 200');
    expect(await page.locator('table.routes tr[data-dialect="jasni"] .badge.route-translation').innerText()).toBe('translation to kirim');
    expect(await page.locator('table.routes tr[data-dialect="attention-v2"] .badge.route-mock').innerText()).toBe('mock');
    await snap(page, 'routes');
  });

  it('moves between views with the arrow keys, Home and End', async () => {
    // Where the page is: its hash, the focused element, the selected tab.
    const where = () => page.evaluate("[location.hash, document.activeElement.id, document.querySelector('[role=tab][aria-selected=true]').id]");
    await page.focus('#tab-routes');
    await page.keyboard.press('Home');
    expect(await where()).toEqual(['#traffic', 'tab-traffic', 'tab-traffic']);
    await page.keyboard.press('ArrowRight');
    expect(await where()).toEqual(['#state', 'tab-state', 'tab-state']);
    await page.keyboard.press('End');
    expect(await where()).toEqual(['#routes', 'tab-routes', 'tab-routes']);
    expect(await page.locator('#view-traffic').isHidden()).toBe(true);
  });

  it('reads in the dark colour scheme, and on a narrow window without sideways scrolling', async () => {
    // Evaluated in the page, as text: this project compiles without the DOM's types.
    const background = (target: Page) => target.evaluate('getComputedStyle(document.body).backgroundColor');
    const dark = await newContext({ colorScheme: 'dark', httpCredentials: { username: 'admin', password: TOKEN } });
    const narrow = await newContext({ viewport: { width: 390, height: 844 }, httpCredentials: { username: 'admin', password: TOKEN } });
    try {
      await call('GET', '/kirim/v1/nowhere', profileOf('kirim').auth('dark'));
      const darkPage = await dark.newPage();
      await darkPage.goto(`${gateway.url}/__admin/ui#traffic`);
      await darkPage.locator('table.traffic tbody tr').first().waitFor();
      expect(await background(darkPage)).not.toBe(await background(page));
      await snap(darkPage, 'traffic-dark');

      const narrowPage = await narrow.newPage();
      for (const view of ['traffic', 'state', 'faults', 'coverage', 'routes']) {
        await narrowPage.goto(`${gateway.url}/__admin/ui#${view}`);
        await narrowPage.locator(`#view-${view}`).waitFor({ state: 'visible' });
        await narrowPage.waitForTimeout(150);
        expect({ view, overflow: await narrowPage.evaluate('document.documentElement.scrollWidth - window.innerWidth') }).toEqual({ view, overflow: 0 });
      }
      await narrowPage.goto(`${gateway.url}/__admin/ui#traffic`);
      await narrowPage.locator('table.traffic tbody tr').first().waitFor();
      await snap(narrowPage, 'traffic-narrow');
    } finally {
      await Promise.all([dark.close(), narrow.close()]);
    }
  });

  it('serves a gateway without a token to its own machine', async () => {
    const local = await newContext();
    try {
      const localPage = await local.newPage();
      expect((await localPage.goto(`${vendors.url}/__admin/ui#routes`))?.status()).toBe(200);
      await localPage.locator('table.routes tbody tr').nth(4).waitFor();
      expect(await localPage.locator('table.routes .badge.route-mock').count()).toBe(5);
    } finally {
      await local.close();
    }
  });

  it('ran without a script error or a refused resource', () => {
    // The three 400s are the refusals asked for above (a fault with probability 2, a rate limit of 0, a broken state file).
    const unexpected = pageErrors.filter((error) => error !== 'Failed to load resource: the server responded with a status of 400 (Bad Request)');
    expect(unexpected).toEqual([]);
    expect(pageErrors).toHaveLength(3);
  });
});
