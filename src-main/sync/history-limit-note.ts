import type { HistoryLimit, NoteOf } from '../../src-shared/account-notes.ts';
import { utcDay } from '../core/days.ts';
import type { ExchangeId } from '../core/exchange.ts';

/**
 * How far back each exchange serves fills, and whether Perpvol reads its export (Hyperliquid,
 * Bybit) so the account can be told to import it; a WOO X account is told plainly that older fills
 * cannot be counted.
 */
const LIMITS: Partial<Record<ExchangeId, { limit: HistoryLimit; importable: boolean }>> = {
  hyperliquid: { limit: { kind: 'recent_fills', fills: 10_000 }, importable: true },
  bybit: { limit: { kind: 'years', years: 2 }, importable: true },
  woox: { limit: { kind: 'years', years: 2 }, importable: false },
};

/** The note an account carries while its exchange does not serve the history before `limitedBefore`. */
export function historyLimitedNote(exchange: ExchangeId, limitedBefore: number): NoteOf<'history_limited'> {
  const { limit, importable } = LIMITS[exchange] ?? { limit: { kind: 'unknown' }, importable: false };
  return { code: 'history_limited', params: { exchange, before: utcDay(limitedBefore), limit, importable } };
}
