/**
 * The Costs view end to end: Debian's Chromium (playwright-core) against a real headless server on a
 * SQLite file seeded with a hand-computed month of fills — Bybit with a fee in a token without a
 * price, Hyperliquid across a tier change and with fills imported without a side, WOO X with no
 * ladder. The page shows the API's figures, the flag and its causes, the next tier's saving against
 * the cost of chasing it, the chart, and fits 1440 px and 390 px in light and dark. Screenshots go
 * to test-output/screenshots/ for a person to look at.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { Costs } from '../../src-shared/cost-schemas.ts';
import type { Fill } from '../../src-main/core/fill.ts';
import { startServer, type RunningServer } from '../../src-main/server/start.ts';
import { openStore } from '../../src-main/store/open-store.ts';
import { ensureRendererBuilt, navLink, needsChromium, openChromium, SCREENSHOTS, type ChromiumSession } from './support/chromium-session.ts';

const TOKEN = 'e2e-costs-token-of-at-least-32-characters';
const DAY_MS = 86_400_000;
/** Generous waits for UI states (a slow CI machine), never assertions about speed. */
const WAIT = { timeout: 60_000 };
const TODAY_MS = Math.floor(Date.now() / DAY_MS) * DAY_MS;
/** 10:00 UTC, `n` days ago. */
const daysAgo = (n: number) => TODAY_MS - n * DAY_MS + 10 * 3_600_000;

const TIER_TABLES = {
  hyperliquid: {
    asOf: '2026-01-01', source: 'e2e',
    tiers: [
      { name: 'Tier 0', volumeUsd: 0, takerRate: 0.0005, makerRate: 0.0002 },
      { name: 'Tier 1', volumeUsd: 1_000_000, takerRate: 0.0004, makerRate: 0.0001 },
      { name: 'Tier 2', volumeUsd: 5_000_000, takerRate: 0.0003, makerRate: 0 },
    ],
  },
  bybit: {
    asOf: '2026-01-01', source: 'e2e',
    tiers: [
      { name: 'VIP 0', volumeUsd: 0, takerRate: 0.00055, makerRate: 0.0002 },
      { name: 'VIP 1', volumeUsd: 10_000_000, takerRate: 0.0004, makerRate: 0.00018 },
    ],
  },
};

function fill(id: string, exchange: Fill['exchange'], ts: number, notionalUsd: number, fee: string, liquidity: Fill['liquidity'], over: Partial<Fill> = {}): Fill {
  return {
    exchange, tradeId: id, orderId: null, symbol: 'BTC', kind: 'perpetual', underlying: 'BTC', side: 'buy', price: String(notionalUsd), qty: '1',
    notionalMicros: notionalUsd * 1_000_000, fee, feeCurrency: 'USDC', feeMicros: Math.round(Number(fee) * 1e6), liquidity, ts, ...over,
  };
}

async function seed(dataDir: string): Promise<void> {
  writeFileSync(join(dataDir, 'tier-tables.json'), JSON.stringify(TIER_TABLES));
  const store = await openStore({ dataDir });
  // the exchanges' own fee facts are asked at a closed loopback port: refused at once, the tables stand in
  const account = (id: string, exchange: Fill['exchange'], label: string, createdAt: number) =>
    store.accounts.create({ id, exchange, label, baseUrl: 'http://127.0.0.1:9', identity: exchange === 'hyperliquid' ? `0x${'aa'.repeat(20)}` : null, permissions: {}, warnings: [], createdAt });
  await account('bybit-main', 'bybit', 'Main', 1);
  await account('hl', 'hyperliquid', 'HL', 2);
  await account('woo', 'woox', 'WOO', 3);
  await store.fills.importFills('bybit-main', [
    fill('b1', 'bybit', daysAgo(20), 2_000_000, '1100', 'taker'),
    fill('b2', 'bybit', daysAgo(3), 1_000_000, '200', 'maker'),
    fill('b3', 'bybit', daysAgo(3), 3_000_000, '1650', 'taker'),
    fill('b4', 'bybit', daysAgo(2), 100_000, '0.5', 'taker', { feeCurrency: 'DIME', feeMicros: null }),
  ]);
  await store.fills.importFills('hl', [
    fill('h1', 'hyperliquid', daysAgo(12), 800_000, '400', 'taker'),
    fill('h2', 'hyperliquid', daysAgo(10), 600_000, '240', 'taker'),
    fill('h3', 'hyperliquid', daysAgo(2), 400_000, '40', 'maker'),
    fill('h4', 'hyperliquid', daysAgo(2), 200_000, '80', null),
  ]);
  await store.fills.importFills('woo', [fill('w1', 'woox', daysAgo(5), 1_000_000, '500', 'taker')]);
  await store.close();
}

describe('the Costs view in Chromium', needsChromium(), () => {
  let server: RunningServer;
  let browser: ChromiumSession;
  let page: Page;
  let dataDir: string;
  const shot = (name: string) => browser.shot(name);
  const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const costs = async (query = ''): Promise<Costs> => {
    const answer = await fetch(`${server.url}/api/v1/costs${query}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    assert.equal(answer.status, 200);
    return (await answer.json()) as Costs;
  };
  const open = async (theme: 'light' | 'dark') => {
    await page.evaluate((t) => localStorage.setItem('perpvol.theme', t), theme);
    await page.reload();
    await page.getByTestId('cost-chart').locator('canvas').waitFor(WAIT);
  };

  before(async () => {
    ensureRendererBuilt();
    mkdirSync(SCREENSHOTS, { recursive: true });
    process.env.PERPVOL_MASTER_KEY ??= 'e2e-costs-master-key';
    dataDir = mkdtempSync(join(tmpdir(), 'perpvol-e2e-costs-'));
    await seed(dataDir);
    server = await startServer({ host: '127.0.0.1', port: 0, dataDir, databaseUrl: null, apiToken: TOKEN, schedule: false, log: () => {} });
    browser = await openChromium({ width: 1440, height: 900 });
    page = browser.page;
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows each exchange’s fees per $1M, rates and tier as the API says them, at 1440 px in light', async () => {
    await page.goto(`${server.url}/#token=${TOKEN}`);
    await navLink(page, 'Costs').click();
    await page.getByTestId('cost-chart').locator('canvas').waitFor(WAIT);
    assert.equal(await page.locator('h1').innerText(), 'What your volume costs');
    const answer = await costs();
    // Bybit: 2950 of fees on 6,100,000 (the DIME fill has no USD fee) = $483.61 per $1M
    const bybit = page.getByTestId('cost-row-bybit');
    assert.equal(await bybit.getByTestId('per-million').innerText(), '$483.61');
    assert.equal(answer.rows.find((r) => r.key === 'bybit')?.feesUsd, 2950);
    const bybitText = await bybit.innerText();
    assert.match(bybitText, /VIP 1 \(0\.0180% \/ 0\.0400%\) would have saved \$785\.00/); // 3,005 at VIP 0 − 2,220 at VIP 1
    assert.match(bybitText, /It needs \$3,900,000\.00 more volume over the window, costing about \$1,886\.07/);
    assert.match(bybitText, /Also 0\.5 DIME in fees over 1 fills/);
    // Hyperliquid: a range that crosses its tier change is flagged, with the earlier tier named
    const hl = page.getByTestId('cost-row-hyperliquid');
    assert.match(await hl.innerText(), /\+\$160\.00 ⚑/);
    assert.match(await hl.innerText(), /14-day volume put you at Tier 0 on 1 day of this range, not Tier 1/);
    assert.match(await hl.innerText(), /\$200,000\.00 of this volume has no maker\/taker side/);
    // WOO X: no ladder, said plainly
    assert.match(await page.getByTestId('cost-row-woox').innerText(), /No fee ladder is known for WOO X/);
    // Series in the registry's order (the add-account form's, everywhere in the app)
    assert.equal(await page.getByTestId('cost-chart').getAttribute('data-series'), 'hyperliquid,bybit,woox');
    assert.match(await page.getByTestId('cheapest').innerText(), /is cheapest on /);
    await shot('costs-1440-light');
  });

  it('groups per account and per day from the address bar', async () => {
    await page.getByTestId('cost-group').getByRole('radio', { name: 'Account' }).click();
    await page.getByTestId('cost-row-hl').waitFor(WAIT);
    assert.match(await page.getByTestId('cost-row-hl').innerText(), /HL \(Hyperliquid\)/);
    assert.match(page.url(), /group=account/);
    await page.getByTestId('cost-group').getByRole('radio', { name: 'Day' }).click();
    const day = new Date(daysAgo(3)).toISOString().slice(0, 10);
    await page.getByTestId(`cost-row-${day}`).waitFor(WAIT);
    assert.match(await page.getByTestId(`cost-row-${day}`).getByTestId('per-million').innerText(), /^\$462\.50$/); // 1,850 on 4,000,000
    await page.getByTestId('cost-group').getByRole('radio', { name: 'Exchange' }).click();
    await page.getByTestId('cost-row-bybit').waitFor(WAIT);
  });

  for (const [theme, width] of [['dark', 1440], ['light', 390], ['dark', 390]] as const) {
    it(`fits ${width} px in ${theme}`, async () => {
      await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
      await open(theme);
      assert.equal(await page.evaluate(() => document.documentElement.classList.contains('dark')), theme === 'dark');
      const where = width > 500 ? 'cost-row' : 'cost-card';
      await page.getByTestId(`${where}-hyperliquid`).waitFor({ state: 'visible', ...WAIT });
      assert.match(await page.getByTestId(`${where}-hyperliquid`).innerText(), /Tier 0 on 1 day/);
      const overflow = await sideways();
      assert.ok(overflow <= 0, `the Costs page scrolls sideways by ${overflow}px at ${width} px`);
      await shot(`costs-${width}-${theme}`);
    });
  }

  it('logs no console errors', () => {
    assert.deepEqual(browser.consoleErrors, []);
  });
});
