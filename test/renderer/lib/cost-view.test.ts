import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Costs } from '../../../src-shared/cost-schemas.ts';
import { buildCostChart, readCostView, writeCostView } from '../../../src-renderer/src/lib/cost-view.ts';
import { emptyCosts } from '../../support/empty-costs.ts';
import { SERVED_CATALOG } from './served-exchanges.ts';

describe('the Costs view', () => {
  it('takes a bar’s fees per $1M from its sums, not as an average of daily ratios', () => {
    // Monday 2026-03-02 … Sunday 2026-03-08: $1,000 on 1M (1,000 per $1M) and $10 on 100k (100 per $1M)
    const costs: Costs = {
      ...emptyCosts(), from: '2026-03-02', to: '2026-03-08',
      chart: [{ exchange: 'bybit', label: 'Bybit', days: [
        { date: '2026-03-02', volumeUsd: 1_000_000, feesUsd: 1_000, feesPerMillionUsd: 1_000 },
        { date: '2026-03-03', volumeUsd: 100_000, feesUsd: 10, feesPerMillionUsd: 100 },
        { date: '2026-03-04', volumeUsd: 0, feesUsd: 0, feesPerMillionUsd: null },
      ] }],
    };
    const weekly = buildCostChart(costs, 'week', false, SERVED_CATALOG);
    assert.equal(weekly.buckets.length, 1);
    assert.equal(weekly.series[0]!.values[0], (1_010 / 1_100_000) * 1_000_000, '918.18…, not (1,000 + 100) ÷ 2');
    const daily = buildCostChart(costs, 'day', false, SERVED_CATALOG);
    assert.deepEqual(daily.series[0]!.values.slice(0, 3), [1_000, 100, null], 'a day without volume has no point, not a zero');
  });

  it('keeps its view in the address bar, defaults left out', () => {
    const view = readCostView(new URLSearchParams('range=90d&group=day&bars=week&kinds=all'));
    assert.deepEqual(view, { range: '90d', group: 'day', bars: 'week', kinds: 'all' });
    assert.equal(writeCostView({ ...view, range: '30d', group: 'exchange' }).toString(), 'bars=week&kinds=all');
    assert.deepEqual(readCostView(new URLSearchParams('range=5y&group=symbol')), { range: '30d', group: 'exchange', bars: 'auto', kinds: 'perpetual' });
  });
});
