/**
 * What each Bybit execution is, against the simulator: instruments-info decides perpetual or dated
 * future (paged, read once a day per origin and shared by its accounts), an expired future no
 * longer listed is read by its name, every execution type is decided (trades, ADL, takeovers, block
 * trades and spread legs count; funding, delivery, settlement and position moves do not; UNKNOWN
 * and undocumented types are kept aside), spot is never asked for, and fills stored while the list
 * was unreadable move once it says otherwise.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createBybitConnector } from '../../../src-main/connectors/bybit/descriptor.ts';
import { INSTRUMENTS_INFO_PATH } from '../../../src-main/connectors/bybit/instruments.ts';
import { InstrumentCatalog } from '../../../src-main/connectors/kit/instrument-catalog.ts';
import type { PerpCategory } from '../../../src-main/connectors/bybit/normalize.ts';
import type { UnclassifiedExecution } from '../../../src-main/core/unclassified-execution.ts';
import { NAME_MISLEADS } from '../../sim/bybit/history.ts';
import { startBybitSimulator, type BybitSimulatorHandle } from '../../sim/bybit/simulator.ts';
import { sortedDays } from '../../support/daily-totals.ts';
import { dailyTotals, NOW, quickRetry, runPass, unpaced } from './helpers.ts';

const BOTH = ['perpetual', 'dated_future'] as const;
const DAY = 86_400_000;
let sim: BybitSimulatorHandle;
let simNow = NOW;
before(async () => {
  // Three instruments a page: the list must be followed to its end by its cursor.
  sim = await startBybitSimulator({ seed: 11, fillsPerAccount: 1_200, now: () => simNow, enforceRateLimits: false, instrumentsPageCap: 3 });
});
after(() => sim.close());

const connector = (account: number, catalog = new InstrumentCatalog<PerpCategory>()) =>
  createBybitConnector({ baseUrl: sim.baseUrl, credentials: sim.accounts[account]!.credentials }, { limiter: unpaced(), retry: quickRetry, instruments: catalog });

function countByType(unclassified: UnclassifiedExecution[]): Map<string, number> {
  const byId = new Map(unclassified.map((u) => [u.executionId, u.rawType]));
  const counts = new Map<string, number>();
  for (const rawType of byId.values()) counts.set(rawType, (counts.get(rawType) ?? 0) + 1);
  return counts;
}

test('a backfill counts perpetuals and dated futures as instruments-info says, every execution type decided, spot never asked for', async () => {
  const pass = await runPass(connector(0), null);
  const account = sim.accounts[0]!;
  assert.deepEqual(sortedDays(dailyTotals(pass.fills)), sortedDays(account.truth()), 'perpetuals by default');
  assert.deepEqual(sortedDays(dailyTotals(pass.fills, BOTH)), sortedDays(account.truth(BOTH)), 'and dated futures apart');
  assert.deepEqual(sortedDays(dailyTotals(pass.fills, ['dated_future'])), sortedDays(account.truth(['dated_future'])));

  const rows = new Map(account.rows().map((row) => [row.execId, row]));
  const typesCounted = new Set(pass.fills.map((f) => rows.get(f.tradeId)!.execType));
  assert.deepEqual([...typesCounted].sort(), ['AdlTrade', 'BlockTrade', 'BustTrade', 'FutureSpread', 'Trade']);
  const unclassified = pass.pages.flatMap((page) => page.unclassified ?? []);
  assert.deepEqual(sortedDays(countByType(unclassified)), sortedDays(account.unclassifiedTruth()));
  assert.ok(account.unclassifiedTruth().get('UNKNOWN')! > 0 && account.unclassifiedTruth().get('SpreadSettle')! > 0);
  const handedOver = new Set([...pass.fills.map((f) => f.tradeId), ...unclassified.map((u) => u.executionId)]);
  for (const row of account.rows()) {
    if (['Funding', 'Settle', 'Delivery', 'MovePosition'].includes(row.execType) || row.category === 'spot' || row.category === 'option') {
      assert.ok(!handedOver.has(row.execId), `${row.execType} ${row.category} ${row.symbol} is not volume`);
    }
  }
  assert.equal(sim.requestsTo('/v5/execution/list', 'spot'), 0, 'spot is never asked for');
  assert.equal(sim.requestsTo('/v5/execution/list', 'option'), 0, 'nor options');
});

test('a future whose name reads like a perpetual is a dated future, and an expired future no longer listed is read by its expiry', async () => {
  const pass = await runPass(connector(0), null);
  const misleading = pass.fills.filter((f) => f.symbol === NAME_MISLEADS.symbol);
  assert.ok(misleading.length > 0);
  assert.ok(misleading.every((f) => f.kind === 'dated_future' && f.underlying === 'BTC'));
  const listed = new Set<string>();
  for (const category of ['linear', 'inverse']) {
    let cursor = '';
    do {
      const answer = (await (await fetch(`${sim.baseUrl}${INSTRUMENTS_INFO_PATH}?category=${category}&limit=1000${cursor ? `&cursor=${encodeURIComponent(decodeURIComponent(cursor))}` : ''}`)).json()) as { result: { list: { symbol: string }[]; nextPageCursor: string } };
      for (const row of answer.result.list) listed.add(row.symbol);
      cursor = answer.result.nextPageCursor;
    } while (cursor);
  }
  const expired = pass.fills.filter((f) => !listed.has(f.symbol) && /-\d{1,2}[A-Z]{3}\d{2}$|USD[HMUZ]\d{2}$/.test(f.symbol));
  assert.ok(expired.length > 0, 'the history holds futures that have expired since');
  assert.ok(expired.every((f) => f.kind === 'dated_future'));
});

test('the list is read once per origin and category and shared by its accounts, and read again a day later', async () => {
  const shared = new InstrumentCatalog<PerpCategory>();
  const before = sim.requestsTo(INSTRUMENTS_INFO_PATH);
  await runPass(connector(0, shared), null);
  const firstRead = sim.requestsTo(INSTRUMENTS_INFO_PATH) - before;
  assert.ok(sim.requestsTo(INSTRUMENTS_INFO_PATH, 'linear') >= 2, 'the linear list is paged');
  assert.ok(sim.requestsTo(INSTRUMENTS_INFO_PATH, 'inverse') >= 1);
  await runPass(connector(1, shared), null, NOW + 10 * 60_000);
  assert.equal(sim.requestsTo(INSTRUMENTS_INFO_PATH) - before, firstRead, 'the other account uses the same list');
  simNow = NOW + DAY + 60_000;
  try {
    await runPass(connector(1, shared), null, simNow);
    assert.equal(sim.requestsTo(INSTRUMENTS_INFO_PATH) - before, 2 * firstRead, 'a day later it is read again, once');
  } finally {
    simNow = NOW;
  }
});

test('while the list cannot be read names decide; once it can, stored fills it classifies otherwise are handed over to move', async () => {
  const catalog = new InstrumentCatalog<PerpCategory>();
  sim.failInstrumentsInfo(true);
  let first;
  try {
    first = await runPass(connector(0, catalog), null);
  } finally {
    sim.failInstrumentsInfo(false);
  }
  const misread = first.fills.filter((f) => f.symbol === NAME_MISLEADS.symbol);
  assert.ok(misread.length > 0 && misread.every((f) => f.kind === 'perpetual'), 'by its name alone it looks like a perpetual');
  assert.ok(first.pages.every((page) => page.reclassified === undefined));
  // An hour later the list is read again; the pass says which stored symbols it classifies otherwise.
  const later = await runPass(connector(0, catalog), first.cursor, NOW + 2 * 3_600_000);
  const told = later.pages.flatMap((page) => page.reclassified ?? []);
  assert.deepEqual(told, [{ symbol: NAME_MISLEADS.symbol, kind: 'dated_future', underlying: 'BTC' }]);
});
