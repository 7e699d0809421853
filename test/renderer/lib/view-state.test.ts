import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CHART_VIEW, readChartView, readFillsView, readOverviewView, writeChartView, writeFillsView, writeOverviewView } from '../../../src-renderer/src/lib/view-state.ts';

describe('views kept in the address bar', () => {
  it('writes nothing for the default chart, and reads it back', () => {
    assert.equal(writeChartView(DEFAULT_CHART_VIEW).toString(), '');
    assert.deepEqual(readChartView(new URLSearchParams()), DEFAULT_CHART_VIEW);
  });

  it('round-trips every choice of the chart', () => {
    const view = {
      range: 'custom' as const, from: '2025-01-01', to: '2025-06-30', group: 'underlying' as const, cumulative: true, bars: 'week' as const,
      average: false, kinds: 'all' as const, exchange: 'bybit' as const, accountId: 'acc 1', table: 'symbol' as const, series: '6' as const,
    };
    const params = writeChartView(view);
    assert.equal(params.toString(), 'range=custom&from=2025-01-01&to=2025-06-30&group=underlying&mode=cumulative&bars=week&average=off&kinds=all&exchange=bybit&account=acc+1&table=symbol&series=6');
    assert.deepEqual(readChartView(new URLSearchParams(params.toString())), view);
  });

  it('falls back to defaults for anything unreadable in a hand-edited link', () => {
    const view = readChartView(new URLSearchParams('range=5y&group=planet&bars=hourly&exchange=ftx&from=2025-02-30&table=x&series=7'));
    assert.deepEqual(view, DEFAULT_CHART_VIEW);
    assert.equal(readChartView(new URLSearchParams('range=90d&from=2025-01-01')).from, null, 'days only with a custom range');
  });

  it('keeps the fills filters and the overview’s kinds', () => {
    const fills = { accountId: 'a1', from: '2026-01-01', to: null, kinds: 'all' as const };
    assert.deepEqual(readFillsView(writeFillsView(fills)), fills);
    assert.equal(writeFillsView({ accountId: null, from: null, to: null, kinds: 'perpetual' }).toString(), '');
    assert.deepEqual(readOverviewView(writeOverviewView({ kinds: 'all' })), { kinds: 'all' });
  });
});
