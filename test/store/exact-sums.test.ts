/**
 * Sums stay exact at any size: fills go through the real store (commitPage, rollups, the SQL sums)
 * and come back equal to a plain BigInt oracle, also where days and totals pass 2^53 micro-dollars
 * (9 billion USD) — the point where reading a sum through Number() starts dropping digits.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import type { ExchangeId } from '../../src-main/core/exchange.ts';
import type { Fill } from '../../src-main/core/fill.ts';
import { querySummary } from '../../src-main/service/volume-queries.ts';
import { openStore } from '../../src-main/store/open-store.ts';
import type { Store } from '../../src-main/store/store.ts';
import { mulberry32 } from '../sim/random-history.ts';
import { POSTGRES_UNAVAILABLE_MESSAGE, TEST_PG_URL_ENV, testDatabaseUrl } from '../support/postgres.ts';
import { pageOf } from './fill-fixtures.ts';
import { account, DAY, PERP } from './store-suite.ts';

const root = mkdtempSync(join(tmpdir(), 'perpvol-exact-'));
after(() => rmSync(root, { recursive: true, force: true }));

const START = Date.UTC(2025, 5, 1);
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

interface Oracle {
  volume: bigint;
  fees: bigint;
  trades: number;
  /** By day number (ms ÷ one day), named at the end. */
  byDay: Map<number, { volume: bigint; fees: bigint }>;
}

function fillOf(exchange: ExchangeId, n: number, ts: number, notionalMicros: number, feeMicros: number): Fill {
  return {
    exchange, tradeId: `t${String(n).padStart(7, '0')}`, orderId: null, symbol: 'BTCUSDT', kind: 'perpetual', underlying: 'BTC', side: 'buy',
    price: '1', qty: '1', notionalMicros, fee: '0', feeCurrency: 'USDT', feeMicros, liquidity: n % 2 ? 'maker' : 'taker', ts,
  };
}

/** Commits `count` fills made by `make` in pages, keeping the BigInt oracle of what was committed. */
async function commitAll(store: Store, accountId: string, count: number, pageSize: number, make: (n: number) => Fill): Promise<Oracle> {
  const oracle: Oracle = { volume: 0n, fees: 0n, trades: 0, byDay: new Map() };
  for (let start = 0; start < count; start += pageSize) {
    const fills: Fill[] = [];
    for (let n = start; n < Math.min(count, start + pageSize); n++) {
      const fill = make(n);
      fills.push(fill);
      const day = Math.floor(fill.ts / DAY);
      const cell = oracle.byDay.get(day) ?? { volume: 0n, fees: 0n };
      cell.volume += BigInt(fill.notionalMicros);
      cell.fees += BigInt(fill.feeMicros ?? 0);
      oracle.byDay.set(day, cell);
      oracle.volume += BigInt(fill.notionalMicros);
      oracle.fees += BigInt(fill.feeMicros ?? 0);
      oracle.trades += 1;
    }
    await store.fills.commitPage(pageOf(accountId, fills));
  }
  return oracle;
}

async function assertEqualsOracle(store: Store, accountId: string, oracle: Oracle): Promise<void> {
  const days = await store.volume.daily({ from: '2000-01-01', to: '2100-01-01', kinds: PERP, accountId }, 'none');
  assert.deepEqual(
    days.map((d) => [d.day, d.volumeMicros, d.feesMicros]),
    [...oracle.byDay].sort(([a], [b]) => a - b).map(([day, cell]) => [new Date(day * DAY).toISOString().slice(0, 10), cell.volume, cell.fees]),
  );
  const total = days.reduce((sum, d) => sum + d.volumeMicros, 0n);
  assert.equal(total, oracle.volume);
}

describe('exact sums at any size', () => {
  it('on SQLite: random fills up to 2^53 micro-dollars each, in random pages, sum to the BigInt oracle day by day', async () => {
    const store = await openStore({ dataDir: join(root, 'property') });
    let run = 0;
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              notional: fc.oneof(fc.integer({ min: 0, max: MAX_SAFE }), fc.integer({ min: MAX_SAFE - 1_000, max: MAX_SAFE }), fc.integer({ min: 0, max: 1_000 })),
              fee: fc.integer({ min: -MAX_SAFE, max: MAX_SAFE }),
              day: fc.integer({ min: 0, max: 3 }),
              ms: fc.integer({ min: 0, max: DAY - 1 }),
            }),
            { minLength: 1, maxLength: 300 },
          ),
          fc.integer({ min: 1, max: 120 }),
          async (rows, pageSize) => {
            const accountId = `p${++run}`;
            await store.accounts.create(account(accountId));
            // each run on days of its own, so the all-accounts day rows stay inside 64-bit integers
            const firstDay = START + run * 4 * DAY;
            const oracle = await commitAll(store, accountId, rows.length, pageSize, (n) => fillOf('bybit', n, firstDay + rows[n]!.day * DAY + rows[n]!.ms, rows[n]!.notional, rows[n]!.fee));
            await assertEqualsOracle(store, accountId, oracle);
          },
        ),
        { numRuns: 40, seed: 20_251_130 },
      );
    } finally {
      await store.close();
    }
  });

  it('on SQLite: 1,000,000 fills totalling about 10^12 USD equal the oracle, in the store and in the summary', async () => {
    const store = await openStore({ dataDir: join(root, 'million') });
    try {
      await store.accounts.create(account('whale', 'hyperliquid'));
      const random = mulberry32(7);
      // up to 2 million USD a fill, over 20 days: each day passes 2^53 micro-dollars by far. In time
      // order with ids that sort as they come, as a backfill stores them: SQLite appends to its
      // indexes instead of splitting pages all over them (a quarter of the CPU of random ids and times).
      const oracle = await commitAll(store, 'whale', 1_000_000, 5_000, (n) =>
        fillOf('hyperliquid', n, START + Math.floor(((n + random()) / 1_000_000) * 20 * DAY), Math.floor(random() * 2_000_000_000_000), Math.floor((random() - 0.3) * 2_000_000_000)),
      );
      assert.ok(oracle.volume > 10n ** 17n * 9n, `the total passes 900 billion USD (${oracle.volume})`);
      await assertEqualsOracle(store, 'whale', oracle);
      const [totals] = await store.volume.totalsByExchange({ kinds: PERP });
      assert.deepEqual(totals, { exchange: 'hyperliquid', volumeMicros: oracle.volume, feesMicros: oracle.fees, trades: 1_000_000 });
      // at the edge the exact total becomes the nearest JSON number to its decimal value
      const summary = await querySummary(store, START + 25 * DAY, await store.accounts.list(), PERP);
      const usd = (micros: bigint) => Number(`${micros / 1_000_000n}.${String(micros % 1_000_000n).padStart(6, '0')}`);
      assert.equal(summary.allTime.volumeUsd, usd(oracle.volume));
      assert.equal(summary.allTime.trades, 1_000_000);
    } finally {
      await store.close();
    }
  });

  const pg = Boolean(process.env[TEST_PG_URL_ENV]);
  it('on Postgres: 20,000 fills up to 10^8 USD each (fees up to a million) sum to the oracle past 2^53', pg ? {} : { skip: POSTGRES_UNAVAILABLE_MESSAGE }, async () => {
    const store = await openStore({ databaseUrl: await testDatabaseUrl('exact_sums'), dataDir: root });
    try {
      await store.accounts.create(account('whale', 'paradex'));
      const random = mulberry32(42);
      const oracle = await commitAll(store, 'whale', 20_000, 5_000, (n) =>
        fillOf('paradex', n, START + Math.floor(random() * 3 * DAY), Math.floor(random() * 100_000_000_000_000), Math.floor((random() - 0.5) * 2_000_000_000_000)),
      );
      assert.ok(oracle.volume > BigInt(MAX_SAFE));
      await assertEqualsOracle(store, 'whale', oracle);
      const [totals] = await store.volume.totalsByExchange({ kinds: PERP });
      assert.deepEqual(totals, { exchange: 'paradex', volumeMicros: oracle.volume, feesMicros: oracle.fees, trades: 20_000 });
    } finally {
      await store.close();
    }
  });
});
