import type { NoteOf } from '../../src-shared/account-notes.ts';
import { utcDay } from '../core/days.ts';
import type { ExchangeId } from '../core/exchange.ts';
import { exchanges as appExchanges, type ExchangeRegistry } from '../connectors/registry.ts';

/**
 * The note an account carries while its exchange does not serve the history before `limitedBefore`:
 * how far back the exchange serves (its descriptor's `history.limit`), and whether Perpvol reads
 * its export (`csv`), so the account is told to import it — or told plainly that older fills cannot
 * be counted.
 */
export function historyLimitedNote(exchange: ExchangeId, limitedBefore: number, registry: ExchangeRegistry = appExchanges): NoteOf<'history_limited'> {
  const descriptor = registry.find(exchange);
  const limit = descriptor?.history.limit ?? { kind: 'unknown' as const };
  return { code: 'history_limited', params: { exchange, before: utcDay(limitedBefore), limit, importable: (descriptor?.csv ?? null) !== null } };
}
