import type { NoteOf } from '../../src-shared/account-notes.ts';
import { addDays, utcDay } from '../core/days.ts';
import type { ExchangeId } from '../core/exchange.ts';
import { gapCause } from '../connectors/kit/exchange-descriptor.ts';
import { exchanges as appExchanges, type ExchangeRegistry } from '../connectors/registry.ts';
import type { HistoryGap } from '../core/history-gap.ts';
import { DEFAULT_KINDS, type InstrumentKind } from '../core/instrument.ts';
import { microsToDecimalString } from '../core/usd.ts';
import type { AccountRecord, ReportedVolumeRecord, Store } from '../store/store.ts';

/**
 * The notes an account carries for stretches of its history the exchange stopped serving between
 * two syncs (SyncStateRecord.historyGaps): when they are, what the exchange itself reports for
 * those days where it does, ours over the same days, and the import that fills them. Why fills
 * drop out and where the export is are the exchange descriptor's `history` (kit/exchange-descriptor.ts).
 */

export interface GapFigures {
  /** The exchange's own volume over the UTC days the gap touches, when it reports every one of them. */
  reportedMicros: bigint | null;
  /** What it counts (e.g. "Hyperliquid fee-tier volume (includes spot and sub-accounts)"). */
  reportedLabel: string | null;
  /** Ours over the same days. */
  oursMicros: bigint;
}

export function historyGapNote(exchange: ExchangeId, gap: HistoryGap, figures: GapFigures, registry: ExchangeRegistry = appExchanges): NoteOf<'history_gap'> {
  const history = registry.find(exchange)?.history ?? null;
  return {
    code: 'history_gap',
    params: {
      exchange,
      from: new Date(gap.from).toISOString(),
      to: new Date(gap.to).toISOString(),
      cause: gapCause(history),
      reportedUsd: figures.reportedMicros === null ? null : microsToDecimalString(figures.reportedMicros),
      reportedLabel: figures.reportedLabel,
      countedUsd: microsToDecimalString(figures.oursMicros),
      exportPath: history?.exportPath ?? null,
    },
  };
}

/**
 * The exchange's own figure and ours over the UTC days `gap` touches; ours in the kinds its
 * self-check compares (the descriptor's selfCheck; perpetuals where it declares none).
 */
export async function gapFigures(
  store: Store,
  accountId: string,
  gap: HistoryGap,
  reported: ReportedVolumeRecord | null,
  kinds: readonly InstrumentKind[] = DEFAULT_KINDS,
): Promise<GapFigures> {
  const from = utcDay(gap.from);
  const to = utcDay(gap.to);
  const reportedByDay = new Map((reported?.daily ?? []).map((d) => [d.day, d.volumeMicros]));
  let reportedMicros: bigint | null = 0n;
  for (let day = from; day <= to && reportedMicros !== null; day = addDays(day, 1)) {
    const figure = reportedByDay.get(day);
    reportedMicros = figure === undefined ? null : reportedMicros + figure;
  }
  const rows = await store.volume.daily({ from, to, accountId, kinds: [...kinds] }, 'none');
  return { reportedMicros, reportedLabel: reported?.dailyLabel ?? null, oursMicros: rows.reduce((sum, row) => sum + row.volumeMicros, 0n) };
}

/** The account's history-gap notes as the store says now (its gaps, the exchange's figures, our sums). */
export async function historyGapNotes(
  store: Store,
  account: Pick<AccountRecord, 'id' | 'exchange'>,
  registry: ExchangeRegistry = appExchanges,
): Promise<NoteOf<'history_gap'>[]> {
  const gaps = (await store.syncState.get(account.id))?.historyGaps ?? [];
  if (gaps.length === 0) return [];
  const reported = await store.reportedVolume.get(account.id);
  const kinds = registry.find(account.exchange)?.selfCheck?.kinds;
  return Promise.all(gaps.map(async (gap) => historyGapNote(account.exchange, gap, await gapFigures(store, account.id, gap, reported, kinds), registry)));
}
