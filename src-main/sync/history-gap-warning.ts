import type { ExchangeId } from '../core/exchange.ts';
import { EXCHANGE_LABELS } from '../core/exchange.ts';
import { addDays, utcDay } from '../core/days.ts';
import type { HistoryGap } from '../core/history-gap.ts';
import { DEFAULT_KINDS } from '../core/instrument.ts';
import { microsToDecimalString } from '../core/usd.ts';
import type { AccountRecord, ReportedVolumeRecord, Store } from '../store/store.ts';

/**
 * The warnings an account carries for stretches of its history the exchange stopped serving
 * between two syncs (SyncStateRecord.historyGaps): when they are, what the exchange itself reports
 * for those days where it does, and the import that fills them. The marker phrase lets every sync
 * (and an import that fills a gap) replace them without touching the account's other warnings.
 */
const MARKER = 'were pushed out of reach between two syncs';

const WHY: Partial<Record<ExchangeId, string>> = {
  hyperliquid: 'more than 10,000 fills happened since the sync before, and Hyperliquid serves only the 10,000 most recent',
};

/** Where each exchange's own trade-history export is (the file `perpvol import` and "Import CSV export…" read). */
const EXPORT_AT: Partial<Record<ExchangeId, string>> = {
  hyperliquid: 'app.hyperliquid.xyz → Portfolio → Trade History → Export as CSV',
};

const minute = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function usd(micros: bigint): string {
  const [whole, fraction] = microsToDecimalString(micros).split('.');
  return `$${BigInt(whole!).toLocaleString('en-US')}.${fraction!.slice(0, 2)}`;
}

export interface GapFigures {
  /** The exchange's own volume over the UTC days the gap touches, when it reports every one of them. */
  reportedMicros: bigint | null;
  /** What it counts (e.g. "Hyperliquid fee-tier volume (includes spot and sub-accounts)"). */
  reportedLabel: string | null;
  /** Ours over the same days. */
  oursMicros: bigint;
}

export function historyGapWarning(exchange: ExchangeId, gap: HistoryGap, figures: GapFigures): string {
  const name = EXCHANGE_LABELS[exchange];
  const why = WHY[exchange] ?? `${name} no longer serves them`;
  const days = utcDay(gap.from) === utcDay(gap.to) ? utcDay(gap.from) : `${utcDay(gap.from)} to ${utcDay(gap.to)}`;
  const theirs =
    figures.reportedMicros === null
      ? `${name}'s own daily figures do not reach back to ${days}; compare the all-time figures in "Ours vs the exchange".`
      : `${figures.reportedLabel ?? `${name}'s own volume`} for ${days}: ${usd(figures.reportedMicros)}; Perpvol counts ${usd(figures.oursMicros)} of perpetuals there.`;
  const where = EXPORT_AT[exchange];
  const fix = where
    ? `Import ${name}'s trade-history CSV export (${where}) into this account to fill the gap (perpvol import, or "Import CSV export…").`
    : `Those fills cannot be counted.`;
  return `${name} fills between ${minute(gap.from)} and ${minute(gap.to)} ${MARKER}: ${why}. ${theirs} ${fix}`;
}

/** The account's warnings with the history-gap warnings replaced by `current`. */
export function withHistoryGapWarnings(warnings: readonly string[], current: readonly string[]): string[] {
  return [...warnings.filter((warning) => !isHistoryGapWarning(warning)), ...current];
}

export function isHistoryGapWarning(warning: string): boolean {
  return warning.includes(MARKER);
}

/** The exchange's own figure and ours over the UTC days `gap` touches. */
export async function gapFigures(store: Store, accountId: string, gap: HistoryGap, reported: ReportedVolumeRecord | null): Promise<GapFigures> {
  const from = utcDay(gap.from);
  const to = utcDay(gap.to);
  const reportedByDay = new Map((reported?.daily ?? []).map((d) => [d.day, d.volumeMicros]));
  let reportedMicros: bigint | null = 0n;
  for (let day = from; day <= to && reportedMicros !== null; day = addDays(day, 1)) {
    const figure = reportedByDay.get(day);
    reportedMicros = figure === undefined ? null : reportedMicros + figure;
  }
  const rows = await store.volume.daily({ from, to, accountId, kinds: DEFAULT_KINDS }, 'none');
  return { reportedMicros, reportedLabel: reported?.dailyLabel ?? null, oursMicros: rows.reduce((sum, row) => sum + row.volumeMicros, 0n) };
}

/** The account's history-gap warnings as the store says now (its gaps, the exchange's figures, our sums). */
export async function historyGapWarnings(store: Store, account: AccountRecord): Promise<string[]> {
  const gaps = (await store.syncState.get(account.id))?.historyGaps ?? [];
  if (gaps.length === 0) return [];
  const reported = await store.reportedVolume.get(account.id);
  return Promise.all(gaps.map(async (gap) => historyGapWarning(account.exchange, gap, await gapFigures(store, account.id, gap, reported))));
}
