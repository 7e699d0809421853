/**
 * The fee-tier cards end to end: Debian's Chromium (playwright-core) against a real headless server
 * syncing from the Hyperliquid and Paradex simulators. Each card shows the volume the next tier
 * still needs — exactly the API's figure —, a Hyperliquid tier that roll-off takes tomorrow is
 * flagged with the daily volume that keeps it, and a target set on a card lands in the database.
 * Screenshots go to test-output/screenshots/ for a person to look at.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { SyncStatus } from '../../src-shared/schemas.ts';
import type { Tiers } from '../../src-shared/tier-schemas.ts';
import { startServer, type RunningServer } from '../../src-main/server/start.ts';
import type { SimTier } from '../sim/fee-tier-ladders.ts';
import { startHyperliquidSimulator, type HyperliquidSimulatorHandle } from '../sim/hyperliquid/simulator.ts';
import { startParadexSimulator, type ParadexSimulatorHandle } from '../sim/paradex/index.ts';
import { ensureRendererBuilt, navLink, needsChromium, openChromium, SCREENSHOTS, type ChromiumSession } from './support/chromium-session.ts';


/** The server takes tokens of 32 characters or more. */
const TOKEN = 'e2e-tiers-token-of-at-least-32-characters';
const DAY_MS = 86_400_000;
/** Generous waits for UI states (a slow CI machine), never assertions about speed. */
const WAIT = { timeout: 60_000 };

/**
 * A quiet month, then one big day 13 days ago — the oldest day of the 14-day window, which leaves
 * it tomorrow. Tier 1 is set between the window with and without that day: at risk.
 */
const HL_LADDER: SimTier[] = [
  { name: 'Tier 0', volumeUsd: '0', taker: '0.00045', maker: '0.00015' },
  { name: 'Tier 1', volumeUsd: '1200000', taker: '0.0004', maker: '0.00012' },
  { name: 'Tier 2', volumeUsd: '5000000', taker: '0.00035', maker: '0.00008' },
];


async function api<T>(server: RunningServer, path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const answer = await fetch(`${server.url}/api/v1/${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { Authorization: `Bearer ${TOKEN}`, ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  assert.ok(answer.status >= 200 && answer.status < 300, `${path}: ${answer.status} ${await answer.clone().text()}`);
  return (await answer.json()) as T;
}

const cents = (usd: number) => Math.round(usd * 100);

describe('fee-tier cards in Chromium', needsChromium(), () => {
  let hl: HyperliquidSimulatorHandle;
  let paradex: ParadexSimulatorHandle;
  let server: RunningServer;
  let browser: ChromiumSession;
  let page: Page;
  let dataDir: string;
  const shot = (name: string) => browser.shot(name);

  before(async () => {
    ensureRendererBuilt();
    mkdirSync(SCREENSHOTS, { recursive: true });
    process.env.PERPVOL_MASTER_KEY ??= 'e2e-tiers-master-key';
    hl = await startHyperliquidSimulator({ seed: 5, fillsPerAccount: 300, days: 30, feeTiers: HL_LADDER });
    const oldestDayOfWindow = Math.floor(Date.now() / DAY_MS) * DAY_MS - 13 * DAY_MS + 12 * 3_600_000;
    hl.accounts[0]!.trade(450, oldestDayOfWindow);
    paradex = await startParadexSimulator({ seed: 5, fillsPerAccount: 1_500, days: 30, accounts: 2 });
    dataDir = mkdtempSync(join(tmpdir(), 'perpvol-e2e-tiers-'));
    server = await startServer({ host: '127.0.0.1', port: 0, dataDir, databaseUrl: null, apiToken: TOKEN, schedule: false, log: () => {} });
    await api(server, 'accounts', { body: { exchange: 'hyperliquid', label: 'HL', credentials: hl.accounts[0]!.credentials, baseUrl: hl.baseUrl } });
    await api(server, 'accounts', { body: { exchange: 'paradex', label: 'Paradex', credentials: paradex.accounts[1]!.credentials, baseUrl: paradex.baseUrl } });
    await api(server, 'sync', { body: {} });
    for (;;) {
      const { accounts } = await api<{ accounts: SyncStatus[] }>(server, 'sync');
      if (accounts.some((s) => s.state === 'error')) throw new Error(`sync failed: ${JSON.stringify(accounts)}`);
      if (accounts.length === 2 && accounts.every((s) => s.state === 'done')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    browser = await openChromium({ width: 1440, height: 900 });
    page = browser.page;
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await hl?.close();
    await paradex?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows each exchange’s card with the volume the next tier still needs, as the API says it', async () => {
    await page.goto(`${server.url}/#token=${TOKEN}`);
    await navLink(page, 'Fee tiers').click();
    const tiers = await api<Tiers>(server, 'tiers');
    for (const exchange of ['hyperliquid', 'paradex'] as const) {
      const view = tiers.exchanges[exchange]!;
      assert.ok(view.neededUsd !== null && view.neededUsd > 0, `${exchange} has a next tier to reach`);
      const needed = page.getByTestId(`tier-needed-${exchange}`);
      await needed.waitFor(WAIT);
      assert.equal(cents(Number(await needed.getAttribute('data-usd'))), cents(view.neededUsd));
      const text = await needed.innerText();
      // Whole dollars like every figure on the card, rounded up (trading the shown amount is enough); the cents on hover.
      assert.ok(text.includes(`$${Math.ceil(view.neededUsd).toLocaleString('en-US')} more over ${view.window.days} days reaches ${view.nextTier!.name}`), text);
      assert.ok((await needed.getAttribute('title'))!.includes(`$${view.neededUsd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`));
      assert.equal(await page.getByTestId(`tier-name-${exchange}`).innerText(), view.tier!.name);
    }
    await shot('tiers-01-cards');
  });

  it('flags a tier that tomorrow’s roll-off takes, with the daily volume that keeps it', async () => {
    const view = (await api<Tiers>(server, 'tiers')).exchanges.hyperliquid!;
    assert.equal(view.tier?.name, 'Tier 1', 'the big day 13 days ago lifts the window into Tier 1');
    assert.ok(view.atRisk, 'and it leaves the window tomorrow');
    const card = page.getByTestId('tier-card-hyperliquid');
    const alert = card.getByRole('alert');
    await alert.waitFor(WAIT);
    assert.match(await alert.innerText(), new RegExp(`Tier 1 at risk: on .* your window falls \\$[\\d,]+ short without new trades\\. Trade \\$[\\d,]+/day until then\\.`));
    assert.match(await card.getByTestId('tier-keep-hyperliquid').innerText(), /^To keep Tier 1 through .*, trade \$[\d,]+\/day\.$/);
  });

  it('sets a target on a card, kept by the server and shown against the window', async () => {
    const card = page.getByTestId('tier-card-paradex');
    await card.getByRole('button', { name: 'Set target' }).click();
    await card.getByLabel('14-day target (USD)').fill('3m');
    await card.getByRole('button', { name: 'Save' }).click();
    await card.getByTestId('tier-target-paradex').getByText(/to your \$3,000,000 target\./).waitFor(WAIT);
    const { targets } = await api<{ targets: { exchange: string; volumeUsd: number }[] }>(server, 'targets');
    assert.deepEqual(targets.map((t) => [t.exchange, t.volumeUsd]), [['paradex', 3_000_000]]);
    await card.getByRole('button', { name: 'Show all 14 days' }).click();
    assert.equal(await card.locator('tbody tr').count(), 14);
    await shot('tiers-02-target-and-roll-off');
  });

  it('fits a phone and shows the cards on the overview too', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('tier-needed-hyperliquid').waitFor(WAIT);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the tiers page scrolls sideways by ${overflow}px at 390 px`);
    await shot('tiers-03-phone');
    await page.setViewportSize({ width: 1440, height: 900 });
    await navLink(page, 'Overview').click();
    await page.getByTestId('tier-card-paradex').waitFor(WAIT);
    assert.deepEqual(browser.consoleErrors, []);
  });
});
