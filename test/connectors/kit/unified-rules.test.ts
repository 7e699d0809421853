/**
 * The rules the connector kit owns, checked on all four exchanges through their simulators — each
 * exchange used to have its own (docs/adding-an-exchange.md):
 * - an answer in the wrong shape is `malformed_response` and retryable everywhere;
 * - a saved cursor that cannot be read begins a backfill everywhere, which reads the same fills;
 * - rate budgets are named per origin: one key spent against two origins (testnet and mainnet)
 *   never shares a budget;
 * - a Hyperliquid address that is not one is `invalid_address` over REST and over the stream.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PerpvolError } from '../../../src-main/core/errors.ts';
import type { ExchangeId } from '../../../src-main/core/exchange.ts';
import { useRetryWaitClock } from '../../../src-main/connectors/http/exchange-http-client.ts';
import type { SpendingLog } from '../../../src-main/connectors/http/limiter-spending-file.ts';
import { sharedRateLimiters } from '../../../src-main/connectors/http/rate-limiter.ts';
import { exchanges } from '../../../src-main/connectors/registry.ts';
import { startBybitSimulator } from '../../sim/bybit/simulator.ts';
import { startHyperliquidSimulator } from '../../sim/hyperliquid/simulator.ts';
import { startParadexSimulator } from '../../sim/paradex/index.ts';
import type { SimAccount, SimulatorHandle } from '../../sim/simulator.ts';
import { startWooxSimulator } from '../../sim/woox/simulator.ts';
import { SkippingClock } from '../../support/skipping-clock.ts';
import { FillCollector } from '../fill-collector.ts';

sharedRateLimiters.useClock(new SkippingClock());
useRetryWaitClock(new SkippingClock());

const SMALL = { fillsPerAccount: 150, days: 30, enforceRateLimits: false };

/** Each exchange's simulator and the account to read (Paradex: a subkey account). */
const START: Record<ExchangeId, (seed: number) => Promise<{ sim: SimulatorHandle; account: SimAccount }>> = {
  bybit: async (seed) => {
    const sim = await startBybitSimulator({ seed, ...SMALL, accounts: 1 });
    return { sim, account: sim.accounts[0]! };
  },
  woox: async (seed) => {
    const sim = await startWooxSimulator({ seed, ...SMALL, accounts: 1 });
    return { sim, account: sim.accounts[0]! };
  },
  hyperliquid: async (seed) => {
    const sim = await startHyperliquidSimulator({ seed, ...SMALL });
    return { sim, account: sim.accounts[0]! };
  },
  paradex: async (seed) => {
    const sim = await startParadexSimulator({ seed, ...SMALL, accounts: 2 });
    return { sim, account: sim.accounts[1]! };
  },
};
const EXCHANGES = Object.keys(START) as ExchangeId[];

/** Every limiter key spent on, as the registry's spending log sees them. */
function recordKeys(): { keys: Set<string>; stop(): void } {
  const keys = new Set<string>();
  const log: SpendingLog = { spentRecently: () => [], noteSend: (key) => void keys.add(key), forgetSend: () => {} };
  const previous = sharedRateLimiters.spendingLog;
  sharedRateLimiters.keepSpendingLog(log);
  return { keys, stop: () => sharedRateLimiters.keepSpendingLog(previous) };
}

for (const [index, exchange] of EXCHANGES.entries()) {
  describe(`${exchange}: the kit's rules`, () => {
    let sim: SimulatorHandle;
    let account: SimAccount;
    let other: SimulatorHandle;
    const connect = (baseUrl = sim.baseUrl) => exchanges.createConnector(exchange, { baseUrl, credentials: account.credentials });

    before(async () => {
      ({ sim, account } = await START[exchange](40 + index));
      ({ sim: other } = await START[exchange](70 + index));
    });
    after(async () => {
      await Promise.all([sim.close(), other.close()]);
    });

    test('an answer in the wrong shape is malformed_response, retryable', async () => {
      sim.injectFaults('wrong_shape', 1);
      const pages = connect().pages(null, { signal: AbortSignal.timeout(60_000), now: Date.now() })[Symbol.asyncIterator]();
      await assert.rejects(pages.next(), (error: unknown) => {
        assert.ok(error instanceof PerpvolError, String(error));
        assert.equal(error.code, 'malformed_response', error.message);
        assert.equal(error.retryable, true);
        return true;
      });
      sim.clearFaults();
    });

    test('a saved cursor it cannot read begins a backfill that reads every fill again', async () => {
      const now = Date.now();
      const fresh = new FillCollector();
      await fresh.runToEnd(connect(), now);
      assert.ok(fresh.byTradeId.size > 0);
      const unreadable = new FillCollector();
      unreadable.cursor = { v: 99, written: 'by a later Perpvol' };
      await unreadable.runToEnd(connect(), now);
      assert.deepEqual([...unreadable.byTradeId.keys()].sort(), [...fresh.byTradeId.keys()].sort());
      assert.equal(unreadable.pages.at(-1)!.progress, 1);
    });

    test('one credential against two origins spends two budgets, each named by its origin', async () => {
      const recorded = recordKeys();
      try {
        await connect(sim.baseUrl).checkCredential(AbortSignal.timeout(60_000));
        // The other origin does not know this key: whatever it answers, the request spent its own budget.
        await connect(other.baseUrl).checkCredential(AbortSignal.timeout(60_000)).catch(() => undefined);
      } finally {
        recorded.stop();
      }
      const origins = [new URL(sim.baseUrl).origin, new URL(other.baseUrl).origin];
      const keys = [...recorded.keys];
      assert.ok(keys.length > 0);
      for (const key of keys) {
        assert.equal(origins.filter((origin) => key.includes(origin)).length, 1, `${key} names exactly one origin`);
      }
      for (const origin of origins) assert.ok(keys.some((key) => key.includes(origin)), `a budget of ${origin}`);
    });
  });
}

test('a Hyperliquid address that is not one is invalid_address over REST and over the stream alike', async () => {
  const credentials = { address: '0x1234' };
  const rest = exchanges.createConnector('hyperliquid', { baseUrl: 'http://127.0.0.1:9', credentials });
  const viaRest = await rest.checkCredential(AbortSignal.timeout(5_000)).catch((error: unknown) => error);
  const viaStream = await exchanges.fillStreamFactory('hyperliquid')(
    { baseUrl: 'http://127.0.0.1:9', streamUrl: null, credentials, identity: null, permissions: {} },
    AbortSignal.timeout(5_000),
  ).catch(
    (error: unknown) => error,
  );
  for (const error of [viaRest, viaStream]) {
    assert.ok(error instanceof PerpvolError);
    assert.equal(error.code, 'invalid_address');
    assert.match(error.message, /0x followed by 40 hex digits/);
  }
});
