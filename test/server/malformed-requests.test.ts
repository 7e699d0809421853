/**
 * Bad input never gets a 500 and never gets a secret back: a battery of malformed requests and a
 * property-based fuzz of every route against a real server (SQLite), plus the redaction of a
 * credential an error message might quote.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildServerApp } from '../../src-main/server/app.ts';
import { startRejectingBybit } from './bybit-stub.ts';
import { FakeApi, REJECTED_SECRET } from './fake-api.ts';
import { httpCall, startTestServer, TEST_TOKEN, type HttpAnswer, type TestServer } from './harness.ts';

const SECRET = 'fuzz-secret-value-9f8e7d6c5b4a';
const HL_ADDRESS = '0x1111111111111111111111111111111111111111';

function assertErrorShape(answer: HttpAnswer, status: number, code?: string | RegExp): void {
  assert.equal(answer.status, status, answer.text);
  assert.equal(typeof answer.json?.error?.code, 'string', answer.text);
  assert.equal(typeof answer.json?.error?.message, 'string', answer.text);
  assert.deepEqual(Object.keys(answer.json), ['error']);
  if (typeof code === 'string') assert.equal(answer.json.error.code, code);
  else if (code) assert.match(answer.json.error.message, code);
}

describe('malformed requests', () => {
  let server: TestServer;
  let stub: Awaited<ReturnType<typeof startRejectingBybit>>;

  before(async () => {
    stub = await startRejectingBybit();
    server = await startTestServer();
  });
  after(async () => {
    await server?.close();
    await stub?.close();
  });

  const post = (path: string, rawBody: string, contentType = 'application/json') =>
    server.call('POST', path, { rawBody, headers: { 'content-type': contentType } });

  test('broken JSON, an empty JSON body and JSON that is not an object answer 400', async () => {
    assertErrorShape(await post('/api/v1/accounts', '{"exchange": "bybit",'), 400, 'malformed_json');
    assertErrorShape(await post('/api/v1/accounts', ''), 400);
    assertErrorShape(await post('/api/v1/accounts', 'null'), 400);
    assertErrorShape(await post('/api/v1/accounts', '"bybit"'), 400);
    assertErrorShape(await post('/api/v1/accounts', '[1,2]'), 400);
    assertErrorShape(await post('/api/v1/sync', '{"accountIds": "all"}'), 400, /accountIds/);
    assertErrorShape(await post('/api/v1/accounts', '{"__proto__": {"admin": true}}'), 400);
  });

  test('wrong field types and unknown exchanges answer 400 naming the field', async () => {
    const label = await server.call('POST', '/api/v1/accounts', { body: { exchange: 'bybit', label: 5, credentials: {} } });
    assertErrorShape(label, 400, /`label`/);
    const exchange = await server.call('POST', '/api/v1/accounts', { body: { exchange: 'mtgox', label: 'x', credentials: {} } });
    assertErrorShape(exchange, 400, /`exchange`.*bybit/);
    const credentials = await server.call('POST', '/api/v1/accounts', { body: { exchange: 'bybit', label: 'x', credentials: ['k', 's'] } });
    assertErrorShape(credentials, 400, /`credentials`/);
    const baseUrl = await server.call('POST', '/api/v1/accounts', { body: { exchange: 'hyperliquid', label: 'x', credentials: { address: HL_ADDRESS }, baseUrl: 'ftp://example' } });
    assertErrorShape(baseUrl, 400, /`baseUrl`/);
    const validate = await server.call('POST', '/api/v1/accounts', { body: { exchange: 'hyperliquid', label: 'x', credentials: { address: HL_ADDRESS }, validate: 'no' } });
    assertErrorShape(validate, 400, /`validate`/);
  });

  test('credentials of the wrong shape answer 400 without echoing them', async () => {
    const answer = await server.call('POST', '/api/v1/accounts', { body: { exchange: 'paradex', label: 'x', credentials: { address: '0x12', privateKey: SECRET } } });
    assertErrorShape(answer, 400);
    assert.ok(!answer.text.includes(SECRET));
    const missing = await server.call('POST', '/api/v1/accounts', { body: { exchange: 'bybit', label: 'x', credentials: { apiKey: SECRET } } });
    assertErrorShape(missing, 400);
    assert.ok(!missing.text.includes(SECRET));
  });

  test('bad dates, reversed and overlong ranges, and bad query values answer 400', async () => {
    const daily = (query: string) => server.call('GET', `/api/v1/volume/daily?${query}`);
    assertErrorShape(await daily('from=2026-13-01&to=2026-12-31'), 400, /`from`/);
    assertErrorShape(await daily('from=2026-02-30&to=2026-03-01'), 400, /`from`.*calendar/);
    assertErrorShape(await daily('from=yesterday&to=2026-01-01'), 400, /YYYY-MM-DD/);
    assertErrorShape(await daily('to=2026-01-01'), 400, /`from`/);
    assertErrorShape(await daily('from=2026-02-01&to=2026-01-01'), 400, 'invalid_range');
    assertErrorShape(await daily('from=1900-01-01&to=2026-01-01'), 400, 'range_too_long');
    assertErrorShape(await daily('from=2026-01-01&to=2026-01-02&groupBy=planet'), 400, /`groupBy`/);
    assertErrorShape(await daily('from=2026-01-01&to=2026-01-02&exchange=ftx'), 400, /`exchange`/);
    for (const limit of ['0', '1001', 'abc', '1.5', '-3', '']) {
      assertErrorShape(await server.call('GET', `/api/v1/fills?limit=${limit}`), 400, /`limit`/);
    }
    assertErrorShape(await server.call('GET', '/api/v1/fills?from=2026-1-1'), 400, /`from`/);
    assertErrorShape(await server.call('DELETE', '/api/v1/accounts/x?purge=maybe'), 400, /`purge`/);
  });

  test('a cursor that was never issued answers 400, not 500', async () => {
    for (const cursor of ['garbage', 'eyJ4IjoxfQ', '%00', 'a'.repeat(500)]) {
      const answer = await server.call('GET', `/api/v1/fills?cursor=${encodeURIComponent(cursor)}`);
      assert.ok(answer.status === 400 || answer.status === 200, `${cursor}: ${answer.text}`);
      if (answer.status !== 200) assertErrorShape(answer, 400);
    }
  });

  test('a body over the limit answers 413 and other media types 415', async () => {
    const huge = JSON.stringify({ exchange: 'bybit', label: 'x', credentials: { apiKey: 'k'.repeat(200_000), apiSecret: 's' } });
    assertErrorShape(await post('/api/v1/accounts', huge), 413, 'body_too_large');
    assertErrorShape(await post('/api/v1/accounts', 'exchange=bybit', 'application/x-www-form-urlencoded'), 415);
    assertErrorShape(await post('/api/v1/accounts', '{}', 'text/plain'), 415);
  });

  test('unknown ids, routes and methods answer 404', async () => {
    assertErrorShape(await server.call('GET', '/api/v1/accounts/does-not-exist'), 404, 'account_not_found');
    assertErrorShape(await server.call('DELETE', '/api/v1/accounts/does-not-exist'), 404, 'account_not_found');
    assertErrorShape(await server.call('POST', '/api/v1/sync', { body: { accountIds: ['does-not-exist'] } }), 404);
    assertErrorShape(await server.call('GET', '/api/v1/fills?accountId=does-not-exist'), 404);
    assertErrorShape(await server.call('GET', '/api/v1/volume/daily?from=2026-01-01&to=2026-01-02&accountId=nope'), 404);
    assertErrorShape(await server.call('GET', '/api/v1/nothing-here'), 404, 'route_not_found');
    assertErrorShape(await server.call('PUT', '/api/v1/accounts', { body: {} }), 404);
    assertErrorShape(await server.call('GET', '/nothing-here'), 404);
  });

  test('a malformed percent-encoding in the URL answers 400', async () => {
    assertErrorShape(await server.call('GET', '/api/v1/accounts/%E0%A4%A'), 400);
  });

  test('fuzzed requests to every route never answer 500 and never contain a secret', async () => {
    const paths = [
      '/api/v1/health', '/api/v1/accounts', '/api/v1/accounts/x', '/api/v1/sync', '/api/v1/volume/daily', '/api/v1/volume/summary',
      '/api/v1/fills', '/api/v1/export/daily.csv', '/api/v1/export/fills.csv', '/api/v1/openapi.json', '/api/v1/accounts/%ZZ', '/',
    ];
    const queryValue = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('2026-01-01', '2026-02-29', '2024-02-29', '0000-00-00', '9999-12-31', 'true', 'false', '1001', '-1', '0', 'exchange', 'symbol', 'account', 'bybit'),
    );
    const query = fc.dictionary(fc.constantFrom('from', 'to', 'limit', 'cursor', 'accountId', 'exchange', 'groupBy', 'purge', 'x'), queryValue, { maxKeys: 4 });
    const credentials = fc.dictionary(fc.constantFrom('apiKey', 'apiSecret', 'address', 'privateKey', 'x'), fc.oneof(fc.constant(SECRET), fc.constant(HL_ADDRESS), fc.constant(`0x${SECRET.length.toString(16)}`)), { maxKeys: 3 });
    const accountBody = fc.record(
      {
        exchange: fc.oneof(fc.constantFrom('bybit', 'woox', 'hyperliquid', 'paradex'), fc.string({ maxLength: 8 })),
        label: fc.oneof(fc.string({ maxLength: 12 }), fc.integer()),
        credentials: fc.oneof(credentials, fc.anything({ maxDepth: 1 })),
        validate: fc.oneof(fc.boolean(), fc.string({ maxLength: 3 })),
        accountIds: fc.oneof(fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }), fc.anything({ maxDepth: 1 })),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      accountBody.map((value) => JSON.stringify(value)),
      fc.json({ maxDepth: 2 }),
      fc.string({ maxLength: 40 }),
      fc.constant(undefined),
    );
    const request = fc.record({
      method: fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'PATCH'),
      path: fc.constantFrom(...paths),
      query,
      body,
      contentType: fc.constantFrom('application/json', 'text/plain', undefined),
      token: fc.constantFrom<string | null>(TEST_TOKEN, TEST_TOKEN, TEST_TOKEN, 'wrong', null),
    });

    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        let rawBody = r.body;
        // Any account the fuzzer manages to add must talk to the loopback stub, never a real exchange.
        if (rawBody !== undefined) {
          try {
            const parsed = JSON.parse(rawBody) as unknown;
            if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) rawBody = JSON.stringify({ ...parsed, baseUrl: stub.baseUrl });
          } catch {
            // not JSON: sent as is
          }
        }
        const search = new URLSearchParams(r.query).toString();
        const method = r.method;
        const answer = await httpCall(server.url, method, `${r.path}${search ? `?${search}` : ''}`, {
          token: r.token,
          ...(rawBody !== undefined && method !== 'GET' ? { rawBody, headers: r.contentType ? { 'content-type': r.contentType } : {} } : {}),
        });
        assert.ok(answer.status < 500, `${r.method} ${r.path}?${search} ${rawBody ?? ''} → ${answer.status} ${answer.text}`);
        assert.ok(!answer.text.includes(SECRET), `secret echoed by ${r.method} ${r.path}: ${answer.text}`);
        assert.ok(!/\bat .+:\d+:\d+\)/.test(answer.text), 'no stack trace');
        if (answer.status >= 300) assert.equal(typeof answer.json?.error?.code, 'string', answer.text);
      }),
      { numRuns: 400, seed: 20260126 },
    );
  });
});

describe('error redaction', () => {
  test('a credential quoted in an error message is redacted before it is sent', async () => {
    const api = new FakeApi();
    const app = await buildServerApp(api, { token: TEST_TOKEN, staticDir: null });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const answer = await httpCall(url, 'POST', '/api/v1/accounts', {
        body: { exchange: 'bybit', label: 'x', credentials: { apiKey: 'key-1234', apiSecret: REJECTED_SECRET } },
      });
      assertErrorShape(answer, 422, 'invalid_api_key');
      assert.ok(!answer.text.includes(REJECTED_SECRET));
      assert.match(answer.json.error.message, /\[redacted\]/);
    } finally {
      await app.close();
    }
  });

  test('an unexpected failure answers 500 with a generic message, never its own text', async () => {
    const api = new FakeApi();
    api.summary = async () => {
      throw new Error(`database password is ${SECRET}`);
    };
    const lines: string[] = [];
    const app = await buildServerApp(api, { token: TEST_TOKEN, staticDir: null, log: (line) => lines.push(line) });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const answer = await httpCall(url, 'GET', '/api/v1/volume/summary');
      assertErrorShape(answer, 500, 'internal_error');
      assert.ok(!answer.text.includes(SECRET));
      assert.equal(lines.length, 1, 'the failure is logged for the operator');
    } finally {
      await app.close();
    }
  });
});
