import type { ExchangeId } from '../core/exchange.ts';
import { EXCHANGE_LABELS } from '../core/exchange.ts';
import { utcDay } from '../core/days.ts';

/**
 * The warning an account carries when its exchange does not serve all of its history. The marker
 * phrases let a later sync replace the warning (the limit moves as new fills arrive) without
 * touching the account's other warnings. Only exchanges whose export Perpvol reads (Hyperliquid,
 * Bybit) are told to import it; a WOO X account is told plainly that older fills cannot be counted.
 */
const MARKER = "import the exchange's CSV export to fill the gap";
const NOT_IMPORTABLE_MARKER = 'Perpvol cannot import its export';

interface HistoryLimit {
  why: string;
  /** Whether the limit certainly cut fills (a count cap) or only would if the account traded that long ago (a time horizon). */
  certain: boolean;
  importable: boolean;
}

const LIMITS: Partial<Record<ExchangeId, HistoryLimit>> = {
  hyperliquid: { why: 'serves only your 10,000 most recent fills', certain: true, importable: true },
  bybit: { why: 'serves only the last two years of fills', certain: false, importable: true },
  woox: { why: 'serves only the last two years of fills', certain: false, importable: false },
};
const UNKNOWN_LIMIT: HistoryLimit = { why: 'does not serve your older fills', certain: false, importable: false };

export function historyLimitedWarning(exchange: ExchangeId, limitedBefore: number): string {
  const limit = LIMITS[exchange] ?? UNKNOWN_LIMIT;
  const day = utcDay(limitedBefore);
  const missing = limit.certain ? `fills before ${day} are missing` : `if you traded before ${day}, those fills are missing`;
  const remedy = limit.importable ? MARKER : `${NOT_IMPORTABLE_MARKER}, so they cannot be counted`;
  return `${EXCHANGE_LABELS[exchange]} ${limit.why}; ${missing} — ${remedy}`;
}

/** The account's warnings with the history warning replaced (or removed when `limitedBefore` is null). */
export function withHistoryWarning(warnings: string[], exchange: ExchangeId, limitedBefore: number | null): string[] {
  const others = warnings.filter((warning) => !isHistoryWarning(warning));
  return limitedBefore === null ? others : [...others, historyLimitedWarning(exchange, limitedBefore)];
}

/** Whether a warning is the history-limit warning a sync writes (not one from the key check); also the older wordings. */
export function isHistoryWarning(warning: string): boolean {
  return warning.includes(MARKER) || warning.includes(NOT_IMPORTABLE_MARKER);
}
