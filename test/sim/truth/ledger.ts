/**
 * What a simulated account's fills must add up to, per UTC day and instrument kind, kept by each
 * simulator with its own knowledge of every row it made (which market kind, which fee token) and
 * the truth arithmetic of this folder.
 */
import { add, plain, readDecimal, type Fixed } from './decimal.ts';
import { utcDayOf } from './utc-day.ts';

export type SimKind = 'perpetual' | 'dated_future';
/** What the product counts unless asked otherwise. */
export const PERPETUALS_ONLY: readonly SimKind[] = ['perpetual'];

export interface SimTruthDay {
  volumeMicros: number;
  makerMicros: number;
  takerMicros: number;
  feesMicros: number;
  trades: number;
}

export interface TruthFill {
  ts: number;
  kind: SimKind;
  notionalMicros: bigint;
  maker: boolean;
  /** A fee the exchange's own rules put in USD, or one in a token without a USD price. */
  fee: { usdMicros: bigint } | { token: string; amount: string };
  /** The asset traded, as the simulator knows it (BTC for every BTC market of every exchange). */
  underlying?: string;
}

interface DaySums {
  volume: bigint;
  maker: bigint;
  taker: bigint;
  fees: bigint;
  trades: number;
}

const safe = (value: bigint): number => {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`truth: ${value} is beyond 2^53`);
  return Number(value);
};

export class TruthLedger {
  private readonly days = new Map<string, DaySums>();
  private readonly unpriced = new Map<string, { amount: Fixed; fills: number }>();
  private readonly byUnderlying = new Map<string, bigint>();

  add(fill: TruthFill): void {
    if (fill.underlying !== undefined) {
      const key = `${fill.kind}|${fill.underlying}`;
      this.byUnderlying.set(key, (this.byUnderlying.get(key) ?? 0n) + fill.notionalMicros);
    }
    const key = `${fill.kind}|${utcDayOf(fill.ts)}`;
    const sums = this.days.get(key) ?? { volume: 0n, maker: 0n, taker: 0n, fees: 0n, trades: 0 };
    sums.volume += fill.notionalMicros;
    if (fill.maker) sums.maker += fill.notionalMicros;
    else sums.taker += fill.notionalMicros;
    if ('usdMicros' in fill.fee) sums.fees += fill.fee.usdMicros;
    else {
      const tokenKey = `${fill.kind}|${fill.fee.token}`;
      const before = this.unpriced.get(tokenKey) ?? { amount: { digits: 0n, places: 0 }, fills: 0 };
      this.unpriced.set(tokenKey, { amount: add(before.amount, readDecimal(fill.fee.amount)), fills: before.fills + 1 });
    }
    sums.trades += 1;
    this.days.set(key, sums);
  }

  /** UTC day → totals of the given kinds (default: perpetuals only, as the product counts). */
  perDay(kinds: readonly SimKind[] = PERPETUALS_ONLY): Map<string, SimTruthDay> {
    const out = new Map<string, { volume: bigint; maker: bigint; taker: bigint; fees: bigint; trades: number }>();
    for (const [key, sums] of this.days) {
      const [kind, day] = key.split('|') as [SimKind, string];
      if (!kinds.includes(kind)) continue;
      const into = out.get(day) ?? { volume: 0n, maker: 0n, taker: 0n, fees: 0n, trades: 0 };
      into.volume += sums.volume;
      into.maker += sums.maker;
      into.taker += sums.taker;
      into.fees += sums.fees;
      into.trades += sums.trades;
      out.set(day, into);
    }
    const days = new Map<string, SimTruthDay>();
    for (const [day, s] of [...out].sort(([a], [b]) => (a < b ? -1 : 1))) {
      days.set(day, { volumeMicros: safe(s.volume), makerMicros: safe(s.maker), takerMicros: safe(s.taker), feesMicros: safe(s.fees), trades: s.trades });
    }
    return days;
  }

  /** Underlying asset → all-time volume (micro-dollars) of the given kinds, over fills that named one. */
  volumeByUnderlying(kinds: readonly SimKind[] = PERPETUALS_ONLY): Map<string, bigint> {
    const out = new Map<string, bigint>();
    for (const [key, volume] of this.byUnderlying) {
      const [kind, underlying] = key.split('|') as [SimKind, string];
      if (kinds.includes(kind)) out.set(underlying, (out.get(underlying) ?? 0n) + volume);
    }
    return out;
  }

  /** Token → exact sum and fill count of fees without a USD price, for the given kinds. */
  unpricedFees(kinds: readonly SimKind[] = PERPETUALS_ONLY): Map<string, { amount: string; fills: number }> {
    const out = new Map<string, { amount: Fixed; fills: number }>();
    for (const [key, value] of this.unpriced) {
      const [kind, token] = key.split('|') as [SimKind, string];
      if (!kinds.includes(kind)) continue;
      const before = out.get(token) ?? { amount: { digits: 0n, places: 0 }, fills: 0 };
      out.set(token, { amount: add(before.amount, value.amount), fills: before.fills + value.fills });
    }
    return new Map([...out].map(([token, v]) => [token, { amount: plain(v.amount), fills: v.fills }]));
  }
}

/** Totals of a day map, for all-time comparisons. */
export function sumDays(days: Map<string, SimTruthDay>): SimTruthDay {
  const total: SimTruthDay = { volumeMicros: 0, makerMicros: 0, takerMicros: 0, feesMicros: 0, trades: 0 };
  for (const day of days.values()) {
    total.volumeMicros += day.volumeMicros;
    total.makerMicros += day.makerMicros;
    total.takerMicros += day.takerMicros;
    total.feesMicros += day.feesMicros;
    total.trades += day.trades;
  }
  return total;
}
