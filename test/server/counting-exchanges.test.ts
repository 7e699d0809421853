/**
 * What counts, end to end, through the REST API of a real server syncing from the four exchange
 * simulators — every expected number from the simulators' own truth (test/sim/truth), never
 * Perpvol's arithmetic:
 * - Bybit with perpetual, dated-future, spot, funding, block-trade, spread-leg, position-move and
 *   unknown-type executions: perpetual volume by default, dated futures as their own series with
 *   kinds=perpetual,dated_future and groupBy=kind, and a warning counting the unknown ones;
 * - Paradex with fees in $DIME (listed, not $0) and busted fills (out of volume, also one busted
 *   after it was counted);
 * - one BTC series across all four exchanges with groupBy=underlying, the series adding up to the total.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Account, AccountReconciliation, Daily, DayVolume, FillsPage, Summary, SyncStatus } from '../../src-shared/schemas.ts';
import { startBybitSimulator, type BybitSimulatorHandle } from '../sim/bybit/simulator.ts';
import { startHyperliquidSimulator, type HyperliquidSimulatorHandle } from '../sim/hyperliquid/simulator.ts';
import { startParadexSimulator, type ParadexSimulatorHandle } from '../sim/paradex/index.ts';
import type { SimAccount, SimKind, SimTruthDay } from '../sim/simulator.ts';
import { notionalOf } from '../sim/truth/decimal.ts';
import { DAY_MS, utcDayOf } from '../sim/truth/utc-day.ts';
import { startWooxSimulator, type WooxSimulatorHandle } from '../sim/woox/simulator.ts';
import { micros } from '../support/tier-truth.ts';
import { eventually, startTestServer, type TestServer } from './harness.ts';

const BOTH: readonly SimKind[] = ['perpetual', 'dated_future'];
const DAYS = 120;

/** A day of the API as the truth counts it: micro-dollars and trades. */
const dayOf = (d: DayVolume) => ({ volume: micros(d.volumeUsd), fees: micros(d.feesUsd), trades: d.trades });
const truthDay = (t: SimTruthDay) => ({ volume: BigInt(t.volumeMicros), fees: BigInt(t.feesMicros), trades: t.trades });

/** The days that had trades, sorted: from the API's dense series, or from a simulator's truth. */
const activeDays = (days: DayVolume[]) => days.filter((d) => d.trades > 0).map((d) => [d.date, dayOf(d)] as const);
const truthDays = (truth: Map<string, SimTruthDay>) => [...truth].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, t]) => [day, truthDay(t)] as const);

describe('what counts, through the REST API against the four simulators', () => {
  let server: TestServer;
  let bybit: BybitSimulatorHandle;
  let paradex: ParadexSimulatorHandle;
  let hl: HyperliquidSimulatorHandle;
  let woox: WooxSimulatorHandle;
  const ids: Record<string, string> = {};
  const from = utcDayOf(Date.now() - DAYS * DAY_MS);
  const to = utcDayOf(Date.now() + DAY_MS);

  const get = async <T>(path: string): Promise<T> => {
    const answer = await server.call('GET', path);
    assert.equal(answer.status, 200, `${path}: ${answer.text}`);
    return answer.json as T;
  };
  const daily = (query: string) => get<Daily>(`/api/v1/volume/daily?from=${from}&to=${to}&${query}`);
  const account = async (exchange: string) => get<Account>(`/api/v1/accounts/${ids[exchange]}`);

  async function syncAll(): Promise<void> {
    assert.equal((await server.call('POST', '/api/v1/sync', { body: {} })).status, 202);
    await eventually(
      async () => {
        const { accounts } = await get<{ accounts: SyncStatus[] }>('/api/v1/sync');
        const failed = accounts.find((s) => s.state === 'error');
        if (failed) throw new Error(`sync failed: ${JSON.stringify(failed.error)}`);
        return accounts.length === 4 && accounts.every((s) => s.state === 'done') ? true : undefined;
      },
      'every account to finish its sync',
      2_400,
    );
  }

  before(async () => {
    [bybit, paradex, hl, woox] = await Promise.all([
      startBybitSimulator({ seed: 31, fillsPerAccount: 2_500, days: DAYS - 2, accounts: 1 }),
      startParadexSimulator({ seed: 31, fillsPerAccount: 2_500, days: DAYS - 2, accounts: 2 }),
      startHyperliquidSimulator({ seed: 31, fillsPerAccount: 3_000, days: DAYS - 2 }),
      startWooxSimulator({ seed: 31, fillsPerAccount: 2_000, days: DAYS - 2 }),
    ]);
    server = await startTestServer();
    const accounts: [string, SimAccount, string][] = [
      ['bybit', bybit.accounts[0]!, bybit.baseUrl],
      ['paradex', paradex.accounts[1]!, paradex.baseUrl], // a subkey: it cannot withdraw
      ['hyperliquid', hl.accounts[0]!, hl.baseUrl],
      ['woox', woox.accounts[0]!, woox.baseUrl],
    ];
    for (const [exchange, simAccount, baseUrl] of accounts) {
      const added = await server.call('POST', '/api/v1/accounts', { body: { exchange, label: exchange, credentials: simAccount.credentials, baseUrl } });
      assert.equal(added.status, 201, added.text);
      ids[exchange] = (added.json as Account).id;
    }
    await syncAll();
  });

  after(async () => {
    await server?.close();
    await Promise.all([bybit?.close(), paradex?.close(), hl?.close(), woox?.close()]);
  });

  test('Bybit: perpetual volume by default, dated futures as their own series, every execution type decided, spot never asked for', async () => {
    const truth = bybit.accounts[0]!;
    const perps = await daily(`accountId=${ids.bybit}`);
    assert.deepEqual(perps.kinds, ['perpetual']);
    assert.deepEqual(activeDays(perps.total), truthDays(truth.truth()));

    const byKind = await daily(`accountId=${ids.bybit}&kinds=perpetual,dated_future&groupBy=kind`);
    assert.deepEqual(byKind.series.map((s) => [s.key, s.label]), [['perpetual', 'Perpetuals'], ['dated_future', 'Dated futures']]);
    assert.deepEqual(activeDays(byKind.series[0]!.days), truthDays(truth.truth(['perpetual'])));
    assert.deepEqual(activeDays(byKind.series[1]!.days), truthDays(truth.truth(['dated_future'])));
    assert.deepEqual(activeDays(byKind.total), truthDays(truth.truth(BOTH)));

    // Block trades and spread legs are in the fills; funding, deliveries, moves, spot and options are not.
    const rows = new Map(truth.rows().map((row) => [row.execId, row]));
    const listed: string[] = [];
    for (let cursor: string | null = null, page = 0; page === 0 || cursor; page++) {
      const answer: FillsPage = await get(`/api/v1/fills?accountId=${ids.bybit}&kinds=perpetual,dated_future&limit=1000${cursor ? `&cursor=${cursor}` : ''}`);
      listed.push(...answer.fills.map((f) => f.tradeId));
      cursor = answer.nextCursor;
    }
    const types = new Set(listed.map((id) => rows.get(id)!.execType));
    assert.ok(types.has('BlockTrade') && types.has('FutureSpread'), `counted types: ${[...types].join(', ')}`);
    for (const id of listed) {
      const row = rows.get(id)!;
      assert.ok(!['Funding', 'Settle', 'Delivery', 'MovePosition', 'UNKNOWN', 'SpreadSettle'].includes(row.execType) && (row.category === 'linear' || row.category === 'inverse'), `${row.execType} ${row.category}`);
    }
    assert.equal(bybit.requestsTo('/v5/execution/list', 'spot'), 0, 'spot is never asked for');

    // The executions of types Perpvol does not know are counted in a warning, per type.
    const unknown = truth.unclassifiedTruth();
    const total = [...unknown.values()].reduce((sum, n) => sum + n, 0);
    const warning = (await account('bybit')).warnings.find((w) => w.includes('not counted in volume'));
    assert.ok(warning, 'the account warns about them');
    assert.match(warning, new RegExp(`^${total} executions not counted in volume`));
    for (const [type, count] of unknown) assert.match(warning, new RegExp(`${type} ×${count}\\b`));
  });

  test('Paradex: fees in $DIME are listed per token, never $0; busted fills are out, also one busted after it was counted', async () => {
    const book = paradex.accounts[1]!.book;
    const perps = await daily(`accountId=${ids.paradex}`);
    assert.deepEqual(activeDays(perps.total), truthDays(paradex.accounts[1]!.truth()));
    const byKind = await daily(`accountId=${ids.paradex}&kinds=perpetual,dated_future&groupBy=kind`);
    assert.deepEqual(activeDays(byKind.series.find((s) => s.key === 'dated_future')!.days), truthDays(paradex.accounts[1]!.truth(['dated_future'])));

    const summary = await get<Summary>('/api/v1/volume/summary');
    const dime = book.unpricedTruth().get('DIME')!;
    assert.ok(dime.fills > 0);
    assert.deepEqual(summary.byExchange.paradex!.allTime.unpricedFees, [{ currency: 'DIME', amount: dime.amount, fills: dime.fills }]);
    // The account lists them over everything it holds, dated futures too.
    const every = book.unpricedTruth(BOTH).get('DIME')!;
    assert.ok((await account('paradex')).warnings.includes(`Fees in tokens Perpvol cannot price in USD are listed, not counted as $0 (all time, perpetuals and dated futures): ${every.amount} DIME over ${every.fills} fills.`));

    const fills = async () => {
      const listed = new Map<string, number>();
      for (let cursor: string | null = null, page = 0; page === 0 || cursor; page++) {
        const answer: FillsPage = await get(`/api/v1/fills?accountId=${ids.paradex}&limit=1000${cursor ? `&cursor=${cursor}` : ''}`);
        for (const f of answer.fills) listed.set(f.tradeId, f.ts);
        cursor = answer.nextCursor;
      }
      return listed;
    };
    const before = await fills();
    assert.ok(book.busts.length > 0 && book.busts.every((bust) => !before.has(bust.busted_fill_id)), 'fills the chain busted are not counted');

    // The chain rejects one more, counted fill: the next sync takes exactly it out of its day.
    const victim = book.rows.find((row) => row.fill_type === 'FILL' && row.assetKind === 'PERP' && before.has(row.id))!;
    const day = utcDayOf(victim.created_at);
    const dayBefore = dayOf(perps.total.find((d) => d.date === day)!);
    paradex.bust(1, victim.id);
    await syncAll();
    assert.equal((await fills()).has(victim.id), false);
    const after = dayOf((await daily(`accountId=${ids.paradex}`)).total.find((d) => d.date === day)!);
    assert.equal(after.volume, dayBefore.volume - notionalOf(victim.price, victim.size));
    assert.equal(after.trades, dayBefore.trades - 1);
    assert.deepEqual(activeDays((await daily(`accountId=${ids.paradex}`)).total), truthDays(paradex.accounts[1]!.truth()));
  });

  test('groupBy=underlying: one BTC series across all four exchanges, each asset to the micro-dollar, adding up to the total', async () => {
    const grouped = await daily('groupBy=underlying');
    const ours = new Map(grouped.series.map((s) => [s.key, s.days.reduce((sum, d) => sum + micros(d.volumeUsd), 0n)]));
    const expected = new Map<string, bigint>();
    for (const simAccount of [bybit.accounts[0]!, paradex.accounts[1]!, hl.accounts[0]!, woox.accounts[0]!]) {
      for (const [asset, volume] of simAccount.truthByUnderlying()) expected.set(asset, (expected.get(asset) ?? 0n) + volume);
    }
    assert.deepEqual([...ours].sort(), [...expected].sort());
    assert.equal(grouped.series.filter((s) => s.key === 'BTC').length, 1);
    // BTC comes from every exchange: the same series of each exchange alone is not empty.
    for (const exchange of ['bybit', 'paradex', 'hyperliquid', 'woox']) {
      const alone = await daily(`groupBy=underlying&exchange=${exchange}`);
      assert.ok(alone.series.some((s) => s.key === 'BTC' && s.days.some((d) => d.trades > 0)), `${exchange} trades BTC`);
    }
    for (const [i, totalDay] of grouped.total.entries()) {
      const sum = grouped.series.reduce((acc, s) => acc + micros(s.days[i]!.volumeUsd), 0n);
      assert.equal(sum, micros(totalDay.volumeUsd), totalDay.date);
      assert.equal(grouped.series.reduce((n, s) => n + s.days[i]!.trades, 0), totalDay.trades);
    }
  });

  test("reconciliation says what Hyperliquid's daily figures count", async () => {
    const { accounts } = await get<{ accounts: AccountReconciliation[] }>('/api/v1/volume/reconciliation');
    const mine = accounts.find((a) => a.accountId === ids.hyperliquid)!;
    assert.equal(mine.reportedDailyLabel, 'Hyperliquid fee-tier volume (includes spot and sub-accounts)');
    assert.ok(mine.days.length > 0);
    assert.deepEqual(mine.historyGaps, []);
    assert.equal(accounts.find((a) => a.accountId === ids.bybit)!.reportedDailyLabel, null);
  });
});
