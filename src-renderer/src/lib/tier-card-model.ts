/**
 * What a fee-tier card says, from the API's TierView: the sentences, the progress toward the next
 * tier, the rates as people read them, and the rows of the roll-off table. Pure, so the words are
 * unit-tested; the component only lays them out.
 */
import type { RollOffDay, TierView } from '../../../src-shared/tier-schemas.ts';
import { formatDay, formatUsd, userLocale } from './format.ts';

/** Rows of the roll-off table shown before "show all". */
export const ROLL_OFF_ROWS_SHOWN = 7;

/** 0.000375 → "0.0375%", −0.00001 → "−0.001% (rebate)"; null → "—". */
export function formatRate(rate: number | null, locale = userLocale()): string {
  if (rate === null) return '—';
  const text = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 3, maximumFractionDigits: 4 }).format(rate);
  return rate < 0 ? `${text} (rebate)` : text;
}

/** "Nov 2 – Dec 1, 2026" for the window (UTC days). */
export function formatWindow(view: TierView, locale = userLocale()): string {
  return `${formatDay(view.window.from, locale)} – ${formatDay(view.window.to, locale)}`;
}

/** The volume the tier is judged on: ours, or the exchange's larger figure. */
export function basisUsd(view: TierView): number {
  return Math.max(view.volumeUsd, view.reportedVolumeUsd ?? 0);
}

/** Share of the way from the current tier's threshold to the next one, 0..1; 1 at the top. */
export function progressToNext(view: TierView): number {
  if (!view.nextTier) return 1;
  const from = view.tier?.volumeUsd ?? 0;
  const span = view.nextTier.volumeUsd - from;
  if (span <= 0) return 1;
  return Math.min(1, Math.max(0, (basisUsd(view) - from) / span));
}

export function whereFrom(view: TierView, locale = userLocale()): string {
  if (view.source === 'exchange' && view.tierTableAsOf === null) return 'as the exchange reports it';
  if (view.source === 'exchange') return `tier and rates from the exchange; the ladder from a tier table of ${formatDay(view.tierTableAsOf!, locale)}`;
  return `from a tier table of ${view.tierTableAsOf ? formatDay(view.tierTableAsOf, locale) : 'unknown date'} (the exchange did not say)`;
}

export function nextTierSentence(view: TierView, exchangeName: string, locale = userLocale()): string {
  if (!view.ladderKnown) return `Perpvol knows no volume ladder for ${exchangeName}, so it cannot say what the next tier needs.`;
  if (!view.nextTier) return `${view.tier?.name ?? 'This'} is the top tier of ${exchangeName}'s ladder.`;
  const needed = view.neededUsd ?? 0;
  if (needed <= 0) return `${view.nextTier.name} reached by volume; the exchange re-assesses daily.`;
  // Rounded up, in whole dollars like every figure on the card: trading the shown amount is enough.
  return `${formatUsd(Math.ceil(needed), locale)} more over ${view.window.days} days reaches ${view.nextTier.name} (${formatUsd(view.nextTier.volumeUsd, locale)}).`;
}

/** What the card's volume counts, in words: "perp volume", or "perps + dated futures, as Bybit counts". */
export function volumeLabel(view: TierView, exchangeName: string): string {
  return view.kinds.includes('dated_future') ? `your perps + dated futures, as ${exchangeName} counts` : 'your perp volume';
}

/**
 * How the card's figure relates to the perpetuals-only figures around it (the overview's By-exchange
 * row, the chart): "$492,757 perps (as in By exchange) + $12,295 dated futures"; null when they agree.
 */
export function kindsRelation(view: TierView, locale = userLocale()): string | null {
  if (!view.kinds.includes('dated_future')) return null;
  const dated = view.volumeUsd - view.perpetualVolumeUsd;
  return `= ${formatUsd(view.perpetualVolumeUsd, locale)} perps (the figure By exchange shows) + ${formatUsd(dated, locale)} dated futures`;
}

/** Where to put a ladder Perpvol lacks: "add … to /data/tier-tables.json". */
export function missingLadderSentence(view: TierView, exchangeName: string): string | null {
  if (view.ladderKnown) return null;
  const file = view.tierTableFile ?? 'tier-tables.json in the data folder';
  const whose = exchangeName === 'WOO X' ? 'of your My WOO tier' : `that applies to your ${exchangeName} account`;
  return `To see the next tier and what it needs, add the ladder ${whose} to ${file}; Perpvol reads it on the next refresh.`;
}

export function keepSentence(view: TierView, locale = userLocale()): string | null {
  if (!view.keep) return null;
  const day = formatDay(view.keep.through, locale);
  if (view.keep.perDayUsd <= 0) return `${view.keep.tierName} holds through ${day} without another trade.`;
  return `To keep ${view.keep.tierName} through ${day}, trade ${formatUsd(Math.ceil(view.keep.perDayUsd), locale)}/day.`;
}

export function riskSentence(view: TierView, locale = userLocale()): string | null {
  if (!view.atRisk) return null;
  const { tierName, date, shortfallUsd, perDayUsd } = view.atRisk;
  // Per-day figures round up: trading the shown amount must be enough.
  return `${tierName} at risk: on ${formatDay(date, locale)} your window falls ${formatUsd(shortfallUsd, locale)} short without new trades. Trade ${formatUsd(Math.ceil(perDayUsd), locale)}/day until then.`;
}

export function targetSentence(view: TierView, locale = userLocale()): string | null {
  if (!view.target) return null;
  if (view.target.reached) return `Target of ${formatUsd(view.target.volumeUsd, locale)} reached.`;
  return `${formatUsd(Math.ceil(view.target.neededUsd), locale)} to your ${formatUsd(view.target.volumeUsd, locale)} target.`;
}

/** The roll-off rows to show: the first week, or all of them. */
export function rollOffRows(view: TierView, all: boolean): RollOffDay[] {
  return all ? view.rollOff : view.rollOff.slice(0, ROLL_OFF_ROWS_SHOWN);
}

/**
 * A target typed by a person: "25m", "$1,500,000", "2.5M", "750k" → USD; null with a message when it
 * is not a positive amount.
 */
export function parseTargetInput(text: string): { volumeUsd: number } | { error: string } {
  const match = /^\$?\s*([\d.,_\s]+)\s*([kmb])?\s*$/i.exec(text.trim());
  const number = match ? Number(match[1]!.replace(/[,_\s]/g, '')) : Number.NaN;
  if (!match || !Number.isFinite(number) || number <= 0) return { error: 'Enter a USD amount, e.g. 25000000, 25m or 750k.' };
  const scale = { k: 1e3, m: 1e6, b: 1e9 }[(match[2] ?? '').toLowerCase() as 'k' | 'm' | 'b'] ?? 1;
  const volumeUsd = Math.round(number * scale * 100) / 100;
  if (volumeUsd < 0.01) return { error: 'A target must be at least $0.01.' };
  if (volumeUsd > 9e9) return { error: 'A target must be at most $9,000,000,000.' };
  return { volumeUsd };
}
