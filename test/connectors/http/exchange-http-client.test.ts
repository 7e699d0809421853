/**
 * The shared HTTP client over real HTTP on loopback: what is retried (rate limits waited out, 5xx,
 * dropped connections, JSON cut off), what fails at once (404, HTML, unreachable hosts), and what
 * a timeout becomes. Attempts are counted at the server; nothing here measures time.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import { PerpvolError } from '../../../src-main/core/errors.ts';
import { deadlineSignal } from '../../../src-main/connectors/http/exchange-http-client.ts';
import { DEFAULT_RETRY, ExchangeHttpClient, type ExchangeAnswer, type RetryPolicy } from '../../../src-main/connectors/http/exchange-http-client.ts';
import { readAnswer, type ErrorTable } from '../../../src-main/connectors/kit/error-table.ts';

/** The JSON of an answer, read as an exchange without an error envelope of its own would read it. */
const parseJson = (answer: ExchangeAnswer, label: string): unknown => readAnswer({ label, rows: [], readWords: () => null }, answer);
import { SpendingFile } from '../../../src-main/connectors/http/limiter-spending-file.ts';
import { WeightedRateLimiter } from '../../../src-main/connectors/http/rate-limiter.ts';
import { SimulatedClock } from '../../support/simulated-clock.ts';

type Handler = (req: IncomingMessage, res: ServerResponse, attempt: number) => void;

const servers: { close(): void; closeAllConnections(): void }[] = [];
after(() => servers.forEach((server) => (server.closeAllConnections(), server.close())));

/** A server answering attempt n with `handler(…, n)`; returns its URL and how many requests it saw. */
async function serve(handler: Handler): Promise<{ url: string; attempts: () => number }> {
  let attempts = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => handler(req, res, ++attempts));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, attempts: () => attempts };
}

/** A port nothing listens on. */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

const FAST: RetryPolicy = { ...DEFAULT_RETRY, baseDelayMs: 5, maxDelayMs: 20 };
/** An exchange with no error codes of its own: only the retries every exchange shares. */
const TESTEX: ErrorTable = { label: 'Testex', rows: [], readWords: () => null };

function client(baseUrl: string, options: { retry?: Partial<RetryPolicy>; timeoutMs?: number; windowMs?: number } = {}) {
  return new ExchangeHttpClient({
    answers: TESTEX,
    baseUrl,
    limiter: new WeightedRateLimiter({ capacity: 1_000, intervalMs: options.windowMs ?? 20 }),
    retry: { ...FAST, ...options.retry },
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

async function failure(promise: Promise<unknown>): Promise<PerpvolError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PerpvolError, `a PerpvolError, not ${String(error)}`);
    return error;
  }
  return assert.fail('expected the request to fail');
}

describe('rate-limit answers are waited out, and the request continues', () => {
  test('a 429 with Retry-After pauses, then the same request succeeds', async () => {
    const server = await serve((_req, res, n) => (n <= 2 ? json(res, 429, { error: 'slow down' }, { 'retry-after': '0.05' }) : json(res, 200, { ok: n })));
    const answer = await client(server.url).send({ method: 'GET', path: '/v1/data' }, AbortSignal.timeout(20_000));
    assert.equal(answer.status, 200);
    assert.deepEqual(JSON.parse(answer.text), { ok: 3 });
  });

  test('a 429 without a reset time waits one window of the budget and continues', async () => {
    const server = await serve((_req, res, n) => (n === 1 ? json(res, 429, 'Too many requests') : json(res, 200, [])));
    const answer = await client(server.url, { windowMs: 30 }).send({ method: 'POST', path: '/info', body: '{}' }, AbortSignal.timeout(20_000));
    assert.equal(answer.status, 200);
    assert.equal(server.attempts(), 2);
  });

  test('rate limits that stay spent for several windows in a row end the request, saying so', async () => {
    const server = await serve((_req, res) => json(res, 429, 'Too many requests', { 'retry-after': '0.01' }));
    const error = await failure(client(server.url, { retry: { rateLimitedWindows: 3 } }).send({ method: 'GET', path: '/v5/execution/list' }, AbortSignal.timeout(20_000)));
    assert.equal(error.kind, 'rate_limited');
    assert.equal(error.httpStatus, 503);
    assert.match(error.message, /Testex answered "too many requests" to GET \/v5\/execution\/list 4 times in a row/);
    assert.match(error.message, /another program/);
    assert.equal(server.attempts(), 4, 'three windows waited out, the fourth refusal ends it');
  });

  test('rate-limit answers do not use up the attempts meant for server errors', async () => {
    const server = await serve((_req, res, n) => (n <= 4 ? json(res, 429, 'x', { 'retry-after': '0.01' }) : json(res, 200, { ok: true })));
    const answer = await client(server.url, { retry: { maxAttempts: 2 } }).send({ method: 'GET', path: '/x' }, AbortSignal.timeout(20_000));
    assert.equal(answer.status, 200);
  });

  test('an interactive call whose deadline comes before the reset fails at once with the wait', async () => {
    const server = await serve((_req, res) => json(res, 429, 'x', { 'retry-after': '120' }));
    const error = await failure(client(server.url).send({ method: 'GET', path: '/v3/account/info' }, deadlineSignal(30_000)));
    assert.equal(error.code, 'rate_limited');
    assert.match(error.message, /resets in about 120 s/);
    assert.equal(server.attempts(), 1);
  });
});

describe('only transient answers are retried', () => {
  test('5xx is retried, and the last answer is handed to the connector to explain', async () => {
    const server = await serve((_req, res) => json(res, 503, '<html>maintenance</html>'));
    const answer = await client(server.url, { retry: { maxAttempts: 3 } }).send({ method: 'GET', path: '/x' }, AbortSignal.timeout(20_000));
    assert.equal(answer.status, 503);
    assert.equal(server.attempts(), 3);
  });

  test('JSON cut off mid-body is fetched again, never read as an empty page', async () => {
    const server = await serve((_req, res, n) => json(res, 200, n === 1 ? '{"rows":[{"id":1},{"i' : '{"rows":[{"id":1},{"id":2}]}'));
    const answer = await client(server.url).send({ method: 'GET', path: '/rows' }, AbortSignal.timeout(20_000));
    assert.deepEqual(parseJson(answer, 'Testex'), { rows: [{ id: 1 }, { id: 2 }] });
    assert.equal(server.attempts(), 2);
  });

  test('JSON cut off on every attempt is malformed_response (502), naming the request', async () => {
    const server = await serve((_req, res) => json(res, 200, '[{"id":1},'));
    const answer = await client(server.url, { retry: { maxAttempts: 3 } }).send({ method: 'GET', path: '/rows' }, AbortSignal.timeout(20_000));
    const error = await failure(Promise.resolve().then(() => parseJson(answer, 'Testex')));
    assert.equal(error.code, 'malformed_response');
    assert.equal(error.httpStatus, 502);
    assert.match(error.message, /Testex answered GET \/rows with an answer cut off/);
  });

  test('a 404 is handed over at once (one request), with the path it went to', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html><body>Not Found</body></html>');
    });
    const answer = await client(`${server.url}/api`).send({ method: 'GET', path: '/v3/account/credentials' }, AbortSignal.timeout(20_000));
    assert.equal(answer.status, 404);
    assert.equal(answer.where, 'GET /api/v3/account/credentials');
    assert.equal(server.attempts(), 1);
  });

  test('an HTML page with status 200 is not retried and fails as an unexpected answer', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!DOCTYPE html><html><body>Sign in to the Wi-Fi</body></html>');
    });
    const answer = await client(server.url).send({ method: 'GET', path: '/v1/fills' }, AbortSignal.timeout(20_000));
    const error = await failure(Promise.resolve().then(() => parseJson(answer, 'Testex')));
    assert.equal(server.attempts(), 1);
    assert.equal(error.code, 'unexpected_answer');
    assert.equal(error.httpStatus, 502);
  });

  test('a connection dropped mid-request is retried, and one that keeps dropping says so', async () => {
    const flaky = await serve((req, res, n) => (n === 1 ? req.socket.destroy() : json(res, 200, { ok: true })));
    assert.equal((await client(flaky.url).send({ method: 'GET', path: '/x' }, AbortSignal.timeout(20_000))).status, 200);
    const broken = await serve((req) => req.socket.destroy());
    const error = await failure(client(broken.url, { retry: { maxAttempts: 3 } }).send({ method: 'GET', path: '/x' }, AbortSignal.timeout(20_000)));
    assert.equal(error.code, 'exchange_unreachable');
    assert.equal(broken.attempts(), 3);
    assert.match(error.message, /kept dropping the connection for GET \/x \(3 attempts/);
  });
});

describe('no answer at all', () => {
  test('a refused connection fails at once with 502 exchange_unreachable, without retrying', async () => {
    const error = await failure(client(await closedPort()).send({ method: 'GET', path: '/x' }, AbortSignal.timeout(20_000)));
    assert.equal(error.code, 'exchange_unreachable');
    assert.equal(error.httpStatus, 502);
    assert.match(error.message, /Testex could not be reached at http:\/\/127\.0\.0\.1:\d+ \(.*ECONNREFUSED/);
  });

  test('a host that does not resolve fails the same way', async () => {
    const error = await failure(client('http://perpvol-test-host.invalid').send({ method: 'GET', path: '/x' }, AbortSignal.timeout(20_000)));
    assert.equal(error.code, 'exchange_unreachable');
    assert.equal(error.httpStatus, 502);
  });

  test('requests that never reached the exchange (refused, unknown host) spend no rate budget, in memory or in rate-limits.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perpvol-refund-'));
    try {
      const clock = new SimulatedClock();
      const limiter = new WeightedRateLimiter({ capacity: 1_200, intervalMs: 60_000 }, { clock, log: new SpendingFile(dir, clock.now()), key: 'hl' });
      const offline = (baseUrl: string) => new ExchangeHttpClient({ answers: TESTEX, baseUrl, limiter, retry: FAST });
      const refused = await closedPort();
      for (let i = 0; i < 5; i += 1) {
        for (const baseUrl of [refused, 'http://perpvol-test-host.invalid']) {
          const error = await failure(offline(baseUrl).send({ method: 'POST', path: '/info', weight: 20 }, AbortSignal.timeout(20_000)));
          assert.equal(error.code, 'exchange_unreachable');
        }
      }
      assert.equal(limiter.spentNow(), 0, 'the whole budget is still there');
      const restarted = new WeightedRateLimiter({ capacity: 1_200, intervalMs: 60_000 }, { clock, log: new SpendingFile(dir, clock.now()), key: 'hl' });
      assert.equal(restarted.spentNow(), 0, 'and a restart reads nothing spent from rate-limits.json');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a request that reached the exchange counts, even when its answer is an error', async () => {
    const limiter = new WeightedRateLimiter({ capacity: 1_200, intervalMs: 60_000 });
    const down = await serve((_req, res) => json(res, 404, { error: 'nope' }));
    await new ExchangeHttpClient({ answers: TESTEX, baseUrl: down.url, limiter, retry: FAST }).send({ method: 'POST', path: '/info', weight: 20 }, AbortSignal.timeout(20_000));
    assert.equal(limiter.spentNow(), 20);
  });

  test('a hung socket ends with 504 exchange_timeout after the answer timeout', async () => {
    const server = await serve(() => undefined); // accepts, never answers
    const error = await failure(client(server.url, { timeoutMs: 300 }).send({ method: 'GET', path: '/v5/user/query-api' }, AbortSignal.timeout(20_000)));
    assert.equal(error.code, 'exchange_timeout');
    assert.equal(error.httpStatus, 504);
    assert.match(error.message, /Testex did not answer GET \/v5\/user\/query-api within 1 s/);
    assert.equal(server.attempts(), 1, 'a timeout is not retried');
  });

  test('a deadline that passes mid-request is a 504 too, never a bare TimeoutError', async () => {
    const server = await serve(() => undefined);
    const error = await failure(client(server.url, { timeoutMs: 60_000 }).send({ method: 'GET', path: '/x' }, deadlineSignal(200)));
    assert.equal(error.code, 'exchange_timeout');
  });

  test('a cancelled request rejects with the caller’s own reason', async () => {
    const server = await serve(() => undefined);
    const controller = new AbortController();
    const pending = client(server.url, { timeoutMs: 60_000 }).send({ method: 'GET', path: '/x' }, controller.signal);
    setTimeout(() => controller.abort(new Error('sync stopped')), 50);
    await assert.rejects(pending, /sync stopped/);
  });
});
