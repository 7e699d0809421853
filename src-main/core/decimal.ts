/**
 * Exact decimal numbers as exchanges write them ("64123.5", "-0.00042", "1.5e-7"), held as an
 * integer and a power of ten so nothing is ever rounded by a float.
 *
 * ONE grammar decides both "is this a number?" (schemas at the edge) and "what number is it?"
 * (parseDecimal): a check that accepts what the parser then refuses — "e5" used to be both a
 * number and a RangeError — turns bad input into a 500. The grammar is bounded: a string longer
 * than MAX_DECIMAL_LENGTH or an exponent beyond MAX_DECIMAL_EXPONENT is refused at once, because
 * "1e10000000" is short to send and expensive to expand (it took 1.6 s and a 10 MB message).
 */
import { badInput } from './errors.ts';

export interface Decimal {
  /** The digits as an integer, sign included. */
  units: bigint;
  /** value = units / 10^scale; never negative. */
  scale: number;
}

/**
 * Longest decimal text accepted. Exchange amounts are at most ~40 characters (18 decimals of a
 * token amount plus the integer part); 100 leaves room without letting a payload balloon.
 */
export const MAX_DECIMAL_LENGTH = 100;
/** Largest |exponent| accepted: no price, size or fee needs 10^±40, and the expansion stays small. */
export const MAX_DECIMAL_EXPONENT = 40;

/** sign, then digits with an optional fraction (or a fraction alone), then an optional exponent. */
const GRAMMAR = /^([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;

/** How far `text` fails the grammar, or the parts it matched. */
function match(text: string): { parts: RegExpExecArray } | { problem: string } {
  if (typeof text !== 'string') return { problem: 'not text' };
  if (text.length > MAX_DECIMAL_LENGTH) return { problem: `longer than ${MAX_DECIMAL_LENGTH} characters` };
  const parts = GRAMMAR.exec(text.trim());
  if (!parts) return { problem: 'not a decimal number' };
  const exponent = parts[5] === undefined ? 0 : Number(parts[5]);
  if (Math.abs(exponent) > MAX_DECIMAL_EXPONENT) return { problem: `exponent beyond ±${MAX_DECIMAL_EXPONENT}` };
  return { parts };
}

/** Whether `text` is a decimal number parseDecimal accepts (the same grammar, by construction). */
export function isDecimalString(text: string): boolean {
  return 'parts' in match(text);
}

/** A short, safe rendering of what was received, for messages (never the whole of a long payload). */
function quoted(text: unknown): string {
  const shown = String(text);
  return JSON.stringify(shown.length > 24 ? `${shown.slice(0, 24)}…` : shown);
}

/**
 * The exact value of a decimal string. Throws a bad_input PerpvolError (`invalid_decimal`) naming
 * what is wrong; callers at an edge (a CSV line, an exchange answer) check with isDecimalString
 * first and say where.
 */
export function parseDecimal(text: string): Decimal {
  const result = match(text);
  if ('problem' in result) throw badInput('invalid_decimal', `${quoted(text)} is not a usable decimal number (${result.problem}).`);
  const [, sign, whole = '', fraction = '', fractionOnly = '', exponent] = result.parts;
  const digits = `${whole}${fraction}${fractionOnly}`;
  let scale = fraction.length + fractionOnly.length - (exponent === undefined ? 0 : Number(exponent));
  let units = BigInt(digits);
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units: sign === '-' ? -units : units, scale };
}

/** units / 10^scale rounded half away from zero to `targetScale` digits. */
export function rescale(units: bigint, scale: number, targetScale: number): bigint {
  if (scale <= targetScale) return units * 10n ** BigInt(targetScale - scale);
  const divisor = 10n ** BigInt(scale - targetScale);
  const negative = units < 0n;
  const magnitude = negative ? -units : units;
  const rounded = (magnitude + divisor / 2n) / divisor;
  return negative ? -rounded : rounded;
}

/** The shortest plain spelling of a decimal: "68000.0" → "68000", ".5" → "0.5", "-0" → "0". */
export function formatDecimal({ units, scale }: Decimal): string {
  const negative = units < 0n;
  let digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  let places = scale;
  while (places > 0 && digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    places--;
  }
  const whole = digits.slice(0, digits.length - places);
  const fraction = places > 0 ? `.${digits.slice(-places)}` : '';
  return `${negative && units !== 0n ? '-' : ''}${whole}${fraction}`;
}

/** a + b exactly. */
export function addDecimals(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: a.units * 10n ** BigInt(scale - a.scale) + b.units * 10n ** BigInt(scale - b.scale), scale };
}
