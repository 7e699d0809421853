/**
 * What every browser suite needs: Debian's Chromium (driven by playwright-core) with the flags this
 * machine requires, a fresh profile, the built renderer, and the page's console errors collected so
 * a suite can assert there were none. One place, so a new flag or a new way to fail reaches all.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page, type ViewportSize } from 'playwright-core';
import { requireService } from '../../support/required-service.ts';

export const REPO = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const SCREENSHOTS = join(REPO, 'test-output', 'screenshots');
/** Debian's Chromium; PERPVOL_TEST_CHROMIUM points elsewhere (the CI-never-skips test points it at nothing). */
export const CHROMIUM = process.env.PERPVOL_TEST_CHROMIUM || '/usr/bin/chromium';
/** `npx playwright install` cannot work here: the system Chromium, kept off the network. */
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const RENDERER_INDEX = join(REPO, 'out', 'renderer', 'index.html');

/** The node:test options of a browser suite: skipped off CI without Chromium, failing under CI. */
export function needsChromium(): { skip?: string } {
  return requireService('Chromium', existsSync(CHROMIUM) ? null : `${CHROMIUM} does not exist (apt-get install chromium)`);
}

/** The dashboard is served from out/renderer; a suite run on its own builds it when missing. */
export function ensureRendererBuilt(): void {
  if (existsSync(RENDERER_INDEX)) return;
  console.warn('out/renderer is missing: building the renderer first (npx electron-vite build)');
  execFileSync('npx', ['electron-vite', 'build'], { cwd: REPO, stdio: 'inherit' });
}

export interface ChromiumSession {
  context: BrowserContext;
  page: Page;
  /** console.error lines and uncaught page errors, with the URL that logged them. */
  consoleErrors: string[];
  /** A full-page picture into test-output/screenshots/<name>.png, for a person to look at. */
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** A persistent context on a fresh profile (US English, UTC) whose first page is ready to drive. */
export async function openChromium(viewport: ViewportSize = { width: 1440, height: 900 }): Promise<ChromiumSession> {
  const profileDir = mkdtempSync(join(tmpdir(), 'perpvol-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, locale: 'en-US', timezoneId: 'UTC', viewport,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  return {
    context, page, consoleErrors,
    async shot(name) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      // From the top: a full-page shot taken while scrolled paints the sticky header mid-page.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    async close() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/**
 * A page's link in the header's navigation, by its exact name: a bare getByRole('link', { name })
 * matches names that merely contain it ("Hyperliquid fee tiers" in a card's footer), so whether it
 * is unique would depend on how far the page had loaded.
 */
export const navLink = (page: Page, name: string) => page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name, exact: true });
