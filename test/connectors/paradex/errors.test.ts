import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PerpvolError } from '../../../src-main/core/errors.ts';
import { createParadexConnector } from '../../../src-main/connectors/paradex/descriptor.ts';
import { startParadexSimulator, type ParadexSimulatorHandle } from '../../sim/paradex/index.ts';
import { simAddress, simKey } from '../../sim/paradex/sim-auth.ts';
import { FillCollector } from '../fill-collector.ts';
import { AUTH_OK, CONFIG_OK, fastOptions, MARKETS_OK, NO_BUSTS, startScriptedServer, type ScriptedAnswer } from './support.ts';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const KEY = simKey('errors-test/key');
const ADDRESS = simAddress('errors-test/address');
const CREDENTIALS = { address: ADDRESS, privateKey: KEY.privateKey };

async function failureOf(run: () => Promise<unknown>): Promise<PerpvolError> {
  try {
    await run();
  } catch (error) {
    assert.ok(error instanceof PerpvolError, `expected a PerpvolError, got ${String(error)}`);
    assert.ok(!error.message.includes(KEY.privateKey.slice(2)), 'the message must never carry the private key');
    return error;
  }
  assert.fail('expected a failure');
}

/** Runs a sync against a server answering the scripted routes, returns its failure. */
async function syncFailure(script: Record<string, ScriptedAnswer[]>): Promise<{ error: PerpvolError; calls: string[] }> {
  const server = await startScriptedServer({ 'GET /v1/system/config': [CONFIG_OK], 'POST /v1/auth': [AUTH_OK], 'GET /v1/tradebusts': [NO_BUSTS], 'GET /v1/markets': [MARKETS_OK], ...script });
  try {
    const connector = createParadexConnector({ baseUrl: server.baseUrl, credentials: CREDENTIALS }, fastOptions(() => NOW, 2));
    const error = await failureOf(() => new FillCollector().run(connector, NOW));
    return { error, calls: server.calls };
  } finally {
    await server.close();
  }
}

function expectError(error: PerpvolError, kind: PerpvolError['kind'], code: string, pattern: RegExp): void {
  assert.equal(error.kind, kind);
  assert.equal(error.code, code);
  assert.match(error.message, pattern);
}

describe('Paradex errors a person can act on', () => {
  let sim: ParadexSimulatorHandle;
  before(async () => {
    sim = await startParadexSimulator({ seed: 9, fillsPerAccount: 5, days: 3, now: () => NOW });
  });
  after(() => sim.close());

  it('refuses a malformed address or private key before any request, naming the field', () => {
    const thrown = (credentials: Record<string, string>): PerpvolError => {
      try {
        createParadexConnector({ baseUrl: sim.baseUrl, credentials });
      } catch (error) {
        return error as PerpvolError;
      }
      assert.fail('expected a failure');
    };
    const before = sim.stats().requests;
    expectError(thrown({ address: 'alice', privateKey: KEY.privateKey }), 'bad_input', 'paradex_invalid_address', /L2 \(StarkNet\) address/);
    expectError(thrown({ address: ADDRESS, privateKey: '0xnot-a-key' }), 'bad_input', 'paradex_invalid_private_key', /StarkNet private key/);
    expectError(thrown({ address: ADDRESS }), 'bad_input', 'paradex_invalid_private_key', /subkey/);
    assert.equal(sim.stats().requests, before);
  });

  it('says the key is not registered for the account when the signature does not verify', async () => {
    const account = sim.accounts[0]!;
    const stranger = { address: account.address, privateKey: simKey('errors-test/unregistered').privateKey };
    const error = await failureOf(() =>
      createParadexConnector({ baseUrl: sim.baseUrl, credentials: stranger }, fastOptions(() => NOW)).checkCredential(AbortSignal.timeout(10_000)),
    );
    expectError(error, 'credentials_rejected', 'paradex_invalid_signature', /neither the account's key nor a registered, unrevoked subkey/);
    assert.match(error.message, new RegExp(account.address));
  });

  it('says Paradex does not know an address that never onboarded, pointing at the L2 address', async () => {
    const error = await failureOf(() =>
      createParadexConnector({ baseUrl: sim.baseUrl, credentials: CREDENTIALS }, fastOptions(() => NOW)).checkCredential(AbortSignal.timeout(10_000)),
    );
    expectError(error, 'credentials_rejected', 'paradex_unknown_account', /L2 \(StarkNet\) account address.*not your Ethereum address/s);
  });

  it('blames the clock when Paradex refuses the login timestamps', async () => {
    const account = sim.accounts[1]!;
    const error = await failureOf(() =>
      createParadexConnector({ baseUrl: sim.baseUrl, credentials: account.credentials }, fastOptions(() => NOW + 3_600_000)).checkCredential(
        AbortSignal.timeout(10_000),
      ),
    );
    expectError(error, 'credentials_rejected', 'paradex_clock_skew', /clock/);
  });

  it('gives up with token_rejected when a fresh login is refused with 401 again', async () => {
    const unauthorized = { status: 401, body: { error: 'INVALID_TOKEN', message: 'invalid bearer jwt: token is expired' } };
    const { error, calls } = await syncFailure({ 'GET /v1/fills': [unauthorized] });
    expectError(error, 'credentials_rejected', 'paradex_token_rejected', /subkey was revoked/);
    assert.deepEqual(calls.filter((call) => call === 'POST /v1/auth').length, 2, 'logged in again exactly once');
    assert.deepEqual(calls.filter((call) => call === 'GET /v1/fills').length, 2);
  });

  it('maps each Paradex error code to a stable Perpvol code', async () => {
    const cases: [ScriptedAnswer, PerpvolError['kind'], string, RegExp][] = [
      [{ status: 400, body: { error: 'INVALID_STARKNET_SIGNATURE', message: 'bad signature' } }, 'credentials_rejected', 'paradex_invalid_signature', /subkey/],
      [{ status: 400, body: { error: 'ACCOUNT_NOT_FOUND', message: 'no account' } }, 'credentials_rejected', 'paradex_unknown_account', /Wallet/],
      [{ status: 400, body: { error: 'INVALID_STARKNET_ADDRESS' } }, 'credentials_rejected', 'paradex_unknown_account', /L2/],
      [{ status: 400, body: { error: 'INVALID_SIGNATURE_EXPIRATION' } }, 'credentials_rejected', 'paradex_clock_skew', /clock/],
      [{ status: 403, body: { error: 'GEO_IP_BLOCK', message: 'blocked' } }, 'exchange_unavailable', 'paradex_access_blocked', /region/],
      [{ status: 503, body: { error: 'SERVICE_UNAVAILABLE' } }, 'exchange_unavailable', 'paradex_unavailable', /try again/],
      [{ status: 502, body: '<html>bad gateway</html>' }, 'exchange_unavailable', 'paradex_unavailable', /HTTP 502/],
      [{ status: 400, body: { error: 'INVALID_REQUEST_PARAMETER', message: 'page_size' } }, 'exchange_unavailable', 'paradex_request_rejected', /report/],
      [{ status: 418, body: { error: 'SOMETHING_NEW' } }, 'exchange_unavailable', 'paradex_unexpected_answer', /HTTP 418/],
    ];
    for (const [answer, kind, code, pattern] of cases) {
      const { error } = await syncFailure({ 'POST /v1/auth': [answer] });
      expectError(error, kind, code, pattern);
      assert.match(error.message, answer.status === 502 ? /HTTP 502/ : new RegExp((answer.body as { error: string }).error));
    }
    // A 429 is waited out (a window each); one that never stops ends as rate_limited, saying so.
    const { error } = await syncFailure({ 'POST /v1/auth': [{ status: 429, body: { error: 'TOO_MANY_REQUESTS' } }] });
    expectError(error, 'rate_limited', 'rate_limited', /"too many requests" to POST \/v1\/auth 6 times in a row/);
  });

  it('reports fills it cannot read as malformed_response, retryable, storing nothing', async () => {
    const missingPrice = { status: 200, body: { next: null, prev: null, results: [{ id: '1', market: 'BTC-USD-PERP', side: 'BUY' }] } };
    const { error } = await syncFailure({ 'GET /v1/fills': [missingPrice] });
    expectError(error, 'exchange_unavailable', 'malformed_response', /results\.0\./);
    assert.equal(error.retryable, true);

    const cutOff = { status: 200, body: '{"next":null,"results":[{"id":' };
    const { error: truncated } = await syncFailure({ 'GET /v1/fills': [cutOff] });
    expectError(truncated, 'exchange_unavailable', 'malformed_response', /GET \/v1\/fills with an answer cut off/);
  });

  it('recovers from one cut-off answer by asking again', async () => {
    const row = { id: '9', market: 'ETH-USD-PERP', side: 'SELL', liquidity: 'TAKER', price: '3000', size: '2', fee: '1.2', fee_currency: 'USDC', order_id: 'o', client_id: '', fill_type: 'FILL', created_at: NOW - 1000 };
    const server = await startScriptedServer({
      'GET /v1/system/config': [CONFIG_OK],
      'POST /v1/auth': [AUTH_OK],
      'GET /v1/tradebusts': [NO_BUSTS],
      'GET /v1/markets': [MARKETS_OK],
      'GET /v1/fills': [{ status: 200, body: '{"next":null,"res' }, { status: 200, body: { next: null, prev: null, results: [row] } }],
    });
    try {
      const collector = new FillCollector();
      await collector.run(createParadexConnector({ baseUrl: server.baseUrl, credentials: CREDENTIALS }, fastOptions(() => NOW)), NOW);
      assert.equal(collector.byTradeId.get('9')!.notionalMicros, 6_000_000_000);
    } finally {
      await server.close();
    }
  });
});
