/**
 * Decimal arithmetic for the simulators' truth, written here on purpose: the product's money code
 * (src-main/core) must never compute the numbers it is checked against, or one bug would pass every
 * "equals the truth" test. Plain BigInt and digit strings, a different route to the same exact values.
 */

/** A decimal as an integer count of 10^-places. */
export interface Fixed {
  digits: bigint;
  places: number;
}

const NUMBER = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/;

export function readDecimal(text: string): Fixed {
  const m = NUMBER.exec(text);
  if (!m || `${m[2]}${m[3] ?? ''}` === '') throw new Error(`truth: not a decimal: ${JSON.stringify(text)}`);
  let mantissa = `${m[2]}${m[3] ?? ''}`;
  let places = (m[3] ?? '').length - Number(m[4] ?? '0');
  if (places < 0) {
    mantissa += '0'.repeat(-places);
    places = 0;
  }
  const magnitude = BigInt(mantissa);
  return { digits: m[1] === '-' ? -magnitude : magnitude, places };
}

/** The value with exactly `places` decimals, rounding half away from zero by looking at the dropped digits. */
export function roundTo(value: Fixed, places: number): bigint {
  if (value.places <= places) return value.digits * 10n ** BigInt(places - value.places);
  const negative = value.digits < 0n;
  const text = (negative ? -value.digits : value.digits).toString().padStart(value.places + 1, '0');
  const cut = text.length - (value.places - places);
  let kept = BigInt(text.slice(0, cut));
  if (Number(text[cut]) >= 5) kept += 1n;
  return negative ? -kept : kept;
}

export function multiply(a: Fixed, b: Fixed): Fixed {
  return { digits: a.digits * b.digits, places: a.places + b.places };
}

export function add(a: Fixed, b: Fixed): Fixed {
  const places = Math.max(a.places, b.places);
  return { digits: a.digits * 10n ** BigInt(places - a.places) + b.digits * 10n ** BigInt(places - b.places), places };
}

/** A USD amount in micro-dollars. */
export const usdMicros = (amount: string): bigint => roundTo(readDecimal(amount), 6);

/** |a × b| in micro-dollars (a notional: price × quantity). */
export const notionalOf = (price: string, qty: string): bigint => {
  const micros = roundTo(multiply(readDecimal(price), readDecimal(qty)), 6);
  return micros < 0n ? -micros : micros;
};

/** a × b in micro-dollars, sign kept (a fee paid in a coin, valued at a price). */
export const productMicros = (a: string, b: string): bigint => roundTo(multiply(readDecimal(a), readDecimal(b)), 6);

/** Shortest plain spelling: trailing zeros and a bare point dropped, "-0" as "0". */
export function plain(value: Fixed): string {
  const negative = value.digits < 0n;
  let text = (negative ? -value.digits : value.digits).toString().padStart(value.places + 1, '0');
  if (value.places > 0) text = `${text.slice(0, -value.places)}.${text.slice(-value.places)}`.replace(/0+$/, '').replace(/\.$/, '');
  return negative && text !== '0' ? `-${text}` : text;
}

/** a × b rounded half away from zero to `places` decimals, as text (how an exchange prints a product). */
export function mulText(a: string, b: string, places: number): string {
  return plain({ digits: roundTo(multiply(readDecimal(a), readDecimal(b)), places), places });
}

/** a ÷ b rounded half away from zero to `places` decimals, as text. */
export function divText(a: string, b: string, places: number): string {
  const x = readDecimal(a);
  const y = readDecimal(b);
  // a/b × 10^places = x·10^(y.places + places) / (y·10^x.places), computed with one extra digit to round on
  const numerator = x.digits * 10n ** BigInt(y.places + places + 1);
  const denominator = y.digits * 10n ** BigInt(x.places);
  return plain({ digits: roundTo({ digits: numerator / denominator, places: 1 }, 0), places });
}

export function addText(a: string, b: string): string {
  return plain(add(readDecimal(a), readDecimal(b)));
}

/** Micro-dollars as text with six decimals, e.g. -420n → "-0.000420". */
export function microsText(micros: bigint | number): string {
  const value = BigInt(micros);
  const sign = value < 0n ? '-' : '';
  const padded = (value < 0n ? -value : value).toString().padStart(7, '0');
  return `${sign}${padded.slice(0, -6)}.${padded.slice(-6)}`;
}

/** Micro-dollars as the USD number a JSON API answers with (exact below 2^53 micro-dollars). */
export function microsToUsdNumber(micros: bigint | number): number {
  return Number(micros) / 1_000_000;
}
