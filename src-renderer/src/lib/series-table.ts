/**
 * The table under the chart: the range's volume broken down by asset, symbol, exchange, account or
 * kind — each with its share, maker share, fees and trades — biggest first, in the same fixed
 * colours as the chart. Pure, so the sums are tested without a browser.
 */
import type { Daily, GroupBy } from '../../../src-shared/schemas.ts';
import { addUsd } from './chart-data.ts';
import type { ExchangeCatalog } from './exchange-catalog.ts';
import { seriesColors, type AccountRef } from './series-colors.ts';
import { shareOfKnownSide } from './maker-share.ts';

export interface SeriesTotalsRow {
  key: string;
  label: string;
  color: string;
  volumeUsd: number;
  /** Of the range's total volume, 0..1. */
  share: number;
  makerVolumeUsd: number;
  takerVolumeUsd: number;
  /** Maker volume over maker + taker volume: fills with a known side only (null without any). */
  makerShare: number | null;
  feesUsd: number;
  trades: number;
}

export function seriesTotals(daily: Daily, groupBy: GroupBy, dark: boolean, exchanges: ExchangeCatalog, accounts: readonly AccountRef[] = []): SeriesTotalsRow[] {
  const colors = seriesColors(groupBy, daily.series.map((s) => s.key), dark, exchanges, accounts);
  const rows = daily.series.map((series) => {
    let volumeUsd = 0;
    let makerVolumeUsd = 0;
    let takerVolumeUsd = 0;
    let feesUsd = 0;
    let trades = 0;
    for (const day of series.days) {
      volumeUsd = addUsd(volumeUsd, day.volumeUsd);
      makerVolumeUsd = addUsd(makerVolumeUsd, day.makerVolumeUsd);
      takerVolumeUsd = addUsd(takerVolumeUsd, day.takerVolumeUsd);
      feesUsd = addUsd(feesUsd, day.feesUsd);
      trades += day.trades;
    }
    return { key: series.key, label: series.label, color: colors[series.key]!, volumeUsd, makerVolumeUsd, takerVolumeUsd, feesUsd, trades };
  });
  const total = rows.reduce((sum, row) => addUsd(sum, row.volumeUsd), 0);
  return rows
    .filter((row) => row.volumeUsd !== 0 || row.trades > 0)
    .map((row) => ({ ...row, share: total > 0 ? row.volumeUsd / total : 0, makerShare: shareOfKnownSide(row.makerVolumeUsd, row.takerVolumeUsd) }))
    .sort((a, b) => b.volumeUsd - a.volumeUsd || a.label.localeCompare(b.label));
}
