import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { createBybitConnector } from '../../../src-main/connectors/bybit/descriptor.ts';
import { BYBIT_ANSWERS } from '../../../src-main/connectors/bybit/errors.ts';
import { classifierFor } from '../../../src-main/connectors/kit/error-table.ts';
import type { ConnectorContext } from '../../../src-main/connectors/kit/connector.ts';
import type { RetryPolicy } from '../../../src-main/connectors/http/exchange-http-client.ts';
import { startBybitSimulator, type BybitSimulatorHandle } from '../../sim/bybit/simulator.ts';
import { NOW, quickRetry, runPass, unpaced } from './helpers.ts';

let sim: BybitSimulatorHandle;
before(async () => {
  sim = await startBybitSimulator({ seed: 3, fillsPerAccount: 50, now: () => NOW, enforceRateLimits: false });
});
after(() => sim.close());

const connect = (credentials: Record<string, string>, retry: Partial<RetryPolicy> = quickRetry) =>
  createBybitConnector({ baseUrl: sim.baseUrl, credentials } as ConnectorContext, { limiter: unpaced(), retry });
const firstPage = (credentials: Record<string, string>, retry: Partial<RetryPolicy> = quickRetry) => runPass(connect(credentials, retry), null, NOW, 1);

/** Asserts the error's code and that its message tells the user something they can do. */
async function rejectsWith(promise: Promise<unknown>, code: string, phrase: RegExp): Promise<void> {
  await assert.rejects(promise, (error: { code?: string; message?: string }) => {
    assert.equal(error.code, code);
    assert.match(error.message ?? '', phrase);
    return true;
  });
}

test('a clock that runs ahead of Bybit is reported in seconds with the fix, and not retried', async () => {
  sim.setClockOffset(-20_000); // the server is 20 s behind us
  try {
    const before = sim.stats().requests;
    // The offset is measured from the request's own timestamp, so it includes the request's way to the
    // simulator: past half a second (a loaded machine) 20 s reads as 19.
    await rejectsWith(firstPage(sim.accounts[0]!.credentials), 'clock_skew', /your computer's clock is (19|20) s off; sync your clock and retry/);
    assert.equal(sim.stats().requests - before, 1);
  } finally {
    sim.setClockOffset(0);
  }
});

test('a clock that runs behind beyond the recv window is reported too', async () => {
  sim.setClockOffset(9_000);
  try {
    await rejectsWith(firstPage(sim.accounts[0]!.credentials), 'clock_skew', /clock is (9|10) s off.*behind Bybit/s);
  } finally {
    sim.setClockOffset(0);
  }
});

test('an unknown API key is rejected as invalid with what to check', async () => {
  await rejectsWith(firstPage({ apiKey: 'nosuchkey', apiSecret: 'whatever' }), 'invalid_api_key', /mainnet, testnet and demo/);
});

test('a wrong secret is rejected as a bad signature', async () => {
  await rejectsWith(firstPage({ apiKey: sim.accounts[0]!.credentials['apiKey']!, apiSecret: 'wrong' }), 'invalid_signature', /secret/);
});

test('a key without contract permission is told which permission to enable', async () => {
  const credentials = sim.addKey(0, { permissions: { ContractTrade: [], Derivatives: [], Options: [], Spot: ['SpotTrade'], Wallet: [] } });
  await rejectsWith(firstPage(credentials), 'permission_denied', /Contract \(Orders and Positions\)/);
});

test('a key bound to other IP addresses is reported as not whitelisted', async () => {
  const credentials = sim.addKey(0, { ips: ['203.0.113.7'] });
  await rejectsWith(firstPage(credentials), 'ip_not_whitelisted', /IP/);
});

test('an expired key says to create a new one', async () => {
  const credentials = sim.addKey(0, { deadlineDay: -1 });
  await rejectsWith(firstPage(credentials), 'api_key_expired', /new read-only key/);
});

test('maintenance is retried, then reported as the exchange being unavailable', async () => {
  sim.setMaintenance(true);
  try {
    const before = sim.stats().requests;
    await rejectsWith(firstPage(sim.accounts[0]!.credentials, { ...quickRetry, maxAttempts: 3 }), 'exchange_maintenance', /maintenance/);
    assert.equal(sim.stats().requests - before, 3);
  } finally {
    sim.setMaintenance(false);
  }
});

test('a 429 is waited out until Bybit\'s reset time and the same pass continues', async () => {
  sim.injectFaults('rate_limit', 3);
  const before = sim.requestsTo('/v5/execution/list');
  const page = await firstPage(sim.accounts[0]!.credentials, { ...quickRetry, maxAttempts: 2 });
  assert.equal(page.pages.length, 1);
  assert.equal(sim.requestsTo('/v5/execution/list') - before, 4, 'three 429s waited out, then the page');
});

test('a rate limit still spent after several windows in a row ends as rate_limited, retryable, saying so', async () => {
  sim.injectFaults('rate_limit', 3);
  await rejectsWith(
    firstPage(sim.accounts[0]!.credentials, { ...quickRetry, rateLimitedWindows: 2 }),
    'rate_limited',
    /Bybit answered "too many requests" to GET \/v5\/execution\/list 3 times in a row/,
  );
  sim.clearFaults();
});

test('an answer cut off mid-JSON is retried, and reported as malformed only if it keeps happening', async () => {
  sim.injectFaults('truncated_json', 1);
  const page = await firstPage(sim.accounts[0]!.credentials);
  assert.equal(page.pages.length, 1);
  sim.injectFaults('truncated_json', 2);
  await assert.rejects(firstPage(sim.accounts[0]!.credentials, { ...quickRetry, maxAttempts: 2 }), { code: 'malformed_response' });
});

test('credentials missing a secret are refused before any request', () => {
  assert.throws(() => connect({ apiKey: 'k' }), { code: 'missing_credentials' });
});

test('a result of the wrong shape is a malformed response, and nothing is stored', async () => {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ retCode: 0, retMsg: 'OK', result: { category: 'linear', list: 'nope', nextPageCursor: '' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const connector = createBybitConnector({ baseUrl: `http://127.0.0.1:${port}`, credentials: { apiKey: 'k', apiSecret: 's' } }, { limiter: unpaced() });
    await assert.rejects(runPass(connector, null, NOW, 1), { code: 'malformed_response' });
  } finally {
    server.close();
  }
});

const classifyBybitResponse = classifierFor(BYBIT_ANSWERS);

test('retries wait exactly until the reset time Bybit gives for retCode 10006', () => {
  const reset = Date.now() + 700;
  const verdict = classifyBybitResponse({
    status: 200,
    headers: { 'x-bapi-limit-reset-timestamp': String(reset) },
    text: JSON.stringify({ retCode: 10006, retMsg: 'Too many visits!', result: {} }),
  });
  assert.equal(verdict.retry, true);
  assert.ok(verdict.retry && verdict.delayMs !== undefined && verdict.delayMs > 600 && verdict.delayMs <= 700);
});

test('an IP ban (HTTP 403) is not hammered with retries and says to wait ten minutes', async () => {
  assert.deepEqual(classifyBybitResponse({ status: 403, headers: {}, text: 'access too frequent' }), { retry: false });
  const server = createServer((_req, res) => {
    res.writeHead(403, { 'content-type': 'text/plain' });
    res.end('access too frequent');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const connector = createBybitConnector({ baseUrl: `http://127.0.0.1:${port}`, credentials: { apiKey: 'k', apiSecret: 's' } }, { limiter: unpaced() });
    await rejectsWith(runPass(connector, null, NOW, 1), 'ip_rate_limited', /10 minutes/);
  } finally {
    server.close();
  }
});

test('no error message ever contains the API secret', async () => {
  const secret = sim.accounts[0]!.credentials['apiSecret']!;
  sim.setClockOffset(-20_000);
  try {
    await assert.rejects(firstPage(sim.accounts[0]!.credentials), (error: Error) => !error.message.includes(secret));
  } finally {
    sim.setClockOffset(0);
  }
});
