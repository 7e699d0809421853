import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createParadexConnector } from '../../../src-main/connectors/paradex/descriptor.ts';
import type { ListedMarket } from '../../../src-main/connectors/kit/instrument-catalog.ts';
import type { NormalizedRow } from '../../../src-main/connectors/kit/normalized-row.ts';
import { normalizeParadexFill } from '../../../src-main/connectors/paradex/normalize.ts';
import { startParadexSimulator, type ParadexSimulatorHandle } from '../../sim/paradex/index.ts';
import { totalsByDay } from '../../support/daily-totals.ts';
import { FillCollector, sortedDays } from '../fill-collector.ts';
import { PAGE_SIZE_DIALECTS } from './dialects.ts';
import { fastOptions } from './support.ts';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);

function countedTrades(sim: ParadexSimulatorHandle, index: number): number {
  return [...sim.accounts[index]!.truth().values()].reduce((sum, day) => sum + day.trades, 0);
}

for (const dialect of PAGE_SIZE_DIALECTS) {
  describe(`Paradex fill paging — ${dialect.name}`, () => {
    let sim: ParadexSimulatorHandle;
    let repeating: ParadexSimulatorHandle;
    /** A longer history, so every kind of row occurs. */
    let varied: ParadexSimulatorHandle;
    // Enough fills for several pages whatever the page size; many fills in few days, so pages end
    // inside bursts of fills sharing one millisecond.
    const fills = Math.round(dialect.rowsPerPage * 4.5);
    before(async () => {
      sim = await startParadexSimulator({ seed: 21, fillsPerAccount: fills, days: 20, now: () => NOW, ignoreAssetKind: true, ...dialect.options });
      repeating = await startParadexSimulator({ seed: 22, fillsPerAccount: fills, days: 10, now: () => NOW, duplicateAcrossPages: true, ...dialect.options });
      varied = await startParadexSimulator({ seed: 23, fillsPerAccount: 4_000, days: 200, now: () => NOW, accounts: 1, ...dialect.options });
    });
    after(async () => {
      await Promise.all([sim.close(), repeating.close(), varied.close()]);
    });

    it('walks every page to the end and equals the simulator’s daily truth exactly', async () => {
      const collector = new FillCollector();
      const asked = sim.fillsPageSizes().length;
      await collector.run(createParadexConnector({ baseUrl: sim.baseUrl, credentials: sim.accounts[0]!.credentials }, fastOptions(() => NOW)), NOW);
      const listed = sim.accounts[0]!.book.rows.length;
      assert.equal(collector.fillPages.length, Math.ceil(listed / dialect.rowsPerPage), 'one FillPage per page the server served');
      assert.deepEqual(sortedDays(collector.daily()), sortedDays(sim.accounts[0]!.truth()));
      const last = collector.pages.at(-1)!;
      assert.equal(last.progress, 1);
      assert.equal((last.cursor as { pass: unknown }).pass, null);
      assert.equal(last.coveredTo, NOW);
      const progress = collector.fillPages.map((page) => page.progress);
      assert.deepEqual(progress, [...progress].sort((a, b) => a - b), 'progress never goes back');
      assert.ok(progress.slice(0, -1).every((value) => value < 1));
      // The documented maximum is asked first; a refusal costs one request, then the size sticks.
      const sizes = sim.fillsPageSizes().slice(asked);
      assert.equal(sizes[0], 5000);
      const settled = dialect.options.overMaxPageSize === 'reject' ? dialect.rowsPerPage : 5000;
      assert.ok(sizes.slice(-collector.fillPages.length).every((size) => size === settled), `settled on ${settled}: ${sizes.join()}`);
    });

    it('counts perpetuals, keeps dated futures apart, skips spot, options, settlements and transfers, keeps unknown fill types aside, and leaves busted fills out', async () => {
      const account = varied.accounts[0]!;
      const skipped = account.book.rows.filter((row) => row.assetKind === 'SPOT' || row.assetKind === 'PERP_OPTION' || ['TRANSFER', 'UNWIND_TRANSFER', 'SETTLE_MARKET'].includes(row.fill_type));
      for (const kind of ['SPOT', 'PERP_OPTION']) assert.ok(skipped.some((row) => row.assetKind === kind), `the history has ${kind} fills`);
      for (const type of ['TRANSFER', 'UNWIND_TRANSFER', 'SETTLE_MARKET']) assert.ok(skipped.some((row) => row.fill_type === type), `the history has ${type} rows`);
      const collector = new FillCollector();
      await collector.run(createParadexConnector({ baseUrl: varied.baseUrl, credentials: account.credentials }, fastOptions(() => NOW)), NOW);
      const kept = new Set([...collector.byTradeId.values()].map((fill) => `${fill.symbol} ${fill.ts} ${fill.price} ${fill.qty}`));
      for (const row of skipped) assert.equal(kept.has(`${row.market} ${row.created_at} ${row.price} ${row.size}`), false, `${row.market} ${row.fill_type} must not count`);
      assert.equal([...collector.byTradeId.values()].filter((fill) => fill.kind === 'perpetual').length, countedTrades(varied, 0));
      assert.deepEqual(sortedDays(collector.daily()), sortedDays(account.truth()));
      const both = ['perpetual', 'dated_future'] as const;
      assert.deepEqual(sortedDays(totalsByDay(collector.byTradeId.values(), both)), sortedDays(account.truth(both)));
      assert.ok([...collector.byTradeId.values()].some((fill) => fill.kind === 'dated_future'), 'FUTURE markets are dated futures');
      const unclassified = new Map<string, number>();
      for (const rawType of collector.unclassified.values()) unclassified.set(rawType, (unclassified.get(rawType) ?? 0) + 1);
      assert.deepEqual(sortedDays(unclassified), sortedDays(account.book.unclassifiedTruth()));
      assert.ok(account.book.busts.length > 0 && account.book.busts.every((bust) => !collector.byTradeId.has(bust.busted_fill_id)), 'busted fills are out');
    });

    it('keeps maker rebates negative and sums fees to the cent', async () => {
      const account = sim.accounts[1]!;
      const collector = new FillCollector();
      await collector.run(createParadexConnector({ baseUrl: sim.baseUrl, credentials: account.credentials }, fastOptions(() => NOW)), NOW);
      const rebates = [...collector.byTradeId.values()].filter((fill) => (fill.feeMicros ?? 0) < 0);
      assert.ok(rebates.length > 10);
      assert.ok(rebates.every((fill) => fill.liquidity === 'maker' && fill.fee.startsWith('-')));
      const fees = [...collector.daily().values()].reduce((sum, day) => sum + day.feesMicros, 0);
      const truth = [...account.truth().values()].reduce((sum, day) => sum + day.feesMicros, 0);
      assert.equal(fees, truth);
    });

    it('hands a fill repeated at the start of the next page over only once', async () => {
      const account = repeating.accounts[0]!;
      const collector = new FillCollector();
      await collector.run(createParadexConnector({ baseUrl: repeating.baseUrl, credentials: account.credentials }, fastOptions(() => NOW)), NOW);
      assert.ok(collector.pages.length >= 4);
      const handed = collector.pages.flatMap((page) => page.fills.map((fill) => fill.tradeId));
      assert.equal(handed.length, new Set(handed).size, 'no fill is handed over twice');
      assert.deepEqual(sortedDays(collector.daily()), sortedDays(account.truth()));
    });

    it('resumes an interrupted backfill from the persisted cursor without losing or doubling a fill', async () => {
      const account = repeating.accounts[1]!;
      const connector = createParadexConnector({ baseUrl: repeating.baseUrl, credentials: account.credentials }, fastOptions(() => NOW));
      const collector = new FillCollector();
      await collector.run(connector, NOW, 3);
      const saved = JSON.stringify(collector.cursor);
      assert.ok(!saved.includes(account.credentials.privateKey!.slice(2)), 'the cursor holds no secret');
      const pass = (collector.cursor as { pass: { resumeTo: number } }).pass;
      assert.ok(pass.resumeTo < NOW, 'the cursor narrows the range still to walk');
      // A new connector (app restart) continues from the saved JSON.
      const restarted = createParadexConnector({ baseUrl: repeating.baseUrl, credentials: account.credentials }, fastOptions(() => NOW));
      await collector.run(restarted, NOW);
      assert.deepEqual(sortedDays(collector.daily()), sortedDays(account.truth()));
      assert.equal([...collector.byTradeId.values()].filter((fill) => fill.kind === 'perpetual').length, countedTrades(repeating, 1));
    });

    it('fetches only what is new in an incremental sync, including fills on the previous pass’s last millisecond', async () => {
      const account = sim.accounts[1]!;
      const connector = createParadexConnector({ baseUrl: sim.baseUrl, credentials: account.credentials }, fastOptions(() => NOW));
      const collector = new FillCollector();
      await collector.run(connector, NOW);
      const backfillPages = collector.pages.length;
      const pagesOfPass = (from: number) => collector.pages.slice(from).filter((page) => page.bustedTradeIds === undefined);

      // Fills stamped exactly at the end of the finished pass, listed only afterwards.
      assert.equal(account.trade(3, NOW), 3);
      const later = NOW + 5 * 60_000;
      assert.equal(account.trade(2, later), 2);
      await collector.run(connector, later);
      const incremental = pagesOfPass(backfillPages);
      assert.equal(incremental.length, 1);
      assert.equal(incremental[0]!.progress, 1);
      assert.equal(incremental[0]!.coveredFrom, NOW - 10 * 60_000);
      assert.deepEqual(sortedDays(collector.daily()), sortedDays(account.truth()));

      // Nothing new: one page, only the overlap window's repeats, and the pass completes.
      const known = collector.byTradeId.size;
      const idle = NOW + 60 * 60_000;
      await collector.run(connector, idle);
      const last = collector.pages.at(-1)!;
      assert.equal(pagesOfPass(backfillPages).length, 2);
      assert.equal(collector.byTradeId.size, known);
      assert.ok(last.fills.every((fill) => fill.ts >= later - 10 * 60_000));
      assert.equal(last.progress, 1);
      assert.equal(last.coveredTo, idle);
    });
  });
}

describe('Paradex fill normalization', () => {
  const row = {
    id: '1732000000000000001',
    market: 'BTC-USD-PERP',
    side: 'SELL' as const,
    liquidity: 'MAKER' as const,
    price: '64000.5',
    size: '0.125',
    fee: '-0.40000312',
    fee_currency: 'USDC',
    order_id: '1732000000000000001001',
    client_id: 'x1',
    fill_type: 'FILL',
    created_at: 1_732_000_000_000,
  };

  it('turns a perp fill into USD micro-dollars with maker/taker and the rebate as a negative fee', () => {
    assert.deepEqual(normalizeParadexFill(row), {
      fill: {
        exchange: 'paradex',
        tradeId: '1732000000000000001',
        orderId: '1732000000000000001001',
        symbol: 'BTC-USD-PERP',
        kind: 'perpetual',
        underlying: 'BTC',
        side: 'sell',
        price: '64000.5',
        qty: '0.125',
        notionalMicros: 8_000_062_500,
        fee: '-0.40000312',
        feeCurrency: 'USDC',
        feeMicros: -400_003,
        liquidity: 'maker',
        ts: 1_732_000_000_000,
      },
    });
  });

  const fillOf = (normalized: NormalizedRow) => ('fill' in normalized ? normalized.fill : null);

  it('keeps a fee paid in $DIME unpriced, with its amount and token, instead of refusing the page', () => {
    const fill = fillOf(normalizeParadexFill({ ...row, fee: '1.25', fee_currency: 'DIME' }));
    assert.deepEqual([fill?.fee, fill?.feeCurrency, fill?.feeMicros, fill?.notionalMicros], ['1.25', 'DIME', null, 8_000_062_500]);
  });

  it('counts fills, RPI, block trades and liquidations; not settlements or unwind transfers (nor TRANSFER, their name before 2026-07); keeps unknown types aside', () => {
    for (const fillType of ['FILL', 'LIQUIDATION', 'RPI', 'BLOCK_TRADE']) assert.equal(fillOf(normalizeParadexFill({ ...row, fill_type: fillType }))?.notionalMicros, 8_000_062_500);
    for (const fillType of ['UNWIND_TRANSFER', 'TRANSFER', 'SETTLE_MARKET']) assert.deepEqual(normalizeParadexFill({ ...row, fill_type: fillType }), { ignored: fillType });
    assert.deepEqual(normalizeParadexFill({ ...row, fill_type: 'FUNDING_SWAP' }), {
      unclassified: { exchange: 'paradex', executionId: 'FUNDING_SWAP:1732000000000000001', rawType: 'FUNDING_SWAP', symbol: 'BTC-USD-PERP', ts: 1_732_000_000_000 },
    });
  });

  it('ids are unique per fill type: a type other than FILL is part of the trade id, and the bare id is its legacy id', () => {
    assert.deepEqual(
      ['LIQUIDATION', 'RPI', 'BLOCK_TRADE'].map((fillType) => [fillOf(normalizeParadexFill({ ...row, fill_type: fillType }))?.tradeId, fillOf(normalizeParadexFill({ ...row, fill_type: fillType }))?.legacyTradeId]),
      [['LIQUIDATION:1732000000000000001', '1732000000000000001'], ['RPI:1732000000000000001', '1732000000000000001'], ['BLOCK_TRADE:1732000000000000001', '1732000000000000001']],
    );
    assert.equal(fillOf(normalizeParadexFill({ ...row, fill_type: null }))?.tradeId, '1732000000000000001', 'no fill_type is an order-book fill');
  });

  it("the market's asset_kind decides: PERP a perpetual, FUTURE a dated future, spot and options never; names decide for a market it does not list", () => {
    const listed: Record<string, ListedMarket> = {
      'BTC-USD-27MAR26': { kind: 'dated_future', rawKind: 'asset_kind FUTURE', underlying: 'BTC' },
      'ETH-USDC': { kind: 'not_volume', rawKind: 'asset_kind SPOT', underlying: 'ETH' },
      'BTC-USD-NEW': { kind: null, rawKind: 'asset_kind PREDICTION', underlying: 'BTC' },
    };
    const lookup = (symbol: string) => listed[symbol];
    assert.deepEqual([fillOf(normalizeParadexFill({ ...row, market: 'BTC-USD-27MAR26' }, lookup))?.kind], ['dated_future']);
    assert.deepEqual(normalizeParadexFill({ ...row, market: 'ETH-USDC' }, lookup), { ignored: 'asset_kind SPOT' });
    assert.equal((normalizeParadexFill({ ...row, market: 'BTC-USD-NEW' }, lookup) as { unclassified: { rawType: string } }).unclassified.rawType, 'asset_kind PREDICTION');
    // delisted: not in the list any more, read by name
    assert.equal(fillOf(normalizeParadexFill({ ...row, market: 'SOL-USD-PERP' }, lookup))?.kind, 'perpetual');
    assert.deepEqual(normalizeParadexFill({ ...row, market: 'BTC-USD-100000-C' }), { ignored: 'option BTC-USD-100000-C' });
    // a market neither the list nor its name tells is kept aside, never guessed
    assert.equal((normalizeParadexFill({ ...row, market: 'DOGE-USDC' }) as { unclassified: { rawType: string } }).unclassified.rawType, 'market DOGE-USDC');
  });
});
