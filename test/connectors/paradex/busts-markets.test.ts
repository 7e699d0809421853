/**
 * Paradex's busts and markets, against the simulator: busts are read before the fills of every
 * pass, from where the last complete read stopped (its own position in the cursor), and name the
 * matched trades they revert; GET /v1/markets is read once a day per origin and decides perpetual
 * or dated future; fees in $DIME stay unpriced, summed exactly in DIME.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDecimals, formatDecimal, parseDecimal } from '../../../src-main/core/decimal.ts';
import { createParadexConnector } from '../../../src-main/connectors/paradex/descriptor.ts';
import { BUSTS_OVERLAP_MS } from '../../../src-main/connectors/paradex/fill-pages.ts';
import { InstrumentCatalog } from '../../../src-main/connectors/kit/instrument-catalog.ts';
import { startParadexSimulator, type ParadexSimulatorHandle } from '../../sim/paradex/index.ts';
import { FillCollector } from '../fill-collector.ts';
import { fastOptions } from './support.ts';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const HOUR = 3_600_000;

describe('Paradex busts, markets and $DIME fees', () => {
  let sim: ParadexSimulatorHandle;
  let clock = NOW;
  before(async () => {
    sim = await startParadexSimulator({ seed: 41, accounts: 2, fillsPerAccount: 3_000, days: 120, now: () => NOW });
  });
  after(() => sim.close());

  const connector = (index: number, markets = new InstrumentCatalog()) =>
    createParadexConnector({ baseUrl: sim.baseUrl, credentials: sim.accounts[index]!.credentials }, { ...fastOptions(() => clock), markets });

  it('reads every bust before the first fills, and a later bust at the next pass, from where the last read stopped', async () => {
    const account = sim.accounts[0]!;
    const collector = new FillCollector();
    const first = connector(0);
    await collector.run(first, NOW);
    assert.ok(collector.pages[0]!.bustedTradeIds!.length > 0, 'the first page carries the busts');
    for (const bust of account.book.busts) assert.ok(collector.busted.has(bust.busted_fill_id));
    assert.equal((collector.cursor as { bustsReadTo: number }).bustsReadTo, NOW);

    // The chain rejects a fill an hour later: the next pass reads it, and only busts since the last read.
    const victim = [...collector.byTradeId.values()].find((fill) => !fill.tradeId.includes(':'))!;
    const later = NOW + HOUR;
    sim.advanceClock(HOUR);
    clock = later;
    try {
      sim.bust(0, victim.tradeId);
      await collector.run(first, later);
    } finally {
      sim.advanceClock(-HOUR);
      clock = NOW;
    }
    assert.equal(collector.byTradeId.has(victim.tradeId), false, 'the busted fill leaves');
    const bustPages = collector.pages.filter((page) => page.bustedTradeIds !== undefined);
    assert.deepEqual(bustPages.at(-1)!.bustedTradeIds, [victim.tradeId, `RPI:${victim.tradeId}`, `BLOCK_TRADE:${victim.tradeId}`]);
    assert.equal((collector.cursor as { bustsReadTo: number }).bustsReadTo, later);
    assert.ok(NOW - BUSTS_OVERLAP_MS > Math.max(...account.book.busts.slice(0, -1).map((bust) => bust.created_at)), 'older busts were not read again');
  });

  it('a cursor from before busts were read keeps its fills position and reads every bust once', async () => {
    const account = sim.accounts[1]!;
    const collector = new FillCollector();
    await collector.run(connector(1), NOW);
    const { bustsReadTo: _dropped, ...v1 } = collector.cursor as Record<string, unknown>;
    collector.cursor = { ...v1, v: 1 } as never;
    const before = collector.pages.length;
    await collector.run(connector(1), NOW + 60_000);
    const upgraded = collector.pages.slice(before);
    assert.ok(upgraded[0]!.bustedTradeIds!.length >= account.book.busts.length * 3);
    assert.equal(upgraded.filter((page) => page.bustedTradeIds === undefined).length, 1, 'one incremental page of fills: the position was kept');
    assert.deepEqual([...collector.byTradeId.values()].filter((f) => f.kind === 'perpetual').length, [...account.truth().values()].reduce((n, d) => n + d.trades, 0));
  });

  it('reads the list of markets once per origin and day, shared by its accounts', async () => {
    const shared = new InstrumentCatalog();
    const before = sim.requestsTo('GET /v1/markets');
    await new FillCollector().run(connector(0, shared), NOW);
    await new FillCollector().run(connector(1, shared), NOW + HOUR / 2);
    assert.equal(sim.requestsTo('GET /v1/markets') - before, 1);
    await new FillCollector().run(connector(1, shared), NOW + 25 * HOUR);
    assert.equal(sim.requestsTo('GET /v1/markets') - before, 2);
  });

  it('keeps fees paid in $DIME unpriced, summed exactly in DIME, for perpetuals and dated futures apart', async () => {
    const account = sim.accounts[0]!;
    const collector = new FillCollector();
    await collector.run(connector(0), NOW);
    const sums = new Map<string, { amount: string; fills: number }>();
    for (const kind of ['perpetual', 'dated_future'] as const) {
      let amount = parseDecimal('0');
      let fills = 0;
      for (const fill of collector.byTradeId.values()) {
        if (fill.kind !== kind || fill.feeMicros !== null) continue;
        assert.equal(fill.feeCurrency, 'DIME');
        amount = addDecimals(amount, parseDecimal(fill.fee));
        fills += 1;
      }
      sums.set(kind, { amount: formatDecimal(amount), fills });
    }
    assert.deepEqual(sums.get('perpetual'), account.book.unpricedTruth().get('DIME'));
    assert.deepEqual(sums.get('dated_future'), account.book.unpricedTruth(['dated_future']).get('DIME'));
    assert.ok(sums.get('perpetual')!.fills > 10);
  });
});
