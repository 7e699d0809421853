/**
 * Live to the second, in Chromium: the headless server keeps a Hyperliquid account's private stream
 * open (simulator on loopback); a fill traded on the "exchange" changes the dashboard's Today figure
 * with no reload and no sync asked for (the 2-second bound is the wait's timeout, not a timing), and
 * the account's badge follows the stream: Live, then Polling while the exchange refuses it.
 * Needs `npm run build` (out/renderer).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { Account } from '../../src-shared/schemas.ts';
import { startServer, type RunningServer } from '../../src-main/server/start.ts';
import { startHyperliquidSimulator, type HyperliquidSimulatorHandle } from '../sim/hyperliquid/simulator.ts';
import { ensureRendererBuilt, navLink, needsChromium, openChromium, REPO, type ChromiumSession } from './support/chromium-session.ts';

/** The server refuses tokens under 32 characters. */
const TOKEN = 'e2e-live-token-0123456789abcdef0123';
const LIVE_BOUND_MS = 2_000;
const SETUP_WAIT_MS = 60_000;

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A headless server serving the built dashboard, with one Hyperliquid account on `sim` added; its id. */
async function serverWithAccount(sim: HyperliquidSimulatorHandle, dataDir: string, label: string): Promise<{ server: RunningServer; id: string }> {
  const server = await startServer({ host: '127.0.0.1', port: 0, dataDir, databaseUrl: null, apiToken: TOKEN, log: () => {}, staticDir: join(REPO, 'out/renderer') });
  const added = await fetch(`${server.url}/api/v1/accounts`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ exchange: 'hyperliquid', label, credentials: sim.accounts[0]!.credentials, baseUrl: sim.baseUrl }),
  });
  assert.equal(added.status, 201);
  return { server, id: ((await added.json()) as Account).id };
}

describe('the dashboard updates live from the stream', needsChromium(), () => {
  let sim: HyperliquidSimulatorHandle;
  let server: RunningServer;
  let browser: ChromiumSession;
  let page: Page;
  let dataDir: string;

  before(async () => {
    ensureRendererBuilt();
    sim = await startHyperliquidSimulator({ accounts: 1, fillsPerAccount: 200, days: 10 });
    dataDir = mkdtempSync(join(tmpdir(), 'perpvol-e2e-live-'));
    let id: string;
    ({ server, id } = await serverWithAccount(sim, dataDir, 'Live'));
    for (const deadline = Date.now() + SETUP_WAIT_MS; ; ) {
      const account = (await (await fetch(`${server.url}/api/v1/accounts/${id}`, { headers: { Authorization: `Bearer ${TOKEN}` } })).json()) as Account;
      if (account.live?.state === 'live' && account.status === 'ok') break;
      assert.ok(Date.now() < deadline, 'the account went live and synced');
      await new Promise((r) => setTimeout(r, 100));
    }
    browser = await openChromium();
    page = browser.page;
    await page.goto(`${server.url}/#token=${TOKEN}`);
    await page.getByTestId('stat-Today').waitFor({ timeout: SETUP_WAIT_MS });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await sim?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it(`changes the Today figure within ${LIVE_BOUND_MS / 1000} s of a fill on the exchange`, async () => {
    const today = utcDay(Date.now());
    const before = Number(await page.getByTestId('stat-Today').getAttribute('data-usd'));
    sim.accounts[0]!.trade(2);
    const truthMicros = sim.accounts[0]!.truth().get(today)?.volumeMicros ?? 0;
    const expectedCents = Math.round(truthMicros / 10_000);
    assert.ok(expectedCents > Math.round(before * 100), 'the simulator traded today');
    await page.waitForFunction(
      (expected) => {
        const value = document.querySelector('[data-testid="stat-Today"]')?.getAttribute('data-usd');
        return value !== null && value !== undefined && Math.round(Number(value) * 100) === expected;
      },
      expectedCents,
      { timeout: LIVE_BOUND_MS },
    );
  });
});

describe('the account badge follows the stream', needsChromium(), () => {
  let sim: HyperliquidSimulatorHandle;
  let server: RunningServer;
  let browser: ChromiumSession;
  let page: Page;
  let dataDir: string;
  let accountId: string;

  before(async () => {
    ensureRendererBuilt();
    sim = await startHyperliquidSimulator({ accounts: 1, fillsPerAccount: 50, days: 5 });
    dataDir = mkdtempSync(join(tmpdir(), 'perpvol-e2e-badge-'));
    ({ server, id: accountId } = await serverWithAccount(sim, dataDir, 'Badge'));
    browser = await openChromium();
    page = browser.page;
    await page.goto(`${server.url}/#token=${TOKEN}`);
    await navLink(page, 'Accounts').click();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await sim?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('says Live while the stream is connected, and Polling every 30 s (a dashboard is watching) when it is refused', async () => {
    const badge = page.getByTestId(`sync-state-${accountId}`);
    await badge.filter({ hasText: /^Live/ }).waitFor({ timeout: SETUP_WAIT_MS });
    sim.streams.refuse(true);
    sim.streams.drop();
    // first the drop, then the refused reconnection: the badge says why
    await page.locator(`[data-testid="sync-state-${accountId}"][title*="HTTP 503"]`).waitFor({ timeout: SETUP_WAIT_MS });
    assert.match((await badge.textContent()) ?? '', /^Polling every 30 s/);
  });
});
