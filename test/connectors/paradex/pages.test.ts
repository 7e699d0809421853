import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createParadexConnector } from '../../../src-main/connectors/paradex/connector.ts';
import { normalizeParadexFill } from '../../../src-main/connectors/paradex/normalize.ts';
import { startParadexSimulator, type ParadexSimulatorHandle } from '../../sim/paradex/index.ts';
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
    // Enough fills for several pages whatever the page size; many fills in few days, so pages end
    // inside bursts of fills sharing one millisecond.
    const fills = Math.round(dialect.rowsPerPage * 4.5);
    before(async () => {
      sim = await startParadexSimulator({ seed: 21, fillsPerAccount: fills, days: 20, now: () => NOW, ignoreAssetKind: true, ...dialect.options });
      repeating = await startParadexSimulator({ seed: 22, fillsPerAccount: fills, days: 10, now: () => NOW, duplicateAcrossPages: true, ...dialect.options });
    });
    after(async () => {
      await sim.close();
      await repeating.close();
    });

    it('walks every page to the end and equals the simulator’s daily truth exactly', async () => {
      const collector = new FillCollector();
      const asked = sim.fillsPageSizes().length;
      await collector.run(createParadexConnector({ baseUrl: sim.baseUrl, credentials: sim.accounts[0]!.credentials }, fastOptions(() => NOW)), NOW);
      const listed = sim.accounts[0]!.book.rows.length;
      assert.equal(collector.pages.length, Math.ceil(listed / dialect.rowsPerPage), 'one FillPage per page the server served');
      assert.deepEqual(sortedDays(collector.daily()), sortedDays(sim.accounts[0]!.truth()));
      const last = collector.pages.at(-1)!;
      assert.equal(last.progress, 1);
      assert.equal((last.cursor as { pass: unknown }).pass, null);
      assert.equal(last.coveredTo, NOW);
      const progress = collector.pages.map((page) => page.progress);
      assert.deepEqual(progress, [...progress].sort((a, b) => a - b), 'progress never goes back');
      assert.ok(progress.slice(0, -1).every((value) => value < 1));
      // The documented maximum is asked first; a refusal costs one request, then the size sticks.
      const sizes = sim.fillsPageSizes().slice(asked);
      assert.equal(sizes[0], 5000);
      const settled = dialect.options.overMaxPageSize === 'reject' ? dialect.rowsPerPage : 5000;
      assert.ok(sizes.slice(-collector.pages.length).every((size) => size === settled), `settled on ${settled}: ${sizes.join()}`);
    });

    it('skips option fills and TRANSFER / SETTLE_MARKET rows even when the API lists them', async () => {
      const account = sim.accounts[0]!;
      const skipped = account.book.rows.filter((row) => !row.market.endsWith('-PERP') || row.fill_type === 'TRANSFER' || row.fill_type === 'SETTLE_MARKET');
      assert.ok(skipped.some((row) => row.market.endsWith('-C')), 'the history has option fills');
      assert.ok(skipped.some((row) => row.fill_type === 'TRANSFER'), 'the history has transfer rows');
      const collector = new FillCollector();
      await collector.run(createParadexConnector({ baseUrl: sim.baseUrl, credentials: account.credentials }, fastOptions(() => NOW)), NOW);
      for (const row of skipped) assert.equal(collector.byTradeId.has(row.id), false, `${row.market} ${row.fill_type} must not count`);
      assert.equal(collector.byTradeId.size, countedTrades(sim, 0));
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
      assert.equal(collector.handedOver, collector.byTradeId.size);
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
      assert.equal(collector.byTradeId.size, countedTrades(repeating, 1));
    });

    it('fetches only what is new in an incremental sync, including fills on the previous pass’s last millisecond', async () => {
      const account = sim.accounts[1]!;
      const connector = createParadexConnector({ baseUrl: sim.baseUrl, credentials: account.credentials }, fastOptions(() => NOW));
      const collector = new FillCollector();
      await collector.run(connector, NOW);
      const backfillPages = collector.pages.length;

      // Fills stamped exactly at the end of the finished pass, listed only afterwards.
      assert.equal(account.trade(3, NOW), 3);
      const later = NOW + 5 * 60_000;
      assert.equal(account.trade(2, later), 2);
      await collector.run(connector, later);
      const incremental = collector.pages.slice(backfillPages);
      assert.equal(incremental.length, 1);
      assert.equal(incremental[0]!.progress, 1);
      assert.equal(incremental[0]!.coveredFrom, NOW - 10 * 60_000);
      assert.deepEqual(sortedDays(collector.daily()), sortedDays(account.truth()));

      // Nothing new: one page, only the overlap window's repeats, and the pass completes.
      const known = collector.byTradeId.size;
      const idle = NOW + 60 * 60_000;
      await collector.run(connector, idle);
      const last = collector.pages.at(-1)!;
      assert.equal(collector.pages.length, backfillPages + 2);
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
    });
  });

  it('keeps a fee paid in $DIME unpriced, with its amount and token, instead of refusing the page', () => {
    const fill = normalizeParadexFill({ ...row, fee: '1.25', fee_currency: 'DIME' });
    assert.deepEqual([fill?.fee, fill?.feeCurrency, fill?.feeMicros, fill?.notionalMicros], ['1.25', 'DIME', null, 8_000_062_500]);
  });

  it('counts liquidations, RPI and block trades but not transfers, settlements or options', () => {
    for (const fillType of ['FILL', 'LIQUIDATION', 'RPI', 'BLOCK_TRADE']) assert.notEqual(normalizeParadexFill({ ...row, fill_type: fillType }), null);
    for (const fillType of ['TRANSFER', 'SETTLE_MARKET']) assert.equal(normalizeParadexFill({ ...row, fill_type: fillType }), null);
    assert.equal(normalizeParadexFill({ ...row, market: 'BTC-USD-100000-C' }), null);
    assert.equal(normalizeParadexFill({ ...row, market: 'ETH-USD-3500-P' }), null);
  });
});
