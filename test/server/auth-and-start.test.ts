/**
 * Starting the server (one stdout line, loopback, clear errors) and its bearer-token guard:
 * the token file is created 0600 and reused, PERPVOL_API_TOKEN wins, and every API route but
 * health answers 401 without the right token.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_TOKEN_FILE, bearerMatches, resolveApiToken } from '../../src-main/server/api-token.ts';
import { isLoopbackHost, startServer } from '../../src-main/server/start.ts';
import { PerpvolError } from '../../src-main/core/errors.ts';
import { runPerpvol } from '../support/perpvol-cli.ts';
import { DEFAULT_AUTH_BACKOFF } from '../../src-main/server/auth-backoff.ts';
import { httpCall, TEST_MASTER_KEY, TEST_TOKEN } from './harness.ts';

const RIGHT_TOKEN = 'right-token-1-0123456789abcdefghijkl';
/** For tests that send many wrong tokens on purpose: no delay, no lockout. */
const NO_BACKOFF = { ...DEFAULT_AUTH_BACKOFF, freeFailures: 1_000, lockAfter: 1_000 };

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'perpvol-auth-'));
process.env.PERPVOL_MASTER_KEY ??= TEST_MASTER_KEY;

describe('the API token', () => {
  test('is generated on first start into <data-dir>/api-token with mode 0600, its path printed, and reused after', async () => {
    const dataDir = tempDir();
    const lines: string[] = [];
    const saved = process.env.PERPVOL_API_TOKEN;
    delete process.env.PERPVOL_API_TOKEN;
    try {
      const server = await startServer({ port: 0, dataDir, databaseUrl: null, staticDir: null, schedule: false, log: (line) => lines.push(line) });
      const path = join(dataDir, API_TOKEN_FILE);
      assert.equal(server.apiTokenPath, path);
      if (process.platform !== 'win32') assert.equal(statSync(path).mode & 0o777, 0o600);
      assert.ok(lines.some((line) => line.includes(path)), 'the token path is printed');
      const token = readFileSync(path, 'utf8').trim();
      assert.ok(token.length >= 40);
      assert.ok(!lines.some((line) => line.includes(token)), 'the token itself is never printed');
      assert.equal((await httpCall(server.url, 'GET', '/api/v1/accounts', { token })).status, 200);
      assert.equal((await httpCall(server.url, 'GET', '/api/v1/accounts', { token: `${token}x` })).status, 401);
      await server.close();

      const again = await resolveApiToken(dataDir);
      assert.equal(again.token, token);
      assert.equal(again.generated, false);
    } finally {
      if (saved !== undefined) process.env.PERPVOL_API_TOKEN = saved;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('a token file with loose permissions is tightened to 0600', { skip: process.platform === 'win32' }, async () => {
    const dataDir = tempDir();
    const first = await resolveApiToken(dataDir);
    chmodSync(first.path!, 0o644);
    await resolveApiToken(dataDir);
    assert.equal(statSync(first.path!).mode & 0o777, 0o600);
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('a data dir created for the first token is private to the user (0700), like the one the core creates', { skip: process.platform === 'win32' }, async () => {
    const parent = tempDir();
    const dataDir = join(parent, 'fresh');
    try {
      await resolveApiToken(dataDir);
      // The token is written before the database and secrets file exist; the folder they land in must not be world-readable.
      assert.equal(statSync(dataDir).mode & 0o777, 0o700);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  test('PERPVOL_API_TOKEN is used as is and no file is written', async () => {
    const dataDir = tempDir();
    const saved = process.env.PERPVOL_API_TOKEN;
    process.env.PERPVOL_API_TOKEN = 'from-the-environment-0123456789abcdef';
    try {
      const server = await startServer({ port: 0, dataDir, databaseUrl: null, staticDir: null, schedule: false, log: () => {} });
      assert.equal(server.apiTokenPath, null);
      assert.equal(existsSync(join(dataDir, API_TOKEN_FILE)), false);
      assert.equal((await httpCall(server.url, 'GET', '/api/v1/sync', { token: 'from-the-environment-0123456789abcdef' })).status, 200);
      await server.close();
    } finally {
      if (saved === undefined) delete process.env.PERPVOL_API_TOKEN;
      else process.env.PERPVOL_API_TOKEN = saved;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('a PERPVOL_API_TOKEN shorter than 32 characters is refused at start, saying how to make a good one', async () => {
    const dataDir = tempDir();
    try {
      for (const token of ['1', 'secret', 'a'.repeat(31)]) {
        await assert.rejects(
          startServer({ port: 0, dataDir, apiToken: token, databaseUrl: null, staticDir: null, schedule: false, log: () => {} }),
          (error: unknown) =>
            error instanceof PerpvolError && error.code === 'api_token_too_short' && error.message.includes(`${token.length} characters`) && /at least 32/.test(error.message) && /openssl rand/.test(error.message),
        );
      }
      assert.equal((await resolveApiToken(dataDir, 'a'.repeat(32))).token, 'a'.repeat(32), '32 characters are enough');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('`perpvol serve` with a short PERPVOL_API_TOKEN exits 1 with the message and never listens', async () => {
    const dataDir = tempDir();
    try {
      const run = await runPerpvol(['serve', '--port', '0', '--data-dir', dataDir], { PERPVOL_API_TOKEN: 'hunter2', PERPVOL_DATABASE_URL: '' });
      assert.equal(run.code, 1);
      assert.doesNotMatch(run.stdout, /listening on/);
      assert.match(run.stderr, /PERPVOL_API_TOKEN is 7 characters long; use at least 32/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('a token file someone shortened by hand is refused, with how to get a new one', async () => {
    const dataDir = tempDir();
    try {
      const { path } = await resolveApiToken(dataDir);
      writeFileSync(path!, 'short\n');
      await assert.rejects(resolveApiToken(dataDir), (error: unknown) => error instanceof PerpvolError && error.code === 'api_token_too_short' && /delete the file/.test(error.message));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('bearer matching accepts only the exact token in a Bearer header', () => {
    const token = 'abc123-token';
    assert.equal(bearerMatches('Bearer abc123-token', token), true);
    assert.equal(bearerMatches('bearer abc123-token', token), true);
    assert.equal(bearerMatches('Bearer abc123-toke', token), false);
    assert.equal(bearerMatches('Bearer abc123-token-and-more', token), false);
    assert.equal(bearerMatches('Basic abc123-token', token), false);
    assert.equal(bearerMatches('abc123-token', token), false);
    assert.equal(bearerMatches('Bearer ', token), false);
    assert.equal(bearerMatches(undefined, token), false);
    assert.equal(bearerMatches('Bearer ', ''), false, 'an empty token never matches');
  });

  test('every API route but health answers 401 with the error shape without the right token', async () => {
    const dataDir = tempDir();
    const server = await startServer({ port: 0, dataDir, apiToken: RIGHT_TOKEN, authBackoff: NO_BACKOFF, databaseUrl: null, staticDir: null, schedule: false, log: () => {} });
    try {
      const routes: [string, string][] = [
        ['GET', '/api/v1/accounts'], ['POST', '/api/v1/accounts'], ['GET', '/api/v1/accounts/x'], ['DELETE', '/api/v1/accounts/x'],
        ['POST', '/api/v1/sync'], ['GET', '/api/v1/sync'], ['GET', '/api/v1/volume/daily?from=2026-01-01&to=2026-01-02'],
        ['GET', '/api/v1/volume/summary'], ['GET', '/api/v1/fills'], ['GET', '/api/v1/events'], ['GET', '/api/v1/export/daily.csv'],
        ['GET', '/api/v1/export/fills.csv'], ['GET', '/api/v1/openapi.json'], ['GET', '/api/v1/no-such-route'], ['GET', '/api/v%31/accounts'],
      ];
      for (const [method, path] of routes) {
        for (const token of [null, 'wrong-token-1', `${RIGHT_TOKEN}x`, '']) {
          const answer = await httpCall(server.url, method, path, { token });
          assert.equal(answer.status, 401, `${method} ${path} with ${token}`);
          assert.equal(answer.json.error.code, 'unauthorized');
          assert.match(answer.json.error.message, /Bearer/);
        }
      }
      assert.equal((await httpCall(server.url, 'GET', '/api/v1/health', { token: null })).status, 200);
      assert.equal((await httpCall(server.url, 'GET', '/', { token: null })).status, 200, 'the dashboard page itself is public');
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('starting the server', () => {
  test('prints exactly one listening line with the loopback address and the bound port', async () => {
    const dataDir = tempDir();
    const lines: string[] = [];
    const server = await startServer({ port: 0, dataDir, apiToken: TEST_TOKEN, databaseUrl: null, staticDir: null, schedule: false, log: (line) => lines.push(line) });
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual(lines.filter((line) => line.startsWith('listening on')), [`listening on ${server.url}`]);
    assert.ok(!lines.some((line) => line.startsWith('warning')), 'no warning on loopback');
    await server.close();
    await server.close(); // idempotent
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('a port in use is a clear error, not a crash', async () => {
    const dataDir = tempDir();
    const first = await startServer({ port: 0, dataDir, apiToken: TEST_TOKEN, databaseUrl: null, staticDir: null, schedule: false, log: () => {} });
    const port = Number(new URL(first.url).port);
    const dataDir2 = tempDir();
    await assert.rejects(
      startServer({ port, dataDir: dataDir2, apiToken: TEST_TOKEN, databaseUrl: null, staticDir: null, schedule: false, log: () => {} }),
      (error: unknown) => error instanceof PerpvolError && error.code === 'port_in_use' && error.message.includes('--port'),
    );
    await first.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(dataDir2, { recursive: true, force: true });
  });

  test('a non-loopback host is warned about (and an address not on this machine is refused clearly)', async () => {
    const dataDir = tempDir();
    const lines: string[] = [];
    // 192.0.2.1 is TEST-NET-1: never an address of this machine, so nothing is exposed.
    await assert.rejects(
      startServer({ host: '192.0.2.1', port: 0, dataDir, apiToken: TEST_TOKEN, databaseUrl: null, staticDir: null, schedule: false, log: (line) => lines.push(line) }),
      (error: unknown) => error instanceof PerpvolError && error.code === 'bad_host',
    );
    assert.ok(lines.some((line) => line.startsWith('warning: listening on 192.0.2.1')));
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('loopback hosts are recognised', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1']) assert.equal(isLoopbackHost(host), true, host);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.com']) assert.equal(isLoopbackHost(host), false, host);
  });

  test('a bad PERPVOL_PORT is refused with a message naming it', async () => {
    const saved = process.env.PERPVOL_PORT;
    process.env.PERPVOL_PORT = 'eighty';
    const dataDir = tempDir();
    try {
      await assert.rejects(startServer({ dataDir, apiToken: 'x', log: () => {} }), /PERPVOL_PORT/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      if (saved === undefined) delete process.env.PERPVOL_PORT;
      else process.env.PERPVOL_PORT = saved;
    }
  });
});
