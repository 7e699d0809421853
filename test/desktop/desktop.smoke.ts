/**
 * The desktop app, driven for real (playwright-core's Electron support), on a fresh data folder,
 * over the Hyperliquid and Bybit simulators on loopback: the window shows the simulator's volume to
 * the cent; the tray's quick view lists today / 7 / 30 days; API secrets land in the safeStorage
 * file; a CSV import runs (from inside app.asar when packaged); a second launch brings the first
 * window back instead of starting again; quitting releases the folder so `perpvol serve` starts
 * on it; and a database module for another ABI ends in the dialog that names the fix.
 *
 * Run by test/desktop/run-smoke.ts (`npm run test:desktop`), never by `npm test`. On Linux it
 * brings its own D-Bus session with gnome-keyring and claims an i3 desktop, for which Chromium
 * alone would pick the "basic_text" fixed key: the secrets landing in the safeStorage file prove
 * the app chose the keyring itself (keyring-backend.ts).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { SECRETS_FILE_NAME } from '../../src-main/secrets/encrypted-file-store.ts';
import { SAFE_STORAGE_FILE_NAME } from '../../src-main/secrets/safe-storage-secret-store.ts';
import { STARTUP_LOG_FILE } from '../../src-main/electron/startup-failure.ts';
import { hyperliquidExportCsv } from '../import/fixtures/hyperliquid-export.ts';
import { startBybitSimulator, type BybitSimulatorHandle } from '../sim/bybit/simulator.ts';
import { startHyperliquidSimulator, type HyperliquidSimulatorHandle } from '../sim/hyperliquid/simulator.ts';
import { spawnServe } from '../support/serve-process.ts';
import { startSecretService, type SecretServiceHandle } from '../support/secret-service.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
/** The installed package under test, or null for the built app in out/. */
const PACKAGED = process.env['PERPVOL_SMOKE_APP'] || null;
const WAIT = { timeout: 120_000 };
const SCREENSHOTS = join(REPO, 'test-output/screenshots');
const DAY_MS = 86_400_000;

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Σ of the simulators' own truth in [from, to], in cents (test/sim computes it, not src-main). */
function truthCents(sims: { truth(): Map<string, { volumeMicros: number }> }[], from: string, to: string): number {
  let micros = 0;
  for (const sim of sims) for (const [day, totals] of sim.truth()) if (day >= from && day <= to) micros += totals.volumeMicros;
  return Math.round(micros / 10_000);
}

/** What the renderer's preload exposes (src-preload/index.ts), as far as this test calls it. */
interface WindowApi {
  perpvol: {
    addAccount(input: unknown): Promise<{ id: string }>;
    startSync(input: unknown): Promise<unknown>;
    importFills(input: { id: string; csv: string }): Promise<{ imported: number; duplicates: number; skipped: number }>;
  };
}

/** The executable and arguments that start the app under test, as a user's double-click would. */
function appCommand(): { command: string; args: string[] } {
  return PACKAGED ? { command: PACKAGED, args: [] } : { command: require('electron') as string, args: [REPO] };
}

function launch(env: NodeJS.ProcessEnv): Promise<ElectronApplication> {
  const { command, args } = appCommand();
  return _electron.launch({ executablePath: command, args, cwd: REPO, env: env as Record<string, string>, timeout: WAIT.timeout });
}

/** Starts the app as a plain process and waits for it to end: its exit code. */
function runToExit(env: NodeJS.ProcessEnv): Promise<number | null> {
  const { command, args } = appCommand();
  const child = spawn(command, args, { cwd: REPO, env, stdio: 'ignore' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + WAIT.timeout;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe(`the desktop app (${PACKAGED ? `packaged: ${PACKAGED}` : 'built: out/'})`, () => {
  let hl: HyperliquidSimulatorHandle;
  let bybit: BybitSimulatorHandle;
  let keyring: SecretServiceHandle | null = null;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let app: ElectronApplication;
  let page: Page;
  let hlId: string;
  let bybitId: string;

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    hl = await startHyperliquidSimulator({ seed: 17, fillsPerAccount: 600, days: 40, accounts: 1 });
    bybit = await startBybitSimulator({ seed: 17, fillsPerAccount: 80, days: 6, accounts: 1 });
    dataDir = mkdtempSync(join(tmpdir(), 'perpvol-desktop-smoke-'));
    env = { ...process.env, PERPVOL_DATA_DIR: dataDir, PERPVOL_TEST_DIALOG_LOG: join(dataDir, 'dialogs.jsonl') };
    delete env['ELECTRON_RUN_AS_NODE'];
    if (process.platform === 'linux') {
      const started = await startSecretService();
      if ('unavailable' in started) throw new Error(`the smoke test needs a Secret Service on Linux: ${started.unavailable} (install dbus and gnome-keyring)`);
      keyring = started;
      // a desktop Chromium does not know: left to itself it would pick basic_text
      env = { ...env, ...started.env, XDG_CURRENT_DESKTOP: 'i3' };
    }
    app = await launch(env);
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  after(async () => {
    await app?.close().catch(() => undefined);
    await Promise.allSettled([hl?.close(), bybit?.close()]);
    await keyring?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the simulator accounts’ volume in the window, to the cent', async () => {
    const added = await page.evaluate(
      async ([hlInput, bybitInput]) => {
        const api = (window as unknown as WindowApi).perpvol;
        const a = await api.addAccount(hlInput);
        const b = await api.addAccount(bybitInput);
        await api.startSync({});
        return [a.id, b.id];
      },
      [
        { exchange: 'hyperliquid', label: 'Smoke HL', credentials: hl.accounts[0]!.credentials, baseUrl: hl.baseUrl },
        { exchange: 'bybit', label: 'Smoke Bybit', credentials: bybit.accounts[0]!.credentials, baseUrl: bybit.baseUrl },
      ] as const,
    );
    [hlId, bybitId] = added as [string, string];
    const sims = [hl.accounts[0]!, bybit.accounts[0]!];
    const allTime = truthCents(sims, '0000-01-01', '9999-12-31');
    assert.ok(allTime > 0);
    await page.waitForFunction(
      (expected) => {
        const value = document.querySelector('[data-testid="stat-All time"]')?.getAttribute('data-usd');
        return value !== null && value !== undefined && Math.round(Number(value) * 100) === expected;
      },
      allTime,
      WAIT,
    );
    const today = utcDay(Date.now());
    const d30 = Number(await page.getByTestId('stat-30 days').getAttribute('data-usd'));
    assert.equal(Math.round(d30 * 100), truthCents(sims, utcDay(Date.now() - 29 * DAY_MS), today));
    await page.screenshot({ path: join(SCREENSHOTS, `desktop-${process.platform}-overview.png`) });
  });

  it('keeps the API secrets in the safeStorage file, encrypted by the system keychain', async () => {
    const file = join(dataDir, SAFE_STORAGE_FILE_NAME);
    assert.ok(existsSync(file), `${SAFE_STORAGE_FILE_NAME} exists`);
    const text = readFileSync(file, 'utf8');
    const stored = JSON.parse(text) as { secrets: Record<string, string> };
    assert.ok(stored.secrets[bybitId], 'the Bybit account’s secret is in it');
    assert.ok(!text.includes(bybit.accounts[0]!.credentials['apiSecret']!), 'never in plain text');
    assert.equal(existsSync(join(dataDir, SECRETS_FILE_NAME)), false, 'no passphrase file: the keychain was used');
  });

  it('lists today, 7 days and 30 days in the tray’s quick view', async () => {
    const labels = await until('the tray menu with volumes', async () => {
      const items = await app.evaluate(() => (globalThis as { perpvolTrayMenu?: { items: { label: string }[] } }).perpvolTrayMenu?.items.map((item) => item.label) ?? []);
      return items.some((label) => /^30 days \$[1-9]/.test(label)) ? items : null;
    });
    assert.ok(labels.some((label) => /^Today \$/.test(label)), labels.join(' | '));
    assert.ok(labels.some((label) => /^7 days \$/.test(label)), labels.join(' | '));
    assert.ok(labels.some((label) => /^30 days \$/.test(label)), labels.join(' | '));
    // Per exchange, named by the registry's label (never an id, never "undefined").
    assert.ok(labels.some((label) => /^Hyperliquid: \$/.test(label)), labels.join(' | '));
    assert.ok(!labels.some((label) => /undefined/.test(label)), labels.join(' | '));
  });

  it('imports a Hyperliquid CSV export in the app (the import worker runs from inside app.asar when packaged)', async () => {
    const csv = hyperliquidExportCsv(hl.accounts[0]!.allFills());
    const result = await page.evaluate(([id, text]) => (window as unknown as WindowApi).perpvol.importFills({ id, csv: text }), [hlId, csv] as const);
    assert.ok(result.duplicates > 0, `the synced fills are recognised: ${JSON.stringify(result)}`);
    const allTime = truthCents([hl.accounts[0]!, bybit.accounts[0]!], '0000-01-01', '9999-12-31');
    const shown = Number(await page.getByTestId('stat-All time').getAttribute('data-usd'));
    assert.equal(Math.round(shown * 100), allTime, 'the import counted nothing twice');
  });

  it('brings the first window back on a second launch instead of starting again', async () => {
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.hide());
    assert.equal(await runToExit(env), 0, 'the second instance hands over and quits');
    await until('the first window shown again', () => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().some((w) => w.isVisible())));
  });

  it('releases the data folder when it quits: perpvol serve starts on it next', async () => {
    await app.close();
    const serve = await spawnServe({ dataDir, env: { PERPVOL_MASTER_KEY: 'desktop-smoke-master-key' } });
    assert.match(serve.url, /^http:\/\/127\.0\.0\.1:\d+/);
    await serve.stop();
  });

  it('tells a database module built for another ABI in a dialog with the fix, and exits 2', async () => {
    const failing = mkdtempSync(join(tmpdir(), 'perpvol-desktop-abi-'));
    const dialogs = join(failing, 'dialogs.jsonl');
    try {
      const nodeBuild = require.resolve('better-sqlite3/build/Release/better_sqlite3.node');
      const code = await runToExit({ ...env, PERPVOL_DATA_DIR: failing, PERPVOL_TEST_DIALOG_LOG: dialogs, PERPVOL_SQLITE_BINDING: nodeBuild });
      assert.equal(code, 2);
      const [shown] = readFileSync(dialogs, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { title: string; content: string });
      assert.equal(shown!.title, "Perpvol's database module will not load");
      assert.match(shown!.content, PACKAGED ? /Reinstall Perpvol with the installer/ : /Run `npm run native:electron`/);
      assert.match(readFileSync(join(failing, STARTUP_LOG_FILE), 'utf8'), /\[native-module, exit 2\]/);
    } finally {
      rmSync(failing, { recursive: true, force: true });
    }
  });
});
