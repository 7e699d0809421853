/**
 * The dashboard at `/`: the built renderer when out/renderer exists, otherwise a page saying how to
 * build it; a strict CSP on HTML; no CORS for other origins.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServerApp } from '../../src-main/server/app.ts';
import { DASHBOARD_CSP } from '../../src-main/server/dashboard.ts';
import { FakeApi } from './fake-api.ts';
import { httpCall, TEST_TOKEN } from './harness.ts';

async function serve(staticDir: string | null) {
  const app = await buildServerApp(new FakeApi(), { token: TEST_TOKEN, staticDir });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, close: () => app.close() };
}

describe('the dashboard', () => {
  test('serves the built renderer at / with a strict Content-Security-Policy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perpvol-renderer-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html><body><div id="root"></div><script type="module" src="/assets/app.js"></script></body></html>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log("perpvol")');
    const server = await serve(dir);
    try {
      const page = await httpCall(server.url, 'GET', '/', { token: null });
      assert.equal(page.status, 200);
      assert.match(page.text, /id="root"/);
      assert.equal(page.headers['content-security-policy'], DASHBOARD_CSP);
      assert.match(DASHBOARD_CSP, /script-src 'self'/);
      assert.doesNotMatch(DASHBOARD_CSP, /unsafe-(inline|eval)/);
      const script = await httpCall(server.url, 'GET', '/assets/app.js', { token: null });
      assert.equal(script.status, 200);
      assert.match(String(script.headers['content-type']), /javascript/);
      const missing = await httpCall(server.url, 'GET', '/assets/nope.js', { token: null });
      assert.equal(missing.status, 404);
      assert.equal(missing.json.error.code, 'route_not_found');
      assert.equal((await httpCall(server.url, 'GET', '/api/v1/nope', { token: null })).status, 401, 'the static wildcard does not open /api');
      assert.equal((await httpCall(server.url, 'GET', '/api/v1/nope')).status, 404);
      assert.equal((await httpCall(server.url, 'GET', '/api/v1/health', { token: null })).status, 200, 'API routes still win');
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('before a build, / says to run npm run build', async () => {
    const server = await serve(join(tmpdir(), 'perpvol-no-such-renderer-dir'));
    try {
      const page = await httpCall(server.url, 'GET', '/', { token: null });
      assert.equal(page.status, 200);
      assert.match(String(page.headers['content-type']), /^text\/html/);
      assert.match(page.text, /npm run build/);
      assert.equal(page.headers['content-security-policy'], DASHBOARD_CSP);
    } finally {
      await server.close();
    }
  });

  test('answers no CORS headers to other origins', async () => {
    const server = await serve(null);
    try {
      const answer = await httpCall(server.url, 'GET', '/api/v1/accounts', { headers: { origin: 'https://evil.example' } });
      assert.equal(answer.status, 200);
      assert.equal(answer.headers['access-control-allow-origin'], undefined);
      const preflight = await httpCall(server.url, 'OPTIONS', '/api/v1/accounts', {
        token: null,
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      assert.ok(preflight.status >= 400);
      assert.equal(preflight.headers['access-control-allow-origin'], undefined);
    } finally {
      await server.close();
    }
  });
});
