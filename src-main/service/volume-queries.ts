import { exchanges as appExchanges, type ExchangeRegistry } from '../connectors/registry.ts';
import type { Daily, DayVolume, GroupBy, Summary, VolumeWindow, Windows } from '../../src-shared/schemas.ts';
import { daysBetween, rollingWindow } from '../core/days.ts';
import type { ExchangeId } from '../core/exchange.ts';
import { INSTRUMENT_KIND_LABELS, isInstrumentKind, type InstrumentKind } from '../core/instrument.ts';
import { microsToUsd } from '../core/usd.ts';
import type { AccountRecord, DailyFilter, DayRange, DayTotals, Store, UnpricedFeeRow, WindowTotalsRow } from '../store/store.ts';
import { mergeUnpricedFees } from '../sync/counting-notes.ts';

/**
 * Daily series and rolling windows from the rollups. Sums stay in bigint micro-dollars until the
 * very last step, so the USD numbers are the exact totals however many days and fills add up.
 */

const emptyTotals = (): DayTotals => ({ volumeMicros: 0n, makerMicros: 0n, takerMicros: 0n, feesMicros: 0n, trades: 0 });

function addInto(target: DayTotals, row: DayTotals): void {
  target.volumeMicros += row.volumeMicros;
  target.makerMicros += row.makerMicros;
  target.takerMicros += row.takerMicros;
  target.feesMicros += row.feesMicros;
  target.trades += row.trades;
}

function toDay(date: string, totals: DayTotals | undefined): DayVolume {
  const t = totals ?? emptyTotals();
  return {
    date,
    volumeUsd: microsToUsd(t.volumeMicros),
    makerVolumeUsd: microsToUsd(t.makerMicros),
    takerVolumeUsd: microsToUsd(t.takerMicros),
    feesUsd: microsToUsd(t.feesMicros),
    trades: t.trades,
  };
}

/** `exchanges`: whose labels the series are named by (default: the app's registry). */
export async function queryDaily(
  store: Store,
  filter: DailyFilter,
  groupBy: GroupBy | undefined,
  accounts: AccountRecord[],
  exchanges: ExchangeRegistry = appExchanges,
): Promise<Daily> {
  const rows = await store.volume.daily(filter, groupBy ?? 'none');
  const dates = daysBetween(filter.from, filter.to);
  const total = new Map<string, DayTotals>();
  const groups = new Map<string, { sum: bigint; byDay: Map<string, DayTotals> }>();
  for (const row of rows) {
    const day = total.get(row.day) ?? emptyTotals();
    addInto(day, row);
    total.set(row.day, day);
    if (!groupBy) continue;
    const group = groups.get(row.key) ?? { sum: 0n, byDay: new Map<string, DayTotals>() };
    const cell = group.byDay.get(row.day) ?? emptyTotals();
    addInto(cell, row);
    group.byDay.set(row.day, cell);
    group.sum += row.volumeMicros;
    groups.set(row.key, group);
  }
  const labelOf = seriesLabeler(groupBy, accounts, exchanges);
  // Biggest series first (what a stacked chart and a legend want); ties by key, so output is stable.
  const series = [...groups.entries()]
    .sort(([keyA, a], [keyB, b]) => (a.sum === b.sum ? keyA.localeCompare(keyB) : a.sum > b.sum ? -1 : 1))
    .map(([key, group]) => ({ key, label: labelOf(key), days: dates.map((date) => toDay(date, group.byDay.get(date))) }));
  return {
    from: filter.from,
    to: filter.to,
    currency: 'USD',
    kinds: [...filter.kinds],
    total: dates.map((date) => toDay(date, total.get(date))),
    series,
  };
}

function seriesLabeler(groupBy: GroupBy | undefined, accounts: AccountRecord[], exchanges: ExchangeRegistry): (key: string) => string {
  if (groupBy === 'exchange') return (key) => exchanges.label(key);
  if (groupBy === 'kind') return (key) => (isInstrumentKind(key) ? INSTRUMENT_KIND_LABELS[key] : key);
  if (groupBy === 'account') {
    const labels = new Map(
      accounts.map((account) => [account.id, `${account.label} (${exchanges.label(account.exchange)}${account.removedAt === null ? '' : ', removed'})`]),
    );
    return (key) => labels.get(key) ?? key;
  }
  return (key) => key;
}

type WindowName = keyof Windows;
const ROLLING: [WindowName, number][] = [
  ['today', 1],
  ['d7', 7],
  ['d14', 14],
  ['d30', 30],
];

const toWindow = (rows: WindowTotalsRow[], unpriced: UnpricedFeeRow[]): VolumeWindow => ({
  volumeUsd: microsToUsd(rows.reduce((sum, row) => sum + row.volumeMicros, 0n)),
  feesUsd: microsToUsd(rows.reduce((sum, row) => sum + row.feesMicros, 0n)),
  trades: rows.reduce((sum, row) => sum + row.trades, 0),
  unpricedFees: mergeUnpricedFees(unpriced),
});

/**
 * today/d7/d14/d30/allTime overall, per exchange and per account; dN = the last N UTC days, today
 * included. One query per window reads per-account sums; exchanges and the total add those up.
 */
export async function querySummary(store: Store, now: number, accounts: AccountRecord[], kinds: readonly InstrumentKind[]): Promise<Summary> {
  const ranges: [WindowName, DayRange][] = [...ROLLING.map(([name, days]): [WindowName, DayRange] => [name, rollingWindow(days, now)]), ['allTime', {}]];
  const [totals, unpriced] = await Promise.all([
    Promise.all(ranges.map(([, range]) => store.volume.totalsByAccount({ ...range, kinds }))),
    Promise.all(ranges.map(([, range]) => store.volume.unpricedFees({ ...range, kinds }))),
  ]);
  const exchanges = new Set<ExchangeId>(accounts.map((account) => account.exchange));
  const accountIds = new Set<string>(accounts.map((account) => account.id));
  for (const rows of totals) {
    for (const row of rows) {
      exchanges.add(row.exchange);
      accountIds.add(row.accountId);
    }
  }
  const windowsFor = (keep: (row: { exchange: ExchangeId; accountId: string }) => boolean): Windows => {
    const windows = {} as Windows;
    ranges.forEach(([name], index) => {
      windows[name] = toWindow((totals[index] ?? []).filter(keep), (unpriced[index] ?? []).filter(keep));
    });
    return windows;
  };
  const byExchange: Summary['byExchange'] = {};
  for (const exchange of [...exchanges].sort()) byExchange[exchange] = windowsFor((row) => row.exchange === exchange);
  const byAccount: Summary['byAccount'] = {};
  for (const accountId of [...accountIds].sort()) byAccount[accountId] = windowsFor((row) => row.accountId === accountId);
  return { asOf: new Date(now).toISOString(), kinds: [...kinds], ...windowsFor(() => true), byExchange, byAccount };
}
