/**
 * Daily query: 5,000,000 stored fills over 4 accounts (one per exchange) and 730 days, then the
 * dashboard's questions timed through the Store: the two-year daily series over all accounts
 * (target p50 ≤ 5 ms), grouped by exchange, account and symbol, and the all-time totals.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, utcDay } from '../src-main/core/days.ts';
import { DEFAULT_KINDS } from '../src-main/core/instrument.ts';
import type { DailyGrouping } from '../src-main/store/store.ts';
import { openSqliteStore, SQLITE_FILE_NAME } from '../src-main/store/sqlite/open-sqlite-store.ts';
import { DAYS, END_MS, EXCHANGES, PAGE_SIZE, populate, RUNS, time as timeAnswer, TOTAL_FILLS, WARMUP } from './support/fill-history.ts';

const TARGET_P50_MS = 5;
const time = (query: () => Promise<unknown[]>) => timeAnswer(query, (rows) => rows.length);

export default async function run(): Promise<{ title: string; markdown: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'perpvol-bench-daily-'));
  try {
    const store = await openSqliteStore(dir);
    const loadSeconds = await populate(store);
    const stored = await store.fills.count();
    const to = utcDay(END_MS - 1);
    const range = { from: addDays(to, -(DAYS - 1)), to, kinds: DEFAULT_KINDS };
    const daily = (grouping: DailyGrouping) => () => store.volume.daily(range, grouping);
    const results: [string, Awaited<ReturnType<typeof time>>][] = [
      [`daily series, all accounts, ${DAYS} days (groupBy none)`, await time(daily('none'))],
      ['… groupBy=exchange', await time(daily('exchange'))],
      ['… groupBy=account', await time(daily('account'))],
      ['… groupBy=symbol', await time(daily('symbol'))],
      ['… groupBy=underlying', await time(daily('underlying'))],
      ['all-time totals by exchange (summary)', await time(() => store.volume.totalsByExchange({ kinds: DEFAULT_KINDS }))],
    ];
    await store.close();
    const sizeMb = (statSync(join(dir, SQLITE_FILE_NAME)).size / 1e6).toFixed(0);
    const headline = results[0]![1];
    const verdict = headline.p50 <= TARGET_P50_MS ? 'PASS' : 'FAIL';
    console.log(`daily query: p50 ${headline.p50.toFixed(2)} ms, p95 ${headline.p95.toFixed(2)} ms ${verdict}`);
    const markdown = [
      `${stored.toLocaleString('en-US')} stored fills (4 accounts: ${EXCHANGES.join(', ')}; ${DAYS} days; 4 symbols each), SQLite file of ${sizeMb} MB, ` +
        `loaded through \`commitPage\` in ${loadSeconds.toFixed(0)} s (pages of ${PAGE_SIZE.toLocaleString('en-US')}). ` +
        `Each query through the Store API, ${WARMUP} warm-up runs then ${RUNS} timed.`,
      '',
      '| query | rows | p50 ms | p95 ms | CPU p50 ms |',
      '|---|---:|---:|---:|---:|',
      ...results.map(([name, r]) => `| ${name} | ${r.rows.toLocaleString('en-US')} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.cpuP50.toFixed(2)} |`),
      '',
      `Daily series p50 ${headline.p50.toFixed(2)} ms (target ≤ ${TARGET_P50_MS} ms): **${verdict}**. The queries read the daily rollups, never the fills: ` +
        'the ungrouped series reads one row per day (all accounts), the grouped ones a row per account (and symbol) per day, so their cost is mostly turning a few thousand result rows into objects.',
    ].join('\n');
    return { title: `Daily query: ${(TOTAL_FILLS / 1e6).toFixed(0)},000,000 fills, ${DAYS} days`, markdown };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
