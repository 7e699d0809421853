/**
 * A fifth exchange in the dashboard, end to end: a real headless server built with a registry that
 * also holds the test-only "Acme" (test/connectors/made-up/), one Acme account synced from its
 * simulator, and Debian's Chromium. The renderer has no table of exchanges: it shows Acme by the
 * name and colour Acme's descriptor serves (GET /api/v1/exchanges) — on the overview, the accounts
 * page and the daily chart — with no page error.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { SyncStatus } from '../../src-shared/schemas.ts';
import { exchanges, ExchangeRegistry } from '../../src-main/connectors/registry.ts';
import { startServer, type RunningServer } from '../../src-main/server/start.ts';
import { acme } from '../connectors/made-up/acme-adapter.ts';
import { ACME_DIALECTS, startAcmeSimulator, type AcmeSimulator } from '../sim/acme/simulator.ts';
import { ensureRendererBuilt, navLink, needsChromium, openChromium, SCREENSHOTS, type ChromiumSession } from './support/chromium-session.ts';
import { pageMoves } from './support/demo-dashboard.ts';

const TOKEN = 'e2e-made-up-token-of-at-least-32-characters';
/** Generous waits for UI states (a slow CI machine), never assertions about speed. */
const WAIT = { timeout: 60_000 };
/** Acme's own colour, as its descriptor serves it (light / dark theme). */
const ACME = { light: '#65a30d', dark: '#a3e635' };

describe('a made-up exchange in the dashboard, in Chromium', needsChromium(), () => {
  let sim: AcmeSimulator;
  let server: RunningServer;
  let browser: ChromiumSession;
  let page: Page;
  let dataDir: string;
  let accountId: string;
  const moves = pageMoves(() => page);

  before(async () => {
    ensureRendererBuilt();
    mkdirSync(SCREENSHOTS, { recursive: true });
    process.env.PERPVOL_MASTER_KEY ??= 'e2e-made-up-master-key';
    sim = await startAcmeSimulator({ seed: 31, trades: 80, days: 30, now: Date.now(), dialect: ACME_DIALECTS[0]! });
    dataDir = mkdtempSync(join(tmpdir(), 'perpvol-e2e-made-up-'));
    server = await startServer({
      host: '127.0.0.1', port: 0, dataDir, databaseUrl: null, apiToken: TOKEN, schedule: false, log: () => {},
      exchanges: new ExchangeRegistry([...exchanges.all(), acme]),
    });
    const call = async <T>(path: string, body?: unknown): Promise<T> => {
      const answer = await fetch(`${server.url}/api/v1/${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { Authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      assert.ok(answer.status >= 200 && answer.status < 300, `${path}: ${answer.status} ${await answer.clone().text()}`);
      return (await answer.json()) as T;
    };
    accountId = (await call<{ id: string }>('accounts', { exchange: 'acme', label: 'Acme main', credentials: { apiKey: sim.apiKey }, baseUrl: sim.baseUrl })).id;
    await call('sync', {});
    for (;;) {
      const { accounts } = await call<{ accounts: SyncStatus[] }>('sync');
      if (accounts.some((s) => s.state === 'error')) throw new Error(`sync failed: ${JSON.stringify(accounts)}`);
      if (accounts.length === 1 && accounts[0]!.state === 'done') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    browser = await openChromium({ width: 1440, height: 900 });
    page = browser.page;
    await page.goto(`${server.url}/#token=${TOKEN}`);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await sim?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows Acme by its name and colour on the overview, in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      await moves.open('#/overview', theme);
      const row = page.getByTestId('exchange-table').getByRole('row').filter({ hasText: 'Acme' });
      await row.waitFor(WAIT);
      assert.equal(await row.getByRole('rowheader').innerText(), 'Acme');
      assert.equal(await row.locator('[data-color]').first().getAttribute('data-color'), ACME[theme]);
      await page.getByTestId('sparkline-acme').waitFor(WAIT);
      await browser.shot(`made-up-exchange-overview-${theme}`);
    }
  });

  it('names Acme on the account card and draws it in its colour on the daily chart', async () => {
    await navLink(page, 'Accounts').click();
    const card = page.getByTestId(`account-${accountId}`);
    await card.waitFor(WAIT);
    assert.ok((await card.innerText()).includes('Acme'), await card.innerText());
    assert.equal(await card.locator('[data-color]').first().getAttribute('data-color'), ACME.dark, 'still the dark theme');
    await moves.open('#/daily?group=exchange', 'light');
    await page.getByTestId('daily-chart').waitFor(WAIT);
    await page.waitForFunction(() => (document.querySelector('[data-testid="daily-chart"]')?.getAttribute('data-colors') ?? '{}') !== '{}', undefined, WAIT);
    assert.deepEqual(await moves.colours(), { acme: ACME.light });
    assert.deepEqual(browser.consoleErrors, []);
  });

  it('draws nothing in a stand-in colour while the exchange list is on its way', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = 0;
    await page.route('**/api/v1/exchanges', async (route) => {
      held++;
      await released;
      await route.continue();
    });
    try {
      await moves.open('#/daily?group=exchange', 'light');
      await page.getByRole('status').filter({ hasText: 'Loading' }).waitFor(WAIT);
      assert.ok(held > 0, 'the list was asked for and held');
      // The rest of the API answers meanwhile; the chart must still not draw Acme by a palette colour.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      assert.equal(await page.getByTestId('daily-chart').count(), 0, 'no chart before the list');
      release();
      await page.waitForFunction(() => (document.querySelector('[data-testid="daily-chart"]')?.getAttribute('data-colors') ?? '{}') !== '{}', undefined, WAIT);
      assert.deepEqual(await moves.colours(), { acme: ACME.light });
    } finally {
      release();
      await page.unroute('**/api/v1/exchanges');
    }
  });
});
