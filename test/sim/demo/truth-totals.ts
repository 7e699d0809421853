/**
 * What the dashboard must show, added up from the simulators' own truth: all-time volume and
 * trades, overall and per exchange, in integer micro-dollars.
 */
import type { SimAccount, SimExchangeId } from '../simulator.ts';

export interface TruthTotals {
  volumeMicros: number;
  trades: number;
  byExchange: Partial<Record<SimExchangeId, { volumeMicros: number; trades: number }>>;
}

export function truthTotals(accounts: readonly { exchange: SimExchangeId; account: SimAccount }[]): TruthTotals {
  const totals: TruthTotals = { volumeMicros: 0, trades: 0, byExchange: {} };
  for (const { exchange, account } of accounts) {
    let volumeMicros = 0;
    let trades = 0;
    for (const day of account.truth().values()) {
      volumeMicros += day.volumeMicros;
      trades += day.trades;
    }
    const mine = totals.byExchange[exchange] ?? { volumeMicros: 0, trades: 0 };
    totals.byExchange[exchange] = { volumeMicros: mine.volumeMicros + volumeMicros, trades: mine.trades + trades };
    totals.volumeMicros += volumeMicros;
    totals.trades += trades;
  }
  return totals;
}
