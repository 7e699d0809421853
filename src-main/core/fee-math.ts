/**
 * Exact fee arithmetic for the costs answer (docs/costs.md): a ratio of two exact micro-dollar sums
 * (fees per $1M, effective rates, maker share) is computed with bigints and rounded once, at the
 * end, to the nearest double; the cost of volume at a tier's rate is exact to the micro-dollar.
 */
import { formatDecimal, parseDecimal, rescale } from './decimal.ts';

/** Decimal places a ratio is computed to before it becomes a number: 1e-18 of a fraction. */
const RATIO_SCALE = 18;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * numerator ÷ denominator × multiplier, from exact sums, as the nearest double; null when the
 * denominator is zero (no volume: no rate). Sums past 2^53 are divided with bigints, rounded half away
 * from zero at 18 decimals, then taken to the nearest double.
 */
export function exactRatio(numerator: bigint, denominator: bigint, multiplier: bigint = 1n): number | null {
  if (denominator === 0n) return null;
  const scaled = numerator * multiplier;
  // Both exact in a double: IEEE division rounds the exact quotient once, to the nearest double.
  if (scaled <= MAX_SAFE && scaled >= -MAX_SAFE && denominator <= MAX_SAFE && denominator >= -MAX_SAFE) return Number(scaled) / Number(denominator);
  const negative = numerator < 0n !== denominator < 0n && numerator !== 0n;
  const n = (numerator < 0n ? -numerator : numerator) * multiplier * 10n ** BigInt(RATIO_SCALE);
  const d = denominator < 0n ? -denominator : denominator;
  const units = (n + d / 2n) / d;
  return Number(formatDecimal({ units: negative ? -units : units, scale: RATIO_SCALE }));
}

/**
 * The fee of `volumeMicros` at `rate` (a fraction of notional, e.g. 0.00045), micro-dollars rounded
 * half away from zero. The rate is taken as the decimal it is written as (0.00045 exactly, not the
 * double nearest to it), so a ladder's rate costs exactly what the ladder says.
 */
export function costAtRate(volumeMicros: bigint, rate: number): bigint {
  const { units, scale } = parseDecimal(String(rate));
  return rescale(volumeMicros * units, scale, 0);
}
