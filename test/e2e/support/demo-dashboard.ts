/**
 * The setting the demo-backed browser suites share: the demo's four simulators, a real headless
 * server on a fresh data folder with one account per exchange, an authorised API caller, and the
 * page moves every suite makes (open a view in a theme, read the chart's colours, measure sideways
 * scroll).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../../src-main/server/start.ts';
import { startDemoSimulators, type DemoSimulators } from '../../sim/demo/demo-simulators.ts';
import { ensureRendererBuilt, SCREENSHOTS } from './chromium-session.ts';

/** Generous waits for UI states (a slow CI machine), never assertions about speed. */
const WAIT = { timeout: 90_000 };

export interface DemoDashboard {
  sims: DemoSimulators;
  server: RunningServer;
  /** The server's data folder (where its tier-tables.json goes). */
  dataDir: string;
  /** GET without a body, POST with one (or `method`); a 204 answers null. Fails the test on a non-2xx. */
  api<T>(path: string, body?: unknown, method?: string): Promise<T>;
  close(): Promise<void>;
}

/** `name` tells this suite's data folder and master key apart from the others'. */
export async function startDemoDashboard(name: string, token: string): Promise<DemoDashboard> {
  ensureRendererBuilt();
  mkdirSync(SCREENSHOTS, { recursive: true });
  process.env.PERPVOL_MASTER_KEY ??= `e2e-${name}-master-key`;
  const sims = await startDemoSimulators({ seed: 2024 });
  const dataDir = mkdtempSync(join(tmpdir(), `perpvol-e2e-${name}-`));
  const server = await startServer({ host: '127.0.0.1', port: 0, dataDir, databaseUrl: null, apiToken: token, schedule: false, log: () => {}, startedWith: 'npm run demo' });
  const api = async <T,>(path: string, body?: unknown, method?: string): Promise<T> => {
    const answer = await fetch(`${server.url}/api/v1/${path}`, {
      method: method ?? (body === undefined ? 'GET' : 'POST'),
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    assert.ok(answer.status >= 200 && answer.status < 300, `${path}: ${answer.status} ${await answer.clone().text()}`);
    return (answer.status === 204 ? null : await answer.json()) as T;
  };
  for (const { exchange, addInput } of sims.exchanges) await api('accounts', { ...addInput, label: `Demo ${exchange}` });
  return {
    sims,
    server,
    dataDir,
    api,
    async close() {
      await server.close().catch(() => {});
      await sims.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface PageMoves {
  /** How far the page scrolls sideways (0 on a page that fits). */
  sideways(): Promise<number>;
  /** The view at `hash` in `theme`, reloaded, once the app's shell is there (optionally at a viewport size first). */
  open(hash: string, theme: 'light' | 'dark', viewport?: { width: number; height: number }): Promise<void>;
  /** The daily chart's series colours, by series key. */
  colours(): Promise<Record<string, string>>;
}

export function pageMoves(page: () => Page): PageMoves {
  return {
    sideways: () => page().evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    async open(hash, theme, viewport) {
      if (viewport) await page().setViewportSize(viewport);
      await page().evaluate((t) => localStorage.setItem('perpvol.theme', t), theme);
      await page().evaluate((h) => { location.hash = h; }, hash);
      await page().reload();
      // reload() returns at the load event, before React has rendered anything: a key pressed now
      // lands on <body>. The shell's <main> is there once the app is.
      await page().locator('main#main').waitFor({ state: 'attached', ...WAIT });
    },
    colours: async () => JSON.parse((await page().getByTestId('daily-chart').getAttribute('data-colors')) ?? '{}') as Record<string, string>,
  };
}
