/**
 * GET /api/v1/exchanges: what the dashboard builds its account forms from — each exchange's kinds
 * of credential with their fields (which are secret), help, testnet origin, history limit and CSV
 * import — behind the token like every other route.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ExchangeInfo } from '../../src-shared/exchange-info.ts';
import { startTestServer, type TestServer } from './harness.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

test('lists each exchange with the credential fields its form asks for, which are secret, and what it keeps', async () => {
  const answer = await server.call('GET', '/api/v1/exchanges');
  assert.equal(answer.status, 200, answer.text);
  const { exchanges } = answer.json as { exchanges: ExchangeInfo[] };
  const fields = Object.fromEntries(exchanges.map((e) => [e.id, e.credentials.map((v) => [v.id, v.fields.map((f) => `${f.name}${f.secret ? '*' : ''}`)])]));
  assert.deepEqual(fields, {
    hyperliquid: [['address', ['address']]],
    bybit: [['api_key', ['apiKey', 'apiSecret*']]],
    woox: [['api_key', ['apiKey', 'apiSecret*']]],
    paradex: [['readonly_token', ['readonlyToken*']], ['subkey', ['address', 'privateKey*']]],
  });
  const byId = Object.fromEntries(exchanges.map((e) => [e.id, e]));
  assert.equal(byId['bybit']!.origins.test, 'https://api-testnet.bybit.com');
  assert.equal(byId['hyperliquid']!.history.limit, 'count');
  assert.deepEqual(exchanges.filter((e) => e.csvImport).map((e) => e.id), ['hyperliquid', 'bybit']);
  assert.equal((await server.call('GET', '/api/v1/exchanges', { token: null })).status, 401);
});

test('serves each exchange’s colours, the ones users know from the dashboard, no two alike', async () => {
  const { exchanges } = (await server.call('GET', '/api/v1/exchanges')).json as { exchanges: ExchangeInfo[] };
  const own = Object.fromEntries(exchanges.map((e) => [e.id, e.colors.own.light]));
  assert.deepEqual(own, { hyperliquid: '#0d9488', bybit: '#d97706', woox: '#2563eb', paradex: '#7c3aed' });
  const every = exchanges.flatMap((e) => [e.colors.own, ...e.colors.accounts].map((shade) => shade.light));
  assert.equal(new Set(every).size, every.length, 'an account shade of one exchange is never another’s colour');
  assert.ok(exchanges.every((e) => e.colors.accounts.length >= 3), 'four accounts of one exchange in four shades');
});
