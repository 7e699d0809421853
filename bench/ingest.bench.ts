/**
 * Ingest: 1,000,000 simulated fills through what a sync does per page — normalize the exchange's
 * strings to micro-dollars (core/usd.ts), commitPage (insert, skip duplicates, rollups, sync state,
 * one transaction per page) — beside a raw better-sqlite3 prepared-insert loop writing the same
 * rows into the same table (same indexes, same page-sized transactions, no rollups). Target: ours
 * at least half the raw speed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Fill } from '../src-main/core/fill.ts';
import { feeValueMicros } from '../src-main/core/fee-value.ts';
import { exchanges } from '../src-main/connectors/registry.ts';
import { canonicalUnderlying } from '../src-main/core/underlying.ts';
import { notionalMicros } from '../src-main/core/usd.ts';
import { openSqliteStore, SQLITE_FILE_NAME } from '../src-main/store/sqlite/open-sqlite-store.ts';
import { generateHistory } from '../test/sim/random-history.ts';

const FILLS = 1_000_000;
/** Fills per commitPage: between Bybit's 100 and Hyperliquid's 2,000 per response. */
const PAGE_SIZE = 1_000;
const TARGET_RATIO = 0.5;
const END_MS = Date.UTC(2025, 0, 1);

/** What an exchange sends: strings only. */
interface RawExecution {
  tradeId: string;
  symbol: string;
  side: 'buy' | 'sell';
  price: string;
  qty: string;
  fee: string;
  maker: boolean;
  ts: number;
}

function exchangeRows(): RawExecution[] {
  return generateHistory({ seed: 42, count: FILLS, endMs: END_MS, days: 730 }).map((t) => ({
    tradeId: `T${t.seq}`,
    symbol: `${t.market.base}USDT`,
    side: t.side,
    price: t.price,
    qty: t.qty,
    fee: (Number(t.price) * Number(t.qty) * (t.maker ? 0.0002 : 0.00055)).toFixed(6),
    maker: t.maker,
    ts: t.ts,
  }));
}

/** What a connector's normalize does per row: classify the market, name its asset, value the fee. */
function normalize(raw: RawExecution): Fill {
  return {
    exchange: 'bybit',
    tradeId: raw.tradeId,
    orderId: null,
    symbol: raw.symbol,
    kind: exchanges.get('bybit').classifySymbol(raw.symbol) === 'dated_future' ? 'dated_future' : 'perpetual',
    underlying: canonicalUnderlying(raw.symbol),
    side: raw.side,
    price: raw.price,
    qty: raw.qty,
    notionalMicros: notionalMicros(raw.price, raw.qty),
    fee: raw.fee,
    feeCurrency: 'USDT',
    feeMicros: feeValueMicros(raw.fee, 'USDT', { price: raw.price, baseCoin: null }),
    liquidity: raw.maker ? 'maker' : 'taker',
    ts: raw.ts,
  };
}

/**
 * Both paths run side by side, page by page, alternating which goes first, and each page's time is
 * added to its own path: on a shared machine a burst of load then hits both, not just one.
 */
async function ingestBoth(root: string, rows: RawExecution[]): Promise<{ storeSeconds: number; rawSeconds: number }> {
  const store = await openSqliteStore(join(root, 'store'));
  await store.accounts.create({ id: 'acc', exchange: 'bybit', label: 'bench', baseUrl: null, identity: null, permissions: {}, warnings: [], createdAt: 0 });

  // The floor: the same schema (same migrations), same pragmas, already-normalized rows, a bare
  // prepared insert, one transaction per page.
  const rawDir = join(root, 'raw');
  await (await openSqliteStore(rawDir)).close();
  const raw = new BetterSqlite3(join(rawDir, SQLITE_FILE_NAME));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  const insert = raw.prepare(`insert into fills
    (account_id, exchange, trade_id, order_id, symbol, kind, underlying, side, price, qty, notional_micros, fee, fee_currency, fee_micros, liquidity, ts)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const rawPage = raw.transaction((fills: Fill[]) => {
    for (const f of fills) insert.run('acc', f.exchange, f.tradeId, f.orderId, f.symbol, f.kind, f.underlying, f.side, f.price, f.qty, f.notionalMicros, f.fee, f.feeCurrency, f.feeMicros, f.liquidity, f.ts);
  });
  const normalized = rows.map(normalize);

  let storeMs = 0;
  let rawMs = 0;
  for (let i = 0, page = 0; i < rows.length; i += PAGE_SIZE, page++) {
    const timeRaw = () => {
      const started = performance.now();
      rawPage(normalized.slice(i, i + PAGE_SIZE));
      rawMs += performance.now() - started;
    };
    const timeStore = async () => {
      const started = performance.now();
      const fills = rows.slice(i, i + PAGE_SIZE).map(normalize);
      await store.fills.commitPage({
        accountId: 'acc',
        fills,
        state: { cursor: { i }, backfillDone: false, pagesFetched: page + 1, progress: i / rows.length, coveredFrom: rows[0]!.ts, coveredTo: fills[fills.length - 1]!.ts, historyLimitedBefore: null, updatedAt: 0 },
      });
      storeMs += performance.now() - started;
    };
    if (page % 2 === 0) {
      timeRaw();
      await timeStore();
    } else {
      await timeStore();
      timeRaw();
    }
  }
  const stored = await store.fills.count();
  await store.close();
  raw.close();
  if (stored !== rows.length) throw new Error(`stored ${stored} of ${rows.length}`);
  return { storeSeconds: storeMs / 1000, rawSeconds: rawMs / 1000 };
}

const rate = (n: number, seconds: number) => Math.round(n / seconds).toLocaleString('en-US');

export default async function run(): Promise<{ title: string; markdown: string }> {
  const root = mkdtempSync(join(tmpdir(), 'perpvol-bench-ingest-'));
  try {
    const rows = exchangeRows();
    const { storeSeconds, rawSeconds } = await ingestBoth(root, rows);
    const ratio = rawSeconds / storeSeconds;
    const verdict = ratio >= TARGET_RATIO ? 'PASS' : 'FAIL';
    console.log(`ingest: store ${rate(FILLS, storeSeconds)} fills/s, raw ${rate(FILLS, rawSeconds)} fills/s, ratio ${ratio.toFixed(2)} ${verdict}`);
    const markdown = [
      `${FILLS.toLocaleString('en-US')} simulated fills (test/sim/random-history.ts, 730 days, 4 markets), pages of ${PAGE_SIZE.toLocaleString('en-US')}, SQLite file (WAL, synchronous=NORMAL). The two paths run interleaved page by page (alternating which goes first) so load on the machine hits both alike.`,
      '',
      '| path | what it does per fill | seconds | fills/s |',
      '|---|---|---:|---:|',
      `| Perpvol store | normalize strings → micro-dollars, \`commitPage\`: insert skipping duplicates, daily rollups (per symbol and per account), sync state, one transaction per page | ${storeSeconds.toFixed(2)} | ${rate(FILLS, storeSeconds)} |`,
      `| raw better-sqlite3 | prepared INSERT of the already-normalized row into the same table and indexes, one transaction per page | ${rawSeconds.toFixed(2)} | ${rate(FILLS, rawSeconds)} |`,
      '',
      `Ratio store / raw: **${ratio.toFixed(2)}×** (target ≥ ${TARGET_RATIO}×): **${verdict}**.`,
    ].join('\n');
    return { title: 'Ingest: 1,000,000 fills', markdown };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
