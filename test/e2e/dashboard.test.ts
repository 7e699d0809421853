/**
 * The browser dashboard end to end: Debian's Chromium (driven by playwright-core) against a real
 * headless server (SQLite in a temp dir) syncing from the Hyperliquid and Bybit simulators on
 * loopback. A new user adds an account, watches it sync, and sees totals equal to the
 * simulator's truth to the cent; a new fill arrives live; a rejected key explains itself; the
 * reconciliation panel shows the exchange's own numbers beside ours, exactly as the API reports
 * them; a Bybit key is replaced, first wrongly (error next to the field), then rightly; a
 * Hyperliquid account with more fills than its API serves is completed by importing the web app's
 * CSV export (refused first for its browser time zone, then retried with the offset it names).
 * Screenshots land in test-output/screenshots/ for a person to look at.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { IMPORT_CSV_MAX_BYTES, type Account, type Daily, type Reconciliation } from '../../src-shared/schemas.ts';
import { notionalMicros } from '../../src-main/core/usd.ts';
import { startServer, type RunningServer } from '../../src-main/server/start.ts';
import { startBybitSimulator, type BybitSimulatorHandle } from '../sim/bybit/simulator.ts';
import { isSpotCoin } from '../sim/hyperliquid/fills.ts';
import { startHyperliquidSimulator, type HyperliquidSimulatorHandle } from '../sim/hyperliquid/simulator.ts';
import { hyperliquidExportCsv } from '../import/fixtures/hyperliquid-export.ts';
import { ensureRendererBuilt, navLink, needsChromium, openChromium, SCREENSHOTS, type ChromiumSession } from './support/chromium-session.ts';


const TOKEN = 'e2e-dashboard-token-0123456789abcdef';
const DAY_MS = 86_400_000;
/** Generous waits for UI states (a slow CI machine), never assertions about speed. */
const WAIT = { timeout: 60_000 };


const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const cents = (usd: number) => Math.round(usd * 100);

/** Σ volume in micro-dollars of truth days in [from, to]. */
function truthMicros(truth: Map<string, { volumeMicros: number }>, from: string, to: string): number {
  let micros = 0;
  for (const [day, totals] of truth) if (day >= from && day <= to) micros += totals.volumeMicros;
  return micros;
}

/** Σ volume in cents of truth days in [from, to]. */
const truthCents = (truth: Map<string, { volumeMicros: number }>, from: string, to: string) => Math.round(truthMicros(truth, from, to) / 10_000);

/**
 * Whole dollars as a headline writes them, rounded ONCE from the exact micro-dollars. Not from the
 * cents: $11,031,717.4997 is "$11,031,717", but its cents, 11,031,717.50, would round up to "…718"
 * (the simulator's total moves with the minute it starts; some minutes it lands there).
 */
const wholeUsd = (micros: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(Math.round(micros / 1_000_000));

async function api<T>(server: RunningServer, path: string, body?: unknown): Promise<T> {
  const answer = await fetch(`${server.url}/api/v1/${path}`, {
    headers: { Authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }),
  });
  assert.ok(answer.status >= 200 && answer.status < 300, `${path}: ${answer.status}`);
  return (await answer.json()) as T;
}

async function dataUsd(locator: Locator): Promise<number> {
  return Number(await locator.getAttribute('data-usd'));
}

async function statUsd(page: Page, label: string): Promise<number> {
  return Number(await page.getByTestId(`stat-${label}`).getAttribute('data-usd'));
}

/** "Sep 9, 2026": how the dashboard writes a UTC day (en-US). */
const longDay = (day: string) => new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

/** Waits for a heading that reads `expected` exactly; if none comes, fails with the headings the page shows instead. */
async function waitForHeading(page: Page, expected: string): Promise<void> {
  try {
    await page.waitForFunction((text) => [...document.querySelectorAll('h1, h2, h3')].some((h) => h.textContent === text), expected, WAIT);
  } catch (error) {
    const shown = await page.locator('h1, h2, h3').evaluateAll((hs) => hs.map((h) => h.textContent));
    assert.fail(`no heading reads ${JSON.stringify(expected)}; the page shows ${JSON.stringify(shown)} (${String(error)})`);
  }
}

async function waitForStatCents(page: Page, label: string, expectedCents: number): Promise<void> {
  await page.waitForFunction(
    ([testId, expected]) => {
      const value = document.querySelector(`[data-testid="${testId}"]`)?.getAttribute('data-usd');
      return value !== null && value !== undefined && Math.round(Number(value) * 100) === expected;
    },
    [`stat-${label}`, expectedCents] as const,
    WAIT,
  );
}

describe('dashboard in Chromium against the headless server', needsChromium(), () => {
  let hl: HyperliquidSimulatorHandle;
  /** A user with more fills than Hyperliquid's API serves (10,000): the rest come from the CSV export. */
  let hlBig: HyperliquidSimulatorHandle;
  let bybit: BybitSimulatorHandle;
  let server: RunningServer;
  let browser: ChromiumSession;
  let page: Page;
  let dataDir: string;
  const shot = (name: string) => browser.shot(name);

  before(async () => {
    ensureRendererBuilt();
    mkdirSync(SCREENSHOTS, { recursive: true });
    process.env.PERPVOL_MASTER_KEY ??= 'e2e-dashboard-master-key';
    hl = await startHyperliquidSimulator({ seed: 7, fillsPerAccount: 5_000, days: 45, accounts: 1 });
    hlBig = await startHyperliquidSimulator({ seed: 11, fillsPerAccount: 12_000, days: 60, accounts: 1 });
    bybit = await startBybitSimulator({ seed: 7, fillsPerAccount: 50, days: 5, accounts: 1 });
    server = await startServer({
      host: '127.0.0.1', port: 0, dataDir: (dataDir = mkdtempSync(join(tmpdir(), 'perpvol-e2e-'))), databaseUrl: null,
      apiToken: TOKEN, schedule: false, log: () => {},
    });
    browser = await openChromium({ width: 1280, height: 900 });
    page = browser.page;
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await hl?.close();
    await hlBig?.close();
    await bybit?.close();
  });

  it('greets a new user and tells them to add an account', async () => {
    await page.goto(`${server.url}/#token=${TOKEN}`);
    await page.getByText('Welcome to Perpvol').waitFor(WAIT);
    assert.ok(!page.url().includes(TOKEN), 'the token is removed from the address bar');
    await shot('01-welcome');
  });

  it('adds a Hyperliquid account and shows the sync progress', async () => {
    await page.getByRole('button', { name: 'Add your first account' }).click();
    await page.locator('#account-label').fill('HL main');
    await page.locator('#account-address').fill(hl.accounts[0]!.credentials['address']!);
    await page.getByRole('button', { name: 'Show advanced options' }).click();
    await page.locator('#account-baseUrl').fill(hl.baseUrl);
    // Slow answers keep the sync running long enough to be seen.
    hl.injectFaults('slow', 4);
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByTestId('sync-progress').waitFor(WAIT);
    // Screenshot the bar once it has moved (a page stored), if the sync has not already finished.
    await page.waitForFunction(() => {
      const bar = document.querySelector('[data-testid="sync-progress"] [role="progressbar"]');
      return bar === null || Number(bar.getAttribute('aria-valuenow')) > 0;
    }, undefined, WAIT);
    await shot('02-sync-progress');
    await page.getByText(/Synced [\d,]+ fills/).waitFor(WAIT);
    await shot('03-accounts-synced');
  });

  it('shows totals equal to the simulator’s truth, to the cent', async () => {
    await navLink(page, 'Overview').click();
    const truth = hl.accounts[0]!.truth();
    const now = Date.now();
    const today = utcDay(now);
    await waitForStatCents(page, 'All time', truthCents(truth, '0000-01-01', '9999-12-31'));
    assert.equal(cents(await statUsd(page, '30 days')), truthCents(truth, utcDay(now - 29 * DAY_MS), today));
    assert.equal(cents(await statUsd(page, '7 days')), truthCents(truth, utcDay(now - 6 * DAY_MS), today));
    assert.equal(cents(await statUsd(page, 'Today')), truthCents(truth, today, today));
    const exact = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2 }).format(truthCents(truth, '0000-01-01', '9999-12-31') / 100);
    assert.equal(await page.getByTestId('stat-All time').getAttribute('title'), exact, 'the headline shows whole dollars, its tooltip the cents');
    await shot('04-overview');
  });

  it('charts the daily volume with the same total', async () => {
    await navLink(page, 'Chart').click();
    const range = page.getByTestId('range');
    await range.getByRole('radio', { name: '90 days' }).click();
    // The pick took: the user sees 90 days selected (a click lost to a re-render fails here, by name).
    await range.locator('[role="radio"][aria-checked="true"]', { hasText: '90 days' }).waitFor(WAIT);
    const truth = hl.accounts[0]!.truth();
    const now = Date.now();
    const [from, to] = [utcDay(now - 89 * DAY_MS), utcDay(now)];
    const whole = wholeUsd(truthMicros(truth, from, to));
    // The title as the user reads it: the 90 days and their total (title and bars are drawn from one answer).
    await waitForHeading(page, `Total ${whole} · ${longDay(from)} – ${longDay(to)} (UTC)`);
    // The chart in words, for screen readers: the same total, linked to the canvas.
    assert.match(await page.getByTestId('daily-chart-summary').innerText(), new RegExp(`^Daily volume, .* \\(UTC\\): total ${whole.replace(/[$.]/g, '\\$&')}\\. Busiest day `));
    const canvas = page.getByTestId('daily-chart').locator('canvas');
    assert.equal(await canvas.getAttribute('aria-describedby', WAIT), 'daily-chart-summary');
    // The <canvas> is in the page (at the browser's default 300 × 150) a moment before chart.js sizes
    // it to its box, in an effect after React's commit: wait for the drawn size, then measure it.
    await page.waitForFunction(() => {
      const box = document.querySelector('[data-testid="daily-chart"] canvas')?.getBoundingClientRect();
      return box !== undefined && box.width > 300 && box.height > 300;
    }, undefined, WAIT);
    const box = await canvas.boundingBox();
    assert.ok(box && box.width > 300 && box.height > 300, 'the chart is drawn at a readable size');
    await page.mouse.move(box.x + box.width * 0.85, box.y + box.height * 0.7);
    await shot('05-daily-chart');
  });

  it('shows a new fill live, without a reload', async () => {
    await navLink(page, 'Overview').click();
    const before = cents(await statUsd(page, 'Today'));
    assert.ok(hl.accounts[0]!.trade(3) === 3);
    const today = utcDay(Date.now());
    const expected = truthCents(hl.accounts[0]!.truth(), today, today);
    assert.ok(expected > before, 'the simulator traded today');
    const answer = await fetch(`${server.url}/api/v1/sync`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, body: '{}' });
    assert.equal(answer.status, 202);
    await waitForStatCents(page, 'Today', expected);
    await shot('06-live-fill');
  });

  it('lists the fills, newest first', async () => {
    await navLink(page, 'Fills').click();
    const rows = page.getByTestId('fills-table').locator('tbody tr');
    await rows.first().waitFor(WAIT);
    assert.equal(await rows.count(), 50);
    await shot('07-fills');
  });

  it('explains a rejected API key next to the form, without echoing the secret', async () => {
    await navLink(page, 'Accounts').click();
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.locator('#account-exchange').selectOption('bybit');
    await page.locator('#account-label').fill('Bybit main');
    await page.locator('#account-apiKey').fill(bybit.accounts[0]!.credentials['apiKey']!);
    await page.locator('#account-apiSecret').fill('definitely-not-the-secret');
    await page.getByRole('button', { name: 'Show advanced options' }).click();
    await page.locator('#account-baseUrl').fill(bybit.baseUrl);
    await page.locator('form').getByRole('button', { name: 'Add account' }).click();
    const alert = page.locator('form [role="alert"]');
    await alert.waitFor(WAIT);
    const text = await alert.innerText();
    assert.match(text, /Bybit|key|signature/i);
    assert.ok(!text.includes('definitely-not-the-secret'));
    await shot('08-rejected-key');
  });

  it('compares our volume with Hyperliquid’s own report, number for number with the API', async () => {
    await navLink(page, 'Accounts').click();
    const { accounts } = await api<{ accounts: Account[] }>(server, 'accounts');
    const hlAccount = accounts.find((a) => a.exchange === 'hyperliquid')!;
    const panel = page.getByTestId(`reconciliation-${hlAccount.id}`);
    await panel.getByTestId('reconciliation-days').waitFor(WAIT);
    const truth = (await api<Reconciliation>(server, `volume/reconciliation?accountId=${hlAccount.id}`)).accounts[0]!;
    assert.ok(truth.reportedAllTimeUsd !== null && truth.days.length > 0, 'the simulator reports its own volume');
    await page.waitForFunction(
      ([testId, expected]) => Number(document.querySelector(`[data-testid="${testId}"] [data-testid="ours-all-time"]`)?.getAttribute('data-usd')) === expected,
      [`reconciliation-${hlAccount.id}`, truth.oursAllTimeUsd] as const,
      WAIT,
    );
    assert.equal(await dataUsd(panel.getByTestId('reported-all-time')), truth.reportedAllTimeUsd);
    const rows = panel.locator('[data-testid="reconciliation-days"] tbody tr');
    assert.equal(await rows.count(), truth.days.length);
    for (const day of truth.days) {
      const row = panel.locator(`tr[data-date="${day.date}"]`);
      assert.equal(await dataUsd(row.getByTestId('day-ours')), day.oursUsd, day.date);
      assert.equal(await dataUsd(row.getByTestId('day-reported')), day.reportedUsd, day.date);
      assert.equal(await row.getAttribute('data-mismatch') !== null, Math.abs(day.differenceUsd) >= 0.01, day.date);
    }
    const badge = page.getByTestId(`account-${hlAccount.id}`).getByTestId('reconciliation-badge');
    assert.match(await badge.innerText(), truth.mismatchedDays === 0 ? /Matches exchange ✓|All-time differs/ : new RegExp(`Differs on ${truth.mismatchedDays} day`));
    await shot('09-reconciliation');
  });

  it('replaces a Bybit key: a wrong secret is explained next to the field, the right one is taken', async () => {
    // Finish adding the Bybit account of the rejected-key test with the right secret.
    const secret = bybit.accounts[0]!.credentials['apiSecret']!;
    await page.locator('#account-apiSecret').fill(secret);
    await page.locator('form').getByRole('button', { name: 'Add account' }).click();
    await page.getByText('Bybit main').first().waitFor(WAIT);
    const { accounts } = await api<{ accounts: Account[] }>(server, 'accounts');
    const bybitAccount = accounts.find((a) => a.exchange === 'bybit')!;
    const card = page.getByTestId(`account-${bybitAccount.id}`);
    await card.getByRole('button', { name: 'Replace the key of Bybit main' }).click();
    const form = card.getByTestId(`replace-key-${bybitAccount.id}`);
    await form.locator(`#rotate-${bybitAccount.id}-apiKey`).fill(bybit.accounts[0]!.credentials['apiKey']!);
    await form.locator(`#rotate-${bybitAccount.id}-apiSecret`).fill('still-not-the-secret');
    await form.getByRole('button', { name: 'Replace key' }).click();
    const fieldError = form.locator(`#rotate-${bybitAccount.id}-apiSecret-error`);
    await fieldError.waitFor(WAIT);
    assert.match(await fieldError.innerText(), /secret/i);
    assert.ok(!(await form.innerText()).includes('still-not-the-secret'));
    assert.equal(await form.locator(`#rotate-${bybitAccount.id}-apiSecret`).getAttribute('aria-invalid'), 'true');
    await shot('10-replace-key-rejected');
    await form.locator(`#rotate-${bybitAccount.id}-apiSecret`).fill(secret);
    await form.getByRole('button', { name: 'Replace key' }).click();
    await card.getByTestId('key-replaced').waitFor(WAIT);
    assert.equal(await form.count(), 0, 'the form closes');
    await shot('11-replace-key-done');
  });

  describe('importing the CSV export of a Hyperliquid account with more fills than the API serves', () => {
    let accountId: string;
    let exportPath: string;
    const HOUR_MS = 3_600_000;
    const all = () => hlBig.accounts[0]!.allFills();
    const perpFills = () => all().filter((f) => !isSpotCoin(f.coin));
    const fullTruthUsd = () => perpFills().reduce((micros, f) => micros + notionalMicros(f.px, f.sz), 0) / 1e6;
    const int = (n: number) => new Intl.NumberFormat('en-US').format(n);
    /** Fills stored for the account (the API's, before the import). */
    const storedTrades = async () => {
      const daily = await api<Daily>(server, `volume/daily?from=${utcDay(all()[0]!.time - DAY_MS)}&to=${utcDay(Date.now() + DAY_MS)}&accountId=${accountId}`);
      return daily.total.reduce((sum, day) => sum + day.trades, 0);
    };

    before(() => {
      // The web app writes times in the browser's zone: this user's browser was on UTC+2.
      const shifted = all().map((f) => ({ ...f, time: f.time + 2 * HOUR_MS }));
      exportPath = join(dataDir, 'hyperliquid-trade-history.csv');
      writeFileSync(exportPath, hyperliquidExportCsv(shifted, { lineEnd: '\r\n' }));
    });

    it('syncs the 10,000 fills the API serves and says the older ones are missing', async () => {
      const account = await api<Account>(server, 'accounts', {
        exchange: 'hyperliquid', label: 'HL whale', credentials: { address: hlBig.accounts[0]!.address }, baseUrl: hlBig.baseUrl,
      });
      accountId = account.id;
      await api(server, 'sync', { accountIds: [accountId] });
      await navLink(page, 'Accounts').click();
      const notice = page.getByTestId(`reconciliation-${accountId}`).getByTestId(`history-notice-${accountId}`);
      await notice.waitFor(WAIT);
      assert.match(await notice.innerText(), /only serves your 10,000 most recent fills; fills before .* are missing/);
      const badge = page.getByTestId(`account-${accountId}`).getByTestId('reconciliation-badge');
      assert.match(await badge.innerText(), /All-time differs|Differs on/);
      await notice.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOTS, '13-missing-history.png') });
    });

    it('refuses the file while its times are off, names the offset, and imports it with one click', async () => {
      const section = page.getByTestId(`reconciliation-${accountId}`);
      await section.getByRole('button', { name: 'Import a CSV export into HL whale' }).click();
      const form = section.getByTestId('import-form');
      const fileInput = form.getByLabel('CSV export', { exact: true });
      await fileInput.focus();
      assert.equal(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type), 'file', 'the file input is reachable by keyboard');
      await fileInput.setInputFiles(exportPath);
      await form.getByRole('button', { name: 'Import', exact: true }).click();
      const error = form.getByTestId('import-error');
      await error.waitFor(WAIT);
      assert.match(await error.innerText(), /match no synced fill[\s\S]*--utc-offset \+02:00/);
      assert.doesNotMatch(await error.innerText(), /import_times_mismatch/, 'a sentence for a person, not the code');
      assert.equal(await error.getByRole('alert').getAttribute('data-code'), 'import_times_mismatch');
      await error.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOTS, '14-import-times-mismatch.png') });

      const storedBefore = await storedTrades();
      await form.getByRole('button', { name: 'Retry with +02:00' }).click();
      const result = form.getByTestId('import-result');
      await result.waitFor(WAIT);
      assert.equal(await form.locator('input[placeholder^="+02:00"]').inputValue(), '+02:00', 'the offset used is shown');
      const perp = perpFills().length;
      const imported = perp - storedBefore;
      assert.ok(imported > 1_000, `${imported} older fills`);
      const text = await result.innerText();
      assert.match(text, new RegExp(`^✓ Imported ${int(imported)} fills from a file spanning .* to .*; ${int(perp - imported)} already stored; ${int(all().length - perp)} non-perp rows? skipped\\.$`));
    });

    it('then matches Hyperliquid’s own report: the all-time total is the whole history, to the cent', async () => {
      const badge = page.getByTestId(`account-${accountId}`).getByTestId('reconciliation-badge');
      await page.waitForFunction((id) => document.querySelector(`[data-testid="account-${id}"] [data-testid="reconciliation-badge"]`)?.textContent?.startsWith('Matches exchange ✓'), accountId, WAIT);
      assert.equal(await badge.getAttribute('data-tone'), 'ok');
      const section = page.getByTestId(`reconciliation-${accountId}`);
      assert.equal(cents(await dataUsd(section.getByTestId('ours-all-time'))), Math.round(fullTruthUsd() * 100));
      assert.equal(cents(await dataUsd(section.getByTestId('reported-all-time'))), Math.round(fullTruthUsd() * 100));
      assert.equal(await section.getByTestId(`history-notice-${accountId}`).count(), 0, 'nothing is missing any more');
      assert.equal(await storedTrades(), perpFills().length, 'every perp fill stored once');
      assert.equal(await page.getByTestId(`account-${accountId}`).getByTestId('account-warning').count(), 0, 'the card no longer says fills are missing');
      assert.ok(await section.getByTestId('import-result').isVisible(), 'the result stays in view');
      await shot('15-import-done');
    });

    it('refuses a file over 50 MB before uploading, and counts nothing twice when the file is imported again', async () => {
      const card = page.getByTestId(`account-${accountId}`);
      await card.getByRole('button', { name: 'Import a CSV export into HL whale' }).click();
      const form = card.getByTestId('import-form');
      const huge = join(dataDir, 'everything.csv');
      writeFileSync(huge, '');
      truncateSync(huge, IMPORT_CSV_MAX_BYTES + 1024 * 1024); // sparse: 51 MB on paper, nothing on disk
      await form.getByLabel('CSV export', { exact: true }).setInputFiles(huge);
      await form.getByText('everything.csv is 51.0 MB; Perpvol imports files up to 50 MB.', { exact: false }).waitFor(WAIT);
      assert.equal(await form.getByRole('button', { name: 'Import', exact: true }).isDisabled(), true);
      await form.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOTS, '16-import-too-large.png') });

      // Hold the upload at the server's door long enough to see the busy state.
      let release = () => {};
      const held = new Promise<void>((resolve) => { release = resolve; });
      await page.route('**/import', async (route) => { await held; await route.continue(); });
      await form.getByRole('button', { name: 'Show advanced options' }).click();
      await form.getByLabel("UTC offset of the file's times", { exact: true }).fill('+02:00');
      await form.getByLabel('CSV export', { exact: true }).setInputFiles(exportPath);
      await form.getByRole('button', { name: 'Import', exact: true }).click();
      const busy = form.getByRole('button', { name: 'Importing…' });
      await busy.waitFor(WAIT);
      assert.equal(await busy.isDisabled(), true, 'no second upload while one runs');
      assert.equal(await form.getByLabel('CSV export', { exact: true }).isDisabled(), true);
      await form.getByRole('progressbar', { name: 'Importing the file' }).waitFor(WAIT);
      await page.screenshot({ path: join(SCREENSHOTS, '17-import-uploading.png') });
      release();
      const result = form.getByTestId('import-result');
      await result.waitFor(WAIT);
      await page.unroute('**/import');
      assert.match(await result.innerText(), new RegExp(`^✓ Nothing new: all ${int(perpFills().length)} fills of the file were already stored`));
      await shot('18-import-again');
    });
  });

  it('has a dark theme and no console errors (CSP included)', async () => {
    await navLink(page, 'Overview').click();
    const theme = page.getByRole('button', { name: /Change theme/ });
    await theme.click(); // system → light
    await theme.click(); // light → dark
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('dark')), true);
    await page.getByTestId('stat-Today').waitFor(WAIT);
    await shot('12-overview-dark');
    await navLink(page, 'Accounts').click();
    await page.getByRole('button', { name: 'Import a CSV export into HL whale' }).first().click();
    await page.getByTestId('import-form').getByRole('button', { name: 'Show advanced options' }).click();
    await shot('19-accounts-import-dark');
    // The 422 of the rejected key and the 400 of the refused import are expected; anything else (a CSP violation, a 404) is a bug.
    assert.deepEqual(browser.consoleErrors.filter((e) => !/Failed to load resource.*422/.test(e) && !/Failed to load resource.*400.*\/import\)$/.test(e)), []);
  });

  it('says when the server is gone, and reloads the numbers when it is back', async () => {
    await navLink(page, 'Overview').click();
    await page.getByTestId('stat-Today').waitFor(WAIT);
    const before = (await api<{ today: { volumeUsd: number } }>(server, 'volume/summary')).today.volumeUsd;
    const port = Number(new URL(server.url).port);
    // the banner names the command health told the page when it opened: stop the server only once it knows
    await page.locator('[data-testid="connection-status"][data-started-with="perpvol serve"]').waitFor({ state: 'attached', ...WAIT });
    await server.close();
    const banner = page.getByTestId('connection-lost');
    await banner.waitFor(WAIT);
    assert.match(await banner.innerText(), /Connection to the Perpvol server lost/);
    // Started here as `perpvol serve` would be (npm names no script of ours): the banner says that command.
    assert.match(await banner.innerText(), /check that perpvol serve is still running/);
    await shot('20-connection-lost');
    // Fills stored while the dashboard could not hear about them must show once it is back.
    assert.ok(hl.accounts[0]!.trade(2) === 2);
    server = await startServer({ host: '127.0.0.1', port, dataDir, databaseUrl: null, apiToken: TOKEN, schedule: false, log: () => {} });
    await api(server, 'sync', {});
    await banner.waitFor({ state: 'detached', ...WAIT });
    // Today sums every account: the API's own answer, once the sync has stored the new fills, is what the page must show.
    let todayUsd = before;
    while (todayUsd === before) {
      todayUsd = (await api<{ today: { volumeUsd: number } }>(server, 'volume/summary')).today.volumeUsd;
      if (todayUsd === before) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await waitForStatCents(page, 'Today', cents(todayUsd));
  });
});
