/**
 * The server says how it was started (health's `startedWith`), so the dashboard's "connection lost"
 * banner names the command the user actually ran: npm tells its script's name, the demo says so itself.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { startCommandFromEnv } from '../../src-main/server/start-command.ts';
import { startServer } from '../../src-main/server/start.ts';
import { httpCall, TEST_MASTER_KEY, TEST_TOKEN } from './harness.ts';

describe('the command that started the server', () => {
  test('is read from the npm script that runs it, else the installed perpvol serve', () => {
    assert.equal(startCommandFromEnv({ npm_lifecycle_event: 'headless' }), 'npm run headless');
    assert.equal(startCommandFromEnv({ npm_lifecycle_event: 'demo' }), 'npm run demo');
    assert.equal(startCommandFromEnv({ npm_lifecycle_event: 'perpvol' }), 'npm run perpvol -- serve');
    assert.equal(startCommandFromEnv({ npm_lifecycle_event: 'test' }), 'perpvol serve');
    assert.equal(startCommandFromEnv({}), 'perpvol serve');
  });

  test('is what health reports, without a token', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'perpvol-start-command-'));
    process.env.PERPVOL_MASTER_KEY ??= TEST_MASTER_KEY;
    const server = await startServer({ port: 0, dataDir, databaseUrl: null, apiToken: TEST_TOKEN, staticDir: null, schedule: false, log: () => {}, startedWith: 'npm run demo' });
    try {
      const answer = await httpCall(server.url, 'GET', '/api/v1/health', { token: null });
      assert.equal(answer.status, 200);
      assert.equal(answer.json.startedWith, 'npm run demo');
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
