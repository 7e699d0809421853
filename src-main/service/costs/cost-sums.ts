/**
 * The exact sums one CostRow is made of, added up from the store's per-(day, account) rows: bigint
 * micro-dollars throughout, unpriced fees as exact decimals in their token. Pure.
 */
import { addDecimals, formatDecimal, parseDecimal, type Decimal } from '../../core/decimal.ts';
import type { CostSumsRow, UnpricedDayRow } from '../../store/store.ts';

export interface CostSums {
  volume: bigint;
  maker: bigint;
  taker: bigint;
  fees: bigint;
  makerFees: bigint;
  takerFees: bigint;
  trades: number;
  unpriced: Map<string, { amount: Decimal; fills: number }>;
}

export function emptySums(): CostSums {
  return { volume: 0n, maker: 0n, taker: 0n, fees: 0n, makerFees: 0n, takerFees: 0n, trades: 0, unpriced: new Map() };
}

export function addDay(sums: CostSums, row: Omit<CostSumsRow, 'key' | 'exchange'>): void {
  sums.volume += row.volumeMicros;
  sums.maker += row.makerMicros;
  sums.taker += row.takerMicros;
  sums.fees += row.feesMicros;
  sums.makerFees += row.makerFeesMicros;
  sums.takerFees += row.takerFeesMicros;
  sums.trades += row.trades;
}

export function addUnpriced(sums: CostSums, row: UnpricedDayRow): void {
  const before = sums.unpriced.get(row.currency) ?? { amount: { units: 0n, scale: 0 }, fills: 0 };
  sums.unpriced.set(row.currency, { amount: addDecimals(before.amount, parseDecimal(row.amount)), fills: before.fills + row.fills });
}

/** Unpriced fees per token, alphabetical, as the contract lists them. */
export function unpricedList(sums: CostSums): { currency: string; amount: string; fills: number }[] {
  return [...sums.unpriced]
    .filter(([, sum]) => sum.fills !== 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, sum]) => ({ currency, amount: formatDecimal(sum.amount), fills: sum.fills }));
}

/** Sums of many keys, each created on first use. */
export class SumsByKey {
  readonly map = new Map<string, CostSums>();

  of(key: string): CostSums {
    let sums = this.map.get(key);
    if (!sums) {
      sums = emptySums();
      this.map.set(key, sums);
    }
    return sums;
  }
}
