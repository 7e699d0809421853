import { badInput } from '../core/errors.ts';
import { MS_PER_DAY, utcDay } from '../core/days.ts';
import type { Fill } from '../core/fill.ts';
import type { DailyAccountVolumeTable, DailySymbolVolumeTable, RollupColumns } from './schema.ts';

/**
 * What one committed page adds to the daily rollups: sums over the page's NEWLY inserted fills
 * only, per (UTC day, symbol) and per UTC day. Fills without a maker/taker flag count in volume but
 * in neither side.
 */
export class RollupDeltas {
  private readonly bySymbol = new Map<string, DailySymbolVolumeTable>();
  private readonly byDay = new Map<string, DailyAccountVolumeTable>();
  // utcDay() formats a Date; a page has few distinct days, so remember them
  private readonly dayNames = new Map<number, string>();

  constructor(private readonly accountId: string) {}

  add(fill: Fill): void {
    const dayNumber = Math.floor(fill.ts / MS_PER_DAY);
    let day = this.dayNames.get(dayNumber);
    if (day === undefined) {
      day = utcDay(dayNumber * MS_PER_DAY);
      this.dayNames.set(dayNumber, day);
    }
    const symbolKey = `${day}\u0000${fill.symbol}`;
    let symbolRow = this.bySymbol.get(symbolKey);
    if (!symbolRow) {
      symbolRow = { day, account_id: this.accountId, symbol: fill.symbol, exchange: fill.exchange, ...zero() };
      this.bySymbol.set(symbolKey, symbolRow);
    }
    let dayRow = this.byDay.get(day);
    if (!dayRow) {
      dayRow = { day, account_id: this.accountId, exchange: fill.exchange, ...zero() };
      this.byDay.set(day, dayRow);
    }
    addTo(symbolRow, fill);
    addTo(dayRow, fill);
  }

  /** Rows sorted by key, so concurrent writers lock rows in one order. */
  symbolRows(): DailySymbolVolumeTable[] {
    return [...this.bySymbol.values()].sort((a, b) => (a.day === b.day ? (a.symbol < b.symbol ? -1 : 1) : a.day < b.day ? -1 : 1));
  }

  dayRows(): DailyAccountVolumeTable[] {
    return [...this.byDay.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
  }

  days(): string[] {
    return [...this.byDay.keys()].sort();
  }
}

function zero(): RollupColumns {
  return { volume_micros: 0, maker_micros: 0, taker_micros: 0, fees_micros: 0, trades: 0 };
}

function addTo(row: RollupColumns, fill: Fill): void {
  row.volume_micros += fill.notionalMicros;
  if (fill.liquidity === 'maker') row.maker_micros += fill.notionalMicros;
  else if (fill.liquidity === 'taker') row.taker_micros += fill.notionalMicros;
  row.fees_micros += fill.feeMicros;
  row.trades += 1;
}

/**
 * The page's fills ready to insert: a page may carry one execution twice (overlapping windows), the
 * first copy wins; and amounts must be whole micro-dollars, or the sums would stop being exact.
 */
export function pageFillsToInsert(fills: readonly Fill[]): Fill[] {
  const seen = new Set<string>();
  const distinct: Fill[] = [];
  for (const fill of fills) {
    if (!Number.isSafeInteger(fill.notionalMicros) || !Number.isSafeInteger(fill.feeMicros) || !Number.isSafeInteger(fill.ts)) {
      throw badInput('invalid_fill', `Fill ${fill.tradeId} has amounts or a time that are not whole numbers; it was not stored.`);
    }
    if (seen.has(fill.tradeId)) continue;
    seen.add(fill.tradeId);
    distinct.push(fill);
  }
  return distinct;
}
