/**
 * Every page as a trader sees it, end to end: Debian's Chromium (playwright-core) against a real
 * headless server backfilling one account per exchange from the demo's simulators (two years of
 * shaped history). While the first sync runs, the overview marks the windows it has not reached as
 * partial; then every page, at 1440 px and 390 px, light and dark, has an h1 and a title, never
 * scrolls sideways, and is photographed into test-output/screenshots/views-*.png for a person to
 * look at. An exchange keeps its colour on every range; the chart's view survives a reload and a
 * copied link; a tap on a phone opens a bar; the banner names the command that started the server.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Page } from 'playwright-core';
import type { Account, SyncStatus } from '../../src-shared/schemas.ts';
import type { RunningServer } from '../../src-main/server/start.ts';
import type { DemoSimulators } from '../sim/demo/demo-simulators.ts';
import { pageMoves, startDemoDashboard, type DemoDashboard } from './support/demo-dashboard.ts';
import { CHROMIUM, CHROMIUM_ARGS, needsChromium, openChromium, SCREENSHOTS, type ChromiumSession } from './support/chromium-session.ts';

const TOKEN = 'e2e-views-token-0123456789abcdefghij';
/** Generous waits for UI states (a slow CI machine), never assertions about speed. */
const WAIT = { timeout: 90_000 };

/** The colours the dashboard promises for each exchange (src-renderer/src/lib/series-colors.ts), written out independently. */
const EXCHANGE_LIGHT = { bybit: '#d97706', woox: '#2563eb', hyperliquid: '#0d9488', paradex: '#7c3aed' } as const;
const EXCHANGE_DARK = { bybit: '#f59e0b', woox: '#60a5fa', hyperliquid: '#2dd4bf', paradex: '#a78bfa' } as const;

const PAGES = [
  { id: 'overview', h1: 'Where you stand', ready: '[data-testid="stat-All time"][data-usd]' },
  { id: 'tiers', h1: 'Fee tiers', ready: '[data-testid^="tier-card-"]' },
  { id: 'daily', h1: 'Volume chart', ready: '[data-testid="daily-chart"] canvas' },
  { id: 'accounts', h1: 'Accounts', ready: '[data-testid^="account-volume-"] [data-usd]' },
  { id: 'fills', h1: 'Fills', ready: '[data-testid="fill-time"]:visible, [data-testid="fills-list"] li:visible' },
] as const;


describe('every page at desktop and phone width, light and dark', needsChromium(), () => {
  let demo: DemoDashboard;
  let sims: DemoSimulators;
  let server: RunningServer;
  let browser: ChromiumSession;
  let page: Page;

  const api = <T,>(path: string, body?: unknown): Promise<T> => demo.api<T>(path, body);
  const shot = (name: string) => browser.shot(name);
  const moves = pageMoves(() => page);
  const sideways = () => moves.sideways();
  const open = (hash: string, theme: 'light' | 'dark') => moves.open(hash, theme);
  const colours = () => moves.colours();

  before(async () => {
    demo = await startDemoDashboard('views', TOKEN);
    ({ sims, server } = demo);
    browser = await openChromium({ width: 1440, height: 900 });
    page = browser.page;
  });

  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('marks the windows a running backfill has not reached as partial, then drops the mark', async () => {
    const bybit = sims.exchanges.find((e) => e.exchange === 'bybit')!;
    // Slow answers keep Bybit's forward walk (two years ago → now) short of the last 30 days for a while.
    bybit.sim.injectFaults('slow', 60);
    await page.goto(`${server.url}/#token=${TOKEN}`);
    await api('sync', {});
    const thirty = page.getByTestId('stat-30 days');
    await page.locator('[data-testid="stat-30 days"][data-partial]').waitFor(WAIT);
    await page.getByTestId('backfill-notice').waitFor(WAIT);
    assert.match(await page.getByTestId('backfill-notice').innerText(), /Demo bybit \(backfilling \d+%\)/);
    assert.match(await thirty.locator('xpath=..').innerText(), /partial/);
    await shot('views-overview-backfilling-1440-light');
    bybit.sim.clearFaults();
    for (;;) {
      const { accounts } = await api<{ accounts: SyncStatus[] }>('sync');
      if (accounts.some((s) => s.state === 'error')) throw new Error(`sync failed: ${JSON.stringify(accounts)}`);
      if (accounts.length === 4 && accounts.every((s) => s.state === 'done')) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    await page.locator('[data-testid="stat-30 days"]:not([data-partial])').waitFor(WAIT);
    assert.equal(await page.getByTestId('backfill-notice').count(), 0);
  });

  for (const theme of ['light', 'dark'] as const) {
    for (const width of [1440, 390]) {
      it(`shows every page at ${width} px in ${theme}, with an h1 and a title, without sideways scrolling`, async () => {
        await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
        for (const { id, h1, ready } of PAGES) {
          await open(`#/${id}`, theme);
          await page.locator(ready).first().waitFor(WAIT);
          if (id === 'overview') await page.locator('svg[data-color]:visible').first().waitFor(WAIT);
          assert.equal(await page.locator('h1').count(), 1, `${id}: one h1`);
          assert.equal(await page.locator('h1').innerText(), h1);
          assert.equal(await page.title(), `${h1} · Perpvol`);
          assert.equal(await page.evaluate(() => document.documentElement.classList.contains('dark')), theme === 'dark');
          const overflow = await sideways();
          assert.ok(overflow <= 0, `${id} at ${width} px (${theme}) scrolls sideways by ${overflow} px`);
          await shot(`views-${id}-${width}-${theme}`);
        }
      });
    }
  }

  it('gives an exchange the same colour on every range, in the chart, its legend and the overview, light and dark', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    for (const [theme, expected] of [['light', EXCHANGE_LIGHT], ['dark', EXCHANGE_DARK]] as const) {
      await open('#/daily', theme);
      for (const range of ['30 days', '90 days', '1 year', '2 years']) {
        await page.getByTestId('range').getByRole('radio', { name: range }).click();
        const granularity = range === '1 year' ? 'week' : range === '2 years' ? 'month' : 'day';
        await page.locator(`[data-testid="daily-chart"][data-granularity="${granularity}"]`).waitFor(WAIT);
        const drawn = await colours();
        assert.deepEqual(Object.keys(drawn).sort(), Object.keys(expected).sort(), range);
        for (const [exchange, colour] of Object.entries(expected)) {
          assert.equal(drawn[exchange], colour, `${exchange} on ${range} (${theme})`);
          assert.equal(await page.locator(`[data-testid="chart-legend"] [data-series-key="${exchange}"] [data-color]`).getAttribute('data-color'), colour, `${exchange}'s legend on ${range}`);
        }
        if (granularity !== 'day') await shot(`views-daily-${granularity}-1440-${theme}`);
      }
      await open('#/overview', theme);
      for (const [exchange, colour] of Object.entries(expected)) {
        await page.getByTestId(`sparkline-${exchange}`).waitFor(WAIT);
        assert.equal(await page.getByTestId(`sparkline-${exchange}`).getAttribute('data-color'), colour, `${exchange}'s sparkline (${theme})`);
      }
    }
  });

  it('keeps the chart’s view through a reload and in a copied link', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await open('#/daily', 'light');
    // The keyboard first: the skip link leads to the page, the arrow keys move a choice.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    await page.getByTestId('range').getByRole('radio', { name: '30 days' }).focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.getByTestId('range').getByRole('radio', { name: '90 days' }).getAttribute('aria-checked'), 'true');
    assert.match(page.url(), /#\/daily\?range=90d$/);
    await page.getByTestId('range').getByRole('radio', { name: '1 year' }).click();
    await page.locator('#chart-group').selectOption('underlying');
    await page.getByTestId('chart-mode').getByRole('radio', { name: 'Cumulative' }).click();
    await page.getByTestId('kinds-switch').getByRole('radio', { name: '+ Dated futures' }).click();
    await page.getByTestId('table-group').getByRole('radio', { name: 'Symbol' }).click();
    await page.locator('[data-testid="daily-chart"][data-granularity="week"]').waitFor(WAIT);
    const url = page.url();
    assert.match(url, /#\/daily\?range=1y&group=underlying&mode=cumulative&kinds=all&table=symbol$/);
    const check = async (p: Page) => {
      await p.locator('[data-testid="daily-chart"][data-granularity="week"]').waitFor(WAIT);
      assert.equal(await p.getByTestId('range').getByRole('radio', { name: '1 year' }).getAttribute('aria-checked'), 'true');
      assert.equal(await p.locator('#chart-group').inputValue(), 'underlying');
      assert.equal(await p.getByTestId('chart-mode').getByRole('radio', { name: 'Cumulative' }).getAttribute('aria-checked'), 'true');
      assert.equal(await p.getByTestId('kinds-switch').getByRole('radio', { name: '+ Dated futures' }).getAttribute('aria-checked'), 'true');
      assert.equal(await p.getByTestId('table-group').getByRole('radio', { name: 'Symbol' }).getAttribute('aria-checked'), 'true');
    };
    await page.reload();
    await check(page);
    await shot('views-daily-cumulative-by-asset-1440-light');
    assert.equal(page.url(), url, 'the address stays');
    const other = await browser.context.newPage();
    try {
      await other.goto(url);
      await check(other);
    } finally {
      await other.close();
    }
    // The fills filters too.
    await open('#/fills?kinds=all&from=2025-01-01', 'light');
    assert.equal(await page.locator('#fills-from').inputValue(), 'Jan 1, 2025', 'written as the app writes dates');
    assert.equal(await page.getByTestId('kinds-switch').getByRole('radio', { name: '+ Dated futures' }).getAttribute('aria-checked'), 'true');
  });

  it('opens the bar under a tap on a phone', async () => {
    const phoneBrowser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    try {
      const phone = await phoneBrowser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, locale: 'en-US', timezoneId: 'UTC' });
      const tapPage = await phone.newPage();
      // A browser that has no token yet sees the sign-in page first: it fits a phone too.
      await tapPage.goto(`${server.url}/#/daily`);
      await tapPage.locator('input[type="password"], input[autocomplete="off"]').first().waitFor(WAIT);
      assert.ok(await tapPage.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), 'the sign-in page fits 390 px');
      await tapPage.screenshot({ path: join(SCREENSHOTS, 'views-sign-in-390-light.png'), fullPage: true });
      await tapPage.goto(`${server.url}/#/daily?token=${TOKEN}`);
      await tapPage.reload();
      const chart = tapPage.getByTestId('daily-chart');
      await chart.locator('canvas').waitFor(WAIT);
      const title = tapPage.getByTestId('inspector-title');
      await title.waitFor(WAIT);
      const latest = await title.innerText();
      const box = (await chart.locator('canvas').boundingBox())!;
      await tapPage.touchscreen.tap(box.x + box.width * 0.3, box.y + box.height * 0.6);
      await tapPage.locator('[data-testid="daily-chart"][data-selected]').waitFor(WAIT);
      assert.notEqual(await title.innerText(), latest, 'the inspector shows the tapped bar, not the latest');
      assert.ok(Number(await tapPage.getByTestId('inspector-total').getAttribute('data-usd')) >= 0);
      await tapPage.getByTestId('chart-inspector').scrollIntoViewIfNeeded();
      await tapPage.screenshot({ path: join(SCREENSHOTS, 'views-daily-390-tap.png') });
    } finally {
      await phoneBrowser.close();
    }
  });

  it('exports the chart’s view as the daily CSV the server writes', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await open('#/daily?range=90d&group=underlying', 'light');
    await page.locator('[data-testid="daily-chart"] canvas').waitFor(WAIT);
    const [download] = await Promise.all([page.waitForEvent('download', WAIT), page.getByRole('button', { name: "Export this view's daily volume as CSV" }).click()]);
    const lines = (await readFile((await download.path())!, 'utf8')).trim().split('\n');
    assert.equal(lines[0], 'date,key,label,volume_usd,maker_volume_usd,taker_volume_usd,fees_usd,trades,kinds');
    const from = await page.getByTestId('daily-chart').getAttribute('data-from');
    assert.match(download.suggestedFilename(), new RegExp(`^perpvol-daily-${from}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const assets = new Set(lines.slice(1).map((line) => line.split(',')[1]));
    assert.ok(assets.has('BTC') && assets.has('ETH'), 'one row per day and asset');
    assert.equal(lines.length - 1, 90 * assets.size, '90 days × every asset, zero days included');
  });

  it('never tells a WOO X user to import a CSV export', async () => {
    const { accounts } = await api<{ accounts: Account[] }>('accounts');
    const woox = accounts.find((a) => a.exchange === 'woox')!;
    await page.setViewportSize({ width: 1440, height: 900 });
    await open('#/accounts', 'light');
    const card = page.getByTestId(`account-${woox.id}`);
    await card.waitFor(WAIT);
    const text = await card.innerText();
    assert.doesNotMatch(text, /import the|import CSV|CSV export/i, text);
    assert.equal(await card.getByRole('button', { name: /Import/ }).count(), 0);
  });

  it('has no console errors, and names the command that started the server when it is gone', async () => {
    assert.deepEqual(browser.consoleErrors, []);
    await open('#/overview', 'light');
    await page.getByTestId('stat-Today').waitFor(WAIT);
    // The banner learns the command from a health request the page sends as it opens; a server
    // stopped before that answer arrived would leave the banner nothing to name.
    await page.locator('[data-testid="connection-status"][data-started-with="npm run demo"]').waitFor({ state: 'attached', ...WAIT });
    await server.close();
    const banner = page.getByTestId('connection-lost');
    await banner.waitFor(WAIT);
    assert.match(await banner.innerText(), /check that npm run demo is still running/);
    await shot('views-connection-lost-1440-light');
  });

});
