/**
 * Exact decimal arithmetic for the simulators and for test truth, written apart from Perpvol's own
 * money code (src-main/core/usd.ts) so that a bug there cannot hide behind the same bug here.
 */
const PATTERN = /^(-?)(\d*)(?:\.(\d*))?$/;

/** "123.45" at scale 6 → 123450000n (exact; more digits than `scale` must be zeros). */
export function scaled(text: string, scale: number): bigint {
  const match = PATTERN.exec(text.trim());
  if (!match || `${match[2]}${match[3] ?? ''}` === '') throw new RangeError(`not a plain decimal: ${JSON.stringify(text)}`);
  const [, sign, whole = '', fraction = ''] = match;
  const digits = BigInt(`${whole || '0'}${fraction.padEnd(scale, '0').slice(0, scale)}`);
  if (fraction.length > scale && /[1-9]/.test(fraction.slice(scale))) throw new RangeError(`${text} has more than ${scale} decimals`);
  return sign === '-' ? -digits : digits;
}

function digitsAfterPoint(text: string): number {
  return (text.split('.')[1] ?? '').length;
}

/** |price × qty| in micro-dollars, rounded half up (as exchanges print notional). */
export function notionalMicros(price: string, qty: string): bigint {
  const p = scaled(price, digitsAfterPoint(price));
  const q = scaled(qty, digitsAfterPoint(qty));
  let product = p * q;
  if (product < 0n) product = -product;
  const scale = digitsAfterPoint(price) + digitsAfterPoint(qty);
  if (scale <= 6) return product * 10n ** BigInt(6 - scale);
  const divisor = 10n ** BigInt(scale - 6);
  return (product + divisor / 2n) / divisor;
}

/** Micro-dollars as plain decimal text, e.g. 1500000n → "1.5". */
export function microsText(micros: bigint): string {
  const negative = micros < 0n;
  const digits = (negative ? -micros : micros).toString().padStart(7, '0');
  const text = `${digits.slice(0, -6)}.${digits.slice(-6)}`.replace(/\.?0+$/, '');
  return `${negative ? '-' : ''}${text || '0'}`;
}

/** UTC day of a ms timestamp. */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
