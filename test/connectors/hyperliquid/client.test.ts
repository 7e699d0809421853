import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { PerpvolError } from '../../../src-main/core/errors.ts';
import { createHyperliquidConnector } from '../../../src-main/connectors/hyperliquid/descriptor.ts';
import { HlFillsSchema } from '../../../src-main/connectors/hyperliquid/schemas.ts';
import { HyperliquidInfoClient } from '../../../src-main/connectors/hyperliquid/client.ts';
import { WeightedRateLimiter } from '../../../src-main/connectors/http/rate-limiter.ts';
import type { FillPage } from '../../../src-main/connectors/kit/connector.ts';
import { startHyperliquidSimulator, type HyperliquidSimulatorHandle } from '../../sim/hyperliquid/simulator.ts';
import { sortedDays, totalsByDay } from '../../support/daily-totals.ts';
import { FAST_RETRY, NOW, runPass } from './support.ts';

async function withSim<T>(fillsPerAccount: number, run: (sim: HyperliquidSimulatorHandle) => Promise<T>, rateLimit?: { weight: number; intervalMs: number }): Promise<T> {
  const sim = await startHyperliquidSimulator({ seed: 31, fillsPerAccount, days: 40, now: () => NOW, ...(rateLimit ? { rateLimit } : {}) });
  try {
    return await run(sim);
  } finally {
    await sim.close();
  }
}

function connectorFor(sim: HyperliquidSimulatorHandle, limiter?: WeightedRateLimiter) {
  return createHyperliquidConnector(
    { baseUrl: sim.baseUrl, credentials: sim.accounts[0]!.credentials },
    { retry: FAST_RETRY, ...(limiter ? { limiter } : {}) },
  );
}

/** Pages yielded before the pass failed, and the error it failed with. */
async function passUntilError(sim: HyperliquidSimulatorHandle, limiter?: WeightedRateLimiter): Promise<{ pages: FillPage[]; error: unknown }> {
  const pages: FillPage[] = [];
  try {
    for await (const page of connectorFor(sim, limiter).pages(null, { signal: AbortSignal.timeout(30_000), now: NOW })) pages.push(page);
  } catch (error) {
    return { pages, error };
  }
  return { pages, error: undefined };
}

/** A budget with Hyperliquid's weight but a short window, so a 429 is waited out in a test's time. */
const shortWindow = (): WeightedRateLimiter => new WeightedRateLimiter({ capacity: 1_200, intervalMs: 50 });

describe('Hyperliquid answers that cannot be trusted', () => {
  test('a JSON answer cut off mid-body is fetched again, never read as a short or empty page', () =>
    withSim(3_000, async (sim) => {
      sim.injectFaults('truncated_json', 1);
      const pass = await runPass(connectorFor(sim), null);
      assert.deepEqual(sortedDays(totalsByDay(pass.fills)), sortedDays(sim.accounts[0]!.truth()));
      assert.equal(sim.stats().requests, pass.pages.length + 1);
    }));

  test('a JSON answer cut off on every attempt fails the page as malformed_response and yields nothing', () =>
    withSim(3_000, async (sim) => {
      sim.injectFaults('truncated_json', FAST_RETRY.maxAttempts);
      const { pages, error } = await passUntilError(sim);
      assert.equal(pages.length, 0);
      assert.ok(error instanceof PerpvolError);
      assert.equal(error.code, 'malformed_response');
      assert.match(error.message, /Hyperliquid answered POST \/info/);
    }));

  test('valid JSON of the wrong shape fails the page as malformed_response and yields nothing', () =>
    withSim(3_000, async (sim) => {
      sim.injectFaults('wrong_shape', 1);
      const { pages, error } = await passUntilError(sim);
      assert.equal(pages.length, 0);
      assert.ok(error instanceof PerpvolError);
      assert.equal(error.code, 'malformed_response');
      assert.match(error.message, /userFillsByTime/);
    }));

  test('after a malformed second page, resuming from the first page cursor reaches the truth', () =>
    withSim(3_000, async (sim) => {
      const connector = connectorFor(sim);
      const pages: FillPage[] = [];
      const iterator = connector.pages(null, { signal: AbortSignal.timeout(30_000), now: NOW })[Symbol.asyncIterator]();
      pages.push((await iterator.next()).value as FillPage);
      sim.injectFaults('wrong_shape', 1);
      await assert.rejects(iterator.next(), (error: unknown) => error instanceof PerpvolError && error.code === 'malformed_response');
      const rest = await runPass(connector, pages[0]!.cursor);
      const fills = [...pages[0]!.fills, ...rest.fills];
      assert.deepEqual(sortedDays(totalsByDay(fills)), sortedDays(sim.accounts[0]!.truth()));
    }));
});

describe('Hyperliquid transient failures', () => {
  test('429 answers are waited out (a window each) and the same backfill then completes', () =>
    withSim(3_000, async (sim) => {
      sim.injectFaults('rate_limit', 2);
      const pass = await runPass(connectorFor(sim, shortWindow()), null);
      assert.deepEqual(sortedDays(totalsByDay(pass.fills)), sortedDays(sim.accounts[0]!.truth()));
      assert.equal(sim.stats().requests, pass.pages.length + 2);
    }));

  test('server errors and dropped connections are retried', () =>
    withSim(3_000, async (sim) => {
      sim.injectFaults('server_error', 1);
      sim.injectFaults('reset', 1);
      const pass = await runPass(connectorFor(sim), null);
      assert.deepEqual(sortedDays(totalsByDay(pass.fills)), sortedDays(sim.accounts[0]!.truth()));
    }));

  test('429 for several windows in a row ends in a rate_limited error that says so', () =>
    withSim(100, async (sim) => {
      sim.injectFaults('rate_limit', FAST_RETRY.rateLimitedWindows + 1);
      const { pages, error } = await passUntilError(sim, shortWindow());
      assert.equal(pages.length, 0);
      assert.ok(error instanceof PerpvolError);
      assert.equal(error.code, 'rate_limited');
      assert.equal(error.retryable, true);
      assert.match(error.message, /6 times in a row/);
    }));
});

describe('Hyperliquid rate limit', () => {
  test('the shared limiter keeps a 10,000-fill backfill free of 429s', () =>
    withSim(10_000, async (sim) => {
      const pass = await runPass(connectorFor(sim), null);
      assert.equal(pass.pages.at(-1)!.progress, 1);
      assert.equal(sim.stats().rateLimited, 0);
    }));

  test('back-to-back backfills beyond the budget wait for it instead of hitting 429', () => {
    // Time scaled down tenfold on both sides (1200 weight per 6 s) so the test need not wait minutes.
    const rateLimit = { weight: 1200, intervalMs: 6_000 };
    return withSim(
      10_000,
      async (sim) => {
        const connector = connectorFor(sim, new WeightedRateLimiter({ capacity: rateLimit.weight, intervalMs: rateLimit.intervalMs }));
        for (let i = 0; i < 2; i++) await runPass(connector, null);
        assert.ok(sim.stats().weightUsed > rateLimit.weight, 'more than one budget was spent');
        assert.equal(sim.stats().rateLimited, 0);
      },
      rateLimit,
    );
  });

  test('a client that budgets only the base weight runs into 429s (the simulator enforces the limit)', () =>
    withSim(10_000, async (sim) => {
      const client = new HyperliquidInfoClient(sim.baseUrl, {
        retry: { ...FAST_RETRY, maxAttempts: 1 },
        limiter: new WeightedRateLimiter({ capacity: 1_000_000, intervalMs: 60_000 }),
      });
      const user = sim.accounts[0]!.address;
      await assert.rejects(async () => {
        for (let i = 0; i < 20; i++) {
          await client.info({ type: 'userFillsByTime', user, startTime: 0 }, HlFillsSchema, 20, AbortSignal.timeout(10_000));
        }
      }, (error: unknown) => error instanceof PerpvolError && error.code === 'rate_limited');
      assert.ok(sim.stats().rateLimited > 0);
    }));
});

describe('Hyperliquid request errors', () => {
  test('a request Hyperliquid cannot deserialize is a bad_input error naming the address format', () =>
    withSim(10, async (sim) => {
      const client = new HyperliquidInfoClient(sim.baseUrl, { retry: FAST_RETRY });
      await assert.rejects(
        client.info({ type: 'userFills', user: '0x1234' }, HlFillsSchema, 20, AbortSignal.timeout(10_000)),
        (error: unknown) => error instanceof PerpvolError && error.kind === 'bad_input' && error.code === 'hyperliquid_rejected_request',
      );
    }));

  test('a base URL that is not http(s) is refused before any request', () => {
    assert.throws(() => new HyperliquidInfoClient('ftp://example.com'), (error: unknown) => error instanceof PerpvolError && error.code === 'invalid_base_url');
  });
});

describe('the info client’s answer timeout', () => {
  // The caller's own deadline (5 s) is shorter than the default answer timeout (15 s): only the given 200 ms can end it as a timeout.
  test('an answer that never comes fails with exchange_timeout after the timeout the caller gave', async () => {
    const { createServer } = await import('node:http');
    const silent = createServer(() => {}); // takes every request, answers none
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const client = new HyperliquidInfoClient(`http://127.0.0.1:${port}`, { retry: { ...FAST_RETRY, maxAttempts: 1 }, timeoutMs: 200 });
      // A plain cancel (not a TimeoutError), so that only the client's own timeout reads as exchange_timeout.
      const caller = new AbortController();
      const cancel = setTimeout(() => caller.abort(), 5_000);
      after(() => clearTimeout(cancel));
      await assert.rejects(
        client.info({ type: 'userFills', user: '0x' + '1'.repeat(40) }, HlFillsSchema, 20, caller.signal),
        (error: unknown) => error instanceof PerpvolError && error.code === 'exchange_timeout',
      );
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
