import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Daily, DayVolume } from '../../../src-shared/schemas.ts';
import { seriesTotals } from '../../../src-renderer/src/lib/series-table.ts';
import { paletteShade } from '../../../src-renderer/src/lib/series-colors.ts';
import { SERVED_CATALOG } from './served-exchanges.ts';

const day = (date: string, volumeUsd: number, makerVolumeUsd: number, feesUsd: number, trades: number): DayVolume =>
  ({ date, volumeUsd, makerVolumeUsd, takerVolumeUsd: volumeUsd - makerVolumeUsd, feesUsd, trades });

describe('the table under the chart', () => {
  it('sums each asset over the range with its share, maker share and fees, biggest first', () => {
    const daily: Daily = {
      from: '2026-01-01', to: '2026-01-02', currency: 'USD', kinds: ['perpetual'], total: [],
      series: [
        { key: 'ETH', label: 'ETH', days: [day('2026-01-01', 100, 25, 0.05, 2), day('2026-01-02', 0.1, 0, 0, 1)] },
        { key: 'BTC', label: 'BTC', days: [day('2026-01-01', 300, 300, -0.03, 1), day('2026-01-02', 0.2, 0, 0.01, 1)] },
        { key: 'DOGE', label: 'DOGE', days: [day('2026-01-01', 0, 0, 0, 0)] },
      ],
    };
    const rows = seriesTotals(daily, 'underlying', false, SERVED_CATALOG);
    assert.deepEqual(rows.map((r) => [r.key, r.volumeUsd, r.makerVolumeUsd, r.feesUsd, r.trades]), [['BTC', 300.2, 300, -0.02, 2], ['ETH', 100.1, 25, 0.05, 3]]);
    assert.equal(rows[0]!.share, 300.2 / 400.3);
    assert.equal(rows[1]!.makerShare, 25 / 100.1);
    assert.notEqual(rows[0]!.color, paletteShade('BTC').light, 'BTC has its own colour');
  });

  it('takes maker share over volume with a known side: a day imported without sides does not dilute it', () => {
    const noSide: DayVolume = { date: '2026-01-02', volumeUsd: 600, makerVolumeUsd: 0, takerVolumeUsd: 0, feesUsd: 0.3, trades: 4 };
    const daily: Daily = {
      from: '2026-01-01', to: '2026-01-02', currency: 'USD', kinds: ['perpetual'], total: [],
      series: [{ key: 'hyperliquid', label: 'Hyperliquid', days: [day('2026-01-01', 400, 100, 0.1, 2), noSide] }],
    };
    const [row] = seriesTotals(daily, 'exchange', false, SERVED_CATALOG);
    assert.equal(row!.makerShare, 100 / 400, '100 maker of 400 with a side, not of 1,000');
  });
});
