/**
 * Exact USD arithmetic for volume and fees.
 *
 * Exchanges send prices and quantities as decimal strings. Multiplying them as floats and summing
 * millions of results drifts by fractions of a cent, and worse, the drift depends on the order of
 * summation — a resumed backfill would not equal an uninterrupted one. So every amount is turned
 * once, exactly, into integer micro-dollars (1e-6 USD) and only integers are summed from then on.
 *
 * One fill's amount is a JS number (exact below 2^53 micros ≈ 9 billion USD, far above any single
 * fill). SUMS are bigint: a whale's all-time total passes 2^53 micros, and a sum read back through
 * Number() would silently lose its last digits. Sums become a JSON number only at the edge
 * (microsToUsd), as the nearest double to the exact decimal value.
 */
import { badInput } from './errors.ts';
import { parseDecimal, rescale, type Decimal } from './decimal.ts';

// The decimal grammar lives in decimal.ts; these two are re-exported for the many schemas that
// check exchange amounts here (one import for "is this a money string").
export { isDecimalString, parseDecimal } from './decimal.ts';

export const MICROS_PER_USD = 1_000_000;
const MICRO_SCALE = 6;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function toSafeNumber(micros: bigint, what: string): number {
  if (micros > MAX_SAFE || micros < -MAX_SAFE) {
    throw badInput('amount_too_large', `${what} is ${microsToDecimalString(micros)} USD, more than one fill can be (9 billion USD); it was not counted.`);
  }
  return Number(micros);
}

/** A USD (or stablecoin) amount as signed micro-dollars, e.g. "-0.0125" → -12500. */
export function usdToMicros(amount: string | Decimal): number {
  const { units, scale } = typeof amount === 'string' ? parseDecimal(amount) : amount;
  return toSafeNumber(rescale(units, scale, MICRO_SCALE), 'An amount');
}

/**
 * A USD amount as exact signed micro-dollars of any size: for figures an exchange reports about a
 * whole account (a whale's all-time volume passes 9 billion USD), which are sums, not one fill.
 */
export function usdToBigMicros(amount: string | Decimal): bigint {
  const { units, scale } = typeof amount === 'string' ? parseDecimal(amount) : amount;
  return rescale(units, scale, MICRO_SCALE);
}

/** price × qty as signed micro-dollars (price in USD per unit of qty). */
export function productMicros(price: string | Decimal, qty: string | Decimal): number {
  const a = typeof price === 'string' ? parseDecimal(price) : price;
  const b = typeof qty === 'string' ? parseDecimal(qty) : qty;
  return toSafeNumber(rescale(a.units * b.units, a.scale + b.scale, MICRO_SCALE), 'A price × quantity');
}

/** Notional of a fill: |price × qty| in micro-dollars. */
export function notionalMicros(price: string, qty: string): number {
  return Math.abs(productMicros(price, qty));
}

/** Micro-dollars as a fixed 6-decimal string, e.g. for CSV, where no float formatting may creep in. */
export function microsToDecimalString(micros: number | bigint): string {
  const value = BigInt(micros);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(MICRO_SCALE + 1, '0');
  const whole = digits.slice(0, -MICRO_SCALE);
  const fraction = digits.slice(-MICRO_SCALE);
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/**
 * Micro-dollars to a USD number for JSON: the nearest double to the exact decimal value. Below
 * 2^53 micros that is the micro-dollar amount itself; above it (totals past 9 billion USD) a double
 * still holds the amount to the cent up to ~90 billion USD. Going through the decimal string avoids
 * rounding twice (bigint → double, then ÷ 1e6).
 */
export function microsToUsd(micros: number | bigint): number {
  const small = typeof micros === 'number' ? micros : micros >= -MAX_SAFE && micros <= MAX_SAFE ? Number(micros) : null;
  // a double ÷ 1e6 of an exact integer is correctly rounded: the nearest double to the quotient
  if (small !== null && Number.isSafeInteger(small)) return small / MICROS_PER_USD;
  return Number(microsToDecimalString(micros));
}
