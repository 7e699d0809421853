/**
 * Exact decimal strings for the simulator's rows (execValue = price × qty, fee = value × rate,
 * inverse value = contracts / price), so a row's numbers agree to the last digit the way Bybit's do.
 */
import { parseDecimal } from '../../../src-main/core/usd.ts';

function roundDiv(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n + d / 2n) / d;
  return negative ? -q : q;
}

/** units / 10^scale as a plain decimal string without trailing zeros. */
export function formatUnits(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = scale === 0 ? digits : digits.slice(0, -scale);
  const fraction = scale === 0 ? '' : digits.slice(-scale).replace(/0+$/, '');
  const text = fraction ? `${whole}.${fraction}` : whole;
  return negative && text !== '0' ? `-${text}` : text;
}

/** a × b rounded half away from zero to `scale` decimals. */
export function mulDecimal(a: string, b: string, scale: number): string {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  const exact = x.units * y.units;
  const exactScale = x.scale + y.scale;
  const units = exactScale <= scale ? exact * 10n ** BigInt(scale - exactScale) : roundDiv(exact, 10n ** BigInt(exactScale - scale));
  return formatUnits(units, scale);
}

/** a ÷ b rounded half away from zero to `scale` decimals. */
export function divDecimal(a: string, b: string, scale: number): string {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  // a/b = (xu / 10^xs) / (yu / 10^ys) = xu·10^ys / (yu·10^xs); scaled by 10^scale.
  const numerator = x.units * 10n ** BigInt(y.scale + scale);
  const denominator = y.units * 10n ** BigInt(x.scale);
  return formatUnits(roundDiv(numerator, denominator), scale);
}
