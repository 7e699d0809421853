import type { ExchangeId } from '../core/exchange.ts';
import { EXCHANGE_LABELS } from '../core/exchange.ts';
import { utcDay } from '../core/days.ts';

/**
 * The warning an account carries when its exchange does not serve all of its history. The marker
 * phrase lets a later sync replace the warning (the limit moves as new fills arrive) without
 * touching the account's other warnings.
 */
const MARKER = "import the exchange's CSV export to fill the gap";

const WHY: Partial<Record<ExchangeId, string>> = {
  hyperliquid: 'serves only your 10,000 most recent fills',
  bybit: 'serves only the last two years of fills',
};

export function historyLimitedWarning(exchange: ExchangeId, limitedBefore: number): string {
  const why = WHY[exchange] ?? 'does not serve your older fills';
  return `${EXCHANGE_LABELS[exchange]} ${why}; fills before ${utcDay(limitedBefore)} are missing — ${MARKER}`;
}

/** The account's warnings with the history warning replaced (or removed when `limitedBefore` is null). */
export function withHistoryWarning(warnings: string[], exchange: ExchangeId, limitedBefore: number | null): string[] {
  const others = warnings.filter((warning) => !warning.includes(MARKER));
  return limitedBefore === null ? others : [...others, historyLimitedWarning(exchange, limitedBefore)];
}

/** Whether a warning is the history-limit warning a sync writes (not one from the key check). */
export function isHistoryWarning(warning: string): boolean {
  return warning.includes(MARKER);
}
