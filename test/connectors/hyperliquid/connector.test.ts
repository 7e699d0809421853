import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PerpvolError } from '../../../src-main/core/errors.ts';
import { exchanges } from '../../../src-main/connectors/registry.ts';
import { createHyperliquidConnector } from '../../../src-main/connectors/hyperliquid/descriptor.ts';
import { startHyperliquidSimulator, type HyperliquidSimulatorHandle } from '../../sim/hyperliquid/simulator.ts';
import { FAST_RETRY, NOW } from './support.ts';

const signal = (): AbortSignal => AbortSignal.timeout(10_000);

describe('Hyperliquid account check', () => {
  let sim: HyperliquidSimulatorHandle;
  before(async () => {
    sim = await startHyperliquidSimulator({ seed: 41, fillsPerAccount: 500, days: 20, now: () => NOW });
  });
  after(() => sim.close());

  test('is registered for the hyperliquid exchange id', () => {
    const connector = exchanges.createConnector('hyperliquid', { baseUrl: sim.baseUrl, credentials: sim.accounts[0]!.credentials });
    assert.equal(connector.exchange, 'hyperliquid');
  });

  test('identifies the account by its lowercased address and cannot move funds', async () => {
    const mixedCase = `0x${sim.accounts[0]!.address.slice(2).toUpperCase()}`;
    const connector = createHyperliquidConnector({ baseUrl: sim.baseUrl, credentials: { address: mixedCase } }, { retry: FAST_RETRY });
    const check = await connector.checkCredential(signal());
    assert.equal(check.identity, sim.accounts[0]!.address);
    assert.equal(check.canWithdrawOrTransfer, false);
    assert.deepEqual(check.warnings, []);
  });

  for (const [label, address] of [
    ['too short', '0x1234'],
    ['not hex', `0x${'g'.repeat(40)}`],
    ['missing 0x', 'a'.repeat(40)],
    ['empty', ''],
  ] as const) {
    test(`refuses an address that is ${label} with a bad_input error before any request`, async () => {
      const before = sim.stats().requests;
      const connector = createHyperliquidConnector({ baseUrl: sim.baseUrl, credentials: { address } }, { retry: FAST_RETRY });
      await assert.rejects(connector.checkCredential(signal()), (error: unknown) => {
        assert.ok(error instanceof PerpvolError);
        assert.equal(error.kind, 'bad_input');
        assert.equal(error.code, 'invalid_address');
        assert.match(error.message, /0x followed by 40 hex digits/);
        return true;
      });
      const pages = connector.pages(null, { signal: signal(), now: NOW })[Symbol.asyncIterator]();
      await assert.rejects(pages.next(), (error: unknown) => error instanceof PerpvolError && error.code === 'invalid_address');
      assert.equal(sim.stats().requests, before);
    });
  }

  test('a stored cursor it cannot read begins a backfill, as on every exchange (kit/versioned-cursor.ts)', async () => {
    const connector = createHyperliquidConnector({ baseUrl: sim.baseUrl, credentials: sim.accounts[0]!.credentials }, { retry: FAST_RETRY });
    const pages = connector.pages({ v: 99 }, { signal: signal(), now: NOW })[Symbol.asyncIterator]();
    const first = await pages.next();
    assert.equal(first.done, false);
    assert.equal((first.value!.cursor as { pass?: string }).pass, 'backfill');
    await pages.return?.(undefined);
  });
});
