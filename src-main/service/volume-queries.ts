import type { Daily, DayVolume, GroupBy, Summary, VolumeWindow, Windows } from '../../src-shared/schemas.ts';
import { daysBetween, rollingWindow } from '../core/days.ts';
import { EXCHANGE_LABELS, type ExchangeId } from '../core/exchange.ts';
import { microsToUsd } from '../core/usd.ts';
import type { AccountRecord, DailyFilter, DayTotals, Store, WindowTotalsRow } from '../store/store.ts';

/**
 * Daily series and rolling windows from the rollups. Sums stay in integer micro-dollars until the
 * very last step, so the USD numbers equal the exchange's to the cent however many days add up.
 */

const emptyTotals = (): DayTotals => ({ volumeMicros: 0, makerMicros: 0, takerMicros: 0, feesMicros: 0, trades: 0 });

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

export async function queryDaily(
  store: Store,
  filter: DailyFilter,
  groupBy: GroupBy | undefined,
  accounts: AccountRecord[],
): Promise<Daily> {
  const rows = await store.volume.daily(filter, groupBy ?? 'none');
  const dates = daysBetween(filter.from, filter.to);
  const total = new Map<string, DayTotals>();
  const groups = new Map<string, { sum: number; byDay: Map<string, DayTotals> }>();
  for (const row of rows) {
    const day = total.get(row.day) ?? emptyTotals();
    addInto(day, row);
    total.set(row.day, day);
    if (!groupBy) continue;
    const group = groups.get(row.key) ?? { sum: 0, byDay: new Map<string, DayTotals>() };
    const cell = group.byDay.get(row.day) ?? emptyTotals();
    addInto(cell, row);
    group.byDay.set(row.day, cell);
    group.sum += row.volumeMicros;
    groups.set(row.key, group);
  }
  const labelOf = seriesLabeler(groupBy, accounts);
  // Biggest series first (what a stacked chart and a legend want); ties by key, so output is stable.
  const series = [...groups.entries()]
    .sort(([keyA, a], [keyB, b]) => b.sum - a.sum || keyA.localeCompare(keyB))
    .map(([key, group]) => ({ key, label: labelOf(key), days: dates.map((date) => toDay(date, group.byDay.get(date))) }));
  return {
    from: filter.from,
    to: filter.to,
    currency: 'USD',
    total: dates.map((date) => toDay(date, total.get(date))),
    series,
  };
}

function seriesLabeler(groupBy: GroupBy | undefined, accounts: AccountRecord[]): (key: string) => string {
  if (groupBy === 'exchange') return (key) => EXCHANGE_LABELS[key as ExchangeId] ?? key;
  if (groupBy === 'account') {
    const labels = new Map(
      accounts.map((account) => [account.id, `${account.label} (${EXCHANGE_LABELS[account.exchange]}${account.removedAt === null ? '' : ', removed'})`]),
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

const toWindow = (rows: WindowTotalsRow[]): VolumeWindow => ({
  volumeUsd: microsToUsd(rows.reduce((sum, row) => sum + row.volumeMicros, 0)),
  feesUsd: microsToUsd(rows.reduce((sum, row) => sum + row.feesMicros, 0)),
  trades: rows.reduce((sum, row) => sum + row.trades, 0),
});

/** today/d7/d14/d30/allTime overall and per exchange; dN = the last N UTC days, today included. */
export async function querySummary(store: Store, now: number, accounts: AccountRecord[]): Promise<Summary> {
  const ranges: [WindowName, { from?: string; to?: string }][] = [
    ...ROLLING.map(([name, days]): [WindowName, { from?: string; to?: string }] => [name, rollingWindow(days, now)]),
    ['allTime', {}],
  ];
  const results = await Promise.all(ranges.map(([, range]) => store.volume.totalsByExchange(range)));
  const exchanges = new Set<ExchangeId>(accounts.map((account) => account.exchange));
  for (const rows of results) for (const row of rows) exchanges.add(row.exchange);
  const windowsFor = (pick: (rows: WindowTotalsRow[]) => WindowTotalsRow[]): Windows => {
    const windows = {} as Windows;
    ranges.forEach(([name], index) => {
      windows[name] = toWindow(pick(results[index] ?? []));
    });
    return windows;
  };
  const byExchange: Summary['byExchange'] = {};
  for (const exchange of [...exchanges].sort()) {
    byExchange[exchange] = windowsFor((rows) => rows.filter((row) => row.exchange === exchange));
  }
  return { asOf: new Date(now).toISOString(), ...windowsFor((rows) => rows), byExchange };
}

