import { badInput } from '../core/errors.ts';
import { MS_PER_DAY, utcDay } from '../core/days.ts';
import { addDecimals, parseDecimal, type Decimal } from '../core/decimal.ts';
import type { Fill } from '../core/fill.ts';
import { isInstrumentKind } from '../core/instrument.ts';

/** Money while a page's deltas are summed: a number while exact, a bigint once past 2^53. */
export type Amount = number | bigint;

export interface RollupSums {
  volume_micros: Amount;
  maker_micros: Amount;
  taker_micros: Amount;
  fees_micros: Amount;
  maker_fees_micros: Amount;
  taker_fees_micros: Amount;
  trades: number;
}

export interface SymbolDeltaRow extends RollupSums {
  day: string;
  account_id: string;
  exchange: string;
  kind: string;
  symbol: string;
  underlying: string;
}

export interface DayDeltaRow extends RollupSums {
  day: string;
  account_id: string;
  exchange: string;
  kind: string;
}

/** What a page adds to (or, for busts, takes from) the fees of one token Perpvol cannot price. */
export interface UnpricedDeltaRow {
  day: string;
  account_id: string;
  exchange: string;
  kind: string;
  fee_currency: string;
  amount: Decimal;
  fills: number;
}

/**
 * a + b, exactly: numbers while the result is a safe integer (the common case costs one check),
 * bigints from the first sum past 2^53 on. A page's one-day sums never get there in practice, but
 * "never" is not a guarantee, and a rounded delta would be added to the rollups forever.
 */
function plus(a: Amount, b: number): Amount {
  if (typeof a === 'number') {
    const sum = a + b;
    return Number.isSafeInteger(sum) ? sum : BigInt(a) + BigInt(b);
  }
  return a + BigInt(b);
}

/**
 * What one committed page changes in the daily rollups: sums over the page's NEWLY inserted fills
 * (sign +1) and over the fills it busts (sign −1), per (UTC day, kind, symbol, underlying), per
 * (UTC day, kind), and for fees in unpriceable tokens per (UTC day, kind, token). Fills without a
 * maker/taker flag count in volume and fees but in neither side's sums; an unpriced fee counts in no USD fee sum.
 */
export class RollupDeltas {
  private readonly bySymbol = new Map<string, SymbolDeltaRow>();
  private readonly byDay = new Map<string, DayDeltaRow>();
  private readonly unpriced = new Map<string, UnpricedDeltaRow>();
  // utcDay() formats a Date; a page has few distinct days, so remember them
  private readonly dayNames = new Map<number, string>();

  constructor(private readonly accountId: string) {}

  add(fill: Fill, sign: 1 | -1 = 1): void {
    const dayNumber = Math.floor(fill.ts / MS_PER_DAY);
    let day = this.dayNames.get(dayNumber);
    if (day === undefined) {
      day = utcDay(dayNumber * MS_PER_DAY);
      this.dayNames.set(dayNumber, day);
    }
    const symbolKey = `${day}\u0000${fill.kind}\u0000${fill.symbol}\u0000${fill.underlying}`;
    let symbolRow = this.bySymbol.get(symbolKey);
    if (!symbolRow) {
      symbolRow = { day, account_id: this.accountId, exchange: fill.exchange, kind: fill.kind, symbol: fill.symbol, underlying: fill.underlying, ...zero() };
      this.bySymbol.set(symbolKey, symbolRow);
    }
    const dayKey = `${day}\u0000${fill.kind}`;
    let dayRow = this.byDay.get(dayKey);
    if (!dayRow) {
      dayRow = { day, account_id: this.accountId, exchange: fill.exchange, kind: fill.kind, ...zero() };
      this.byDay.set(dayKey, dayRow);
    }
    addTo(symbolRow, fill, sign);
    addTo(dayRow, fill, sign);
    if (fill.feeMicros === null) this.addUnpriced(day, fill, sign);
  }

  private addUnpriced(day: string, fill: Fill, sign: 1 | -1): void {
    const key = `${day}\u0000${fill.kind}\u0000${fill.feeCurrency}`;
    let row = this.unpriced.get(key);
    if (!row) {
      row = { day, account_id: this.accountId, exchange: fill.exchange, kind: fill.kind, fee_currency: fill.feeCurrency, amount: { units: 0n, scale: 0 }, fills: 0 };
      this.unpriced.set(key, row);
    }
    const fee = parseDecimal(fill.fee);
    row.amount = addDecimals(row.amount, sign === 1 ? fee : { units: -fee.units, scale: fee.scale });
    row.fills += sign;
  }

  /** Rows sorted by key, so concurrent writers lock rows in one order. */
  symbolRows(): SymbolDeltaRow[] {
    return sortedValues(this.bySymbol);
  }

  dayRows(): DayDeltaRow[] {
    return sortedValues(this.byDay);
  }

  unpricedRows(): UnpricedDeltaRow[] {
    return sortedValues(this.unpriced);
  }

  days(): string[] {
    return [...new Set([...this.byDay.values()].map((row) => row.day))].sort();
  }
}

/** Whether a stored fill must move to another kind or asset (the exchange's data says otherwise now). */
export function classChanged(stored: { kind: string; underlying: string }, to: Pick<Fill, 'kind' | 'underlying'>): boolean {
  return stored.kind !== to.kind || stored.underlying !== to.underlying;
}

/**
 * A stored fill moved to another kind or underlying: what it added to its old rows leaves them and
 * the same amounts (as stored: nothing is re-valued) arrive in the new ones, so every total stays
 * exact and only the split changes.
 */
export function moveFill<F extends Fill>(deltas: RollupDeltas, stored: F, to: Pick<Fill, 'kind' | 'underlying'>): F {
  deltas.add(stored, -1);
  const moved = { ...stored, kind: to.kind, underlying: to.underlying };
  deltas.add(moved, 1);
  return moved;
}

function sortedValues<T>(map: Map<string, T>): T[] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

function zero(): RollupSums {
  return { volume_micros: 0, maker_micros: 0, taker_micros: 0, fees_micros: 0, maker_fees_micros: 0, taker_fees_micros: 0, trades: 0 };
}

function addTo(row: RollupSums, fill: Fill, sign: 1 | -1): void {
  const notional = sign * fill.notionalMicros;
  row.volume_micros = plus(row.volume_micros, notional);
  if (fill.liquidity === 'maker') row.maker_micros = plus(row.maker_micros, notional);
  else if (fill.liquidity === 'taker') row.taker_micros = plus(row.taker_micros, notional);
  if (fill.feeMicros !== null) {
    const fee = sign * fill.feeMicros;
    row.fees_micros = plus(row.fees_micros, fee);
    if (fill.liquidity === 'maker') row.maker_fees_micros = plus(row.maker_fees_micros, fee);
    else if (fill.liquidity === 'taker') row.taker_fees_micros = plus(row.taker_fees_micros, fee);
  }
  row.trades += sign;
}

/**
 * The page's fills ready to insert: a page may carry one execution twice (overlapping windows), the
 * first copy wins; amounts must be whole micro-dollars, or the sums would stop being exact; and a
 * fill must say what it is (kind, underlying).
 */
export function pageFillsToInsert(fills: readonly Fill[]): Fill[] {
  const seen = new Set<string>();
  const distinct: Fill[] = [];
  for (const fill of fills) {
    if (!Number.isSafeInteger(fill.notionalMicros) || (fill.feeMicros !== null && !Number.isSafeInteger(fill.feeMicros)) || !Number.isSafeInteger(fill.ts)) {
      throw badInput('invalid_fill', `Fill ${fill.tradeId} has amounts or a time that are not whole numbers; it was not stored.`);
    }
    if (!isInstrumentKind(fill.kind) || typeof fill.underlying !== 'string' || fill.underlying === '') {
      throw badInput('invalid_fill', `Fill ${fill.tradeId} does not say which kind of market it is or its asset; it was not stored.`);
    }
    if (seen.has(fill.tradeId)) continue;
    seen.add(fill.tradeId);
    distinct.push(fill);
  }
  return distinct;
}
