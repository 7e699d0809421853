/**
 * Exact USD arithmetic for volume and fees.
 *
 * Exchanges send prices and quantities as decimal strings. Multiplying them as floats and summing
 * millions of results drifts by fractions of a cent, and worse, the drift depends on the order of
 * summation — a resumed backfill would not equal an uninterrupted one. So every amount is turned
 * once, exactly, into integer micro-dollars (1e-6 USD) and only integers are summed from then on.
 * A JS number holds integers exactly up to 2^53 micros ≈ 9 billion USD per value.
 */
export const MICROS_PER_USD = 1_000_000;
const MICRO_SCALE = 6;

/** Quote and fee currencies counted at par with the US dollar (DESIGN.md "Numbers"). */
export const USD_STABLECOINS: ReadonlySet<string> = new Set(['USD', 'USDT', 'USDC', 'USDC.E']);

export function isUsdStable(currency: string): boolean {
  return USD_STABLECOINS.has(currency.toUpperCase());
}

interface Decimal {
  units: bigint; // the digits as an integer, sign included
  scale: number; // value = units / 10^scale
}

const DECIMAL_PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

export function parseDecimal(text: string): Decimal {
  const match = DECIMAL_PATTERN.exec(text.trim());
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
    throw new RangeError(`not a decimal number: ${JSON.stringify(text)}`);
  }
  const [, sign, whole = '', fraction = '', exponent] = match;
  let scale = fraction.length - (exponent ? Number(exponent) : 0);
  let units = BigInt(whole + fraction || '0');
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units: sign === '-' ? -units : units, scale };
}

export function isDecimalString(text: string): boolean {
  return DECIMAL_PATTERN.test(text.trim()) && /\d/.test(text);
}

/** units / 10^scale rounded half away from zero to `targetScale` digits. */
function rescale(units: bigint, scale: number, targetScale: number): bigint {
  if (scale <= targetScale) return units * 10n ** BigInt(targetScale - scale);
  const divisor = 10n ** BigInt(scale - targetScale);
  const negative = units < 0n;
  const magnitude = negative ? -units : units;
  const rounded = (magnitude + divisor / 2n) / divisor;
  return negative ? -rounded : rounded;
}

function toSafeNumber(micros: bigint, what: string): number {
  if (micros > BigInt(Number.MAX_SAFE_INTEGER) || micros < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`${what} is too large to count exactly: ${micros} micro-USD`);
  }
  return Number(micros);
}

/** A USD (or stablecoin) amount as signed micro-dollars, e.g. "-0.0125" → -12500. */
export function usdToMicros(amount: string): number {
  const { units, scale } = parseDecimal(amount);
  return toSafeNumber(rescale(units, scale, MICRO_SCALE), 'amount');
}

/** price × qty as signed micro-dollars (price in USD per unit of qty). */
export function productMicros(price: string, qty: string): number {
  const a = parseDecimal(price);
  const b = parseDecimal(qty);
  return toSafeNumber(rescale(a.units * b.units, a.scale + b.scale, MICRO_SCALE), 'price × qty');
}

/** Notional of a fill: |price × qty| in micro-dollars. */
export function notionalMicros(price: string, qty: string): number {
  return Math.abs(productMicros(price, qty));
}

/**
 * A fee in USD micro-dollars. Fees paid in a stablecoin count at par; fees paid in the traded
 * asset (inverse contracts, some spot-style fee coins) are valued at the fill's price, which the
 * caller passes as `usdPerFeeUnit`. Negative fees are maker rebates and stay negative.
 */
export function feeMicros(fee: string, feeCurrency: string, usdPerFeeUnit?: string): number {
  if (isUsdStable(feeCurrency) || feeCurrency === '') return usdToMicros(fee);
  if (usdPerFeeUnit === undefined) {
    throw new RangeError(`fee in ${feeCurrency} needs a USD price to be counted`);
  }
  return productMicros(fee, usdPerFeeUnit);
}

/** Micro-dollars to a USD number for display and JSON (exact to the cent and beyond). */
export function microsToUsd(micros: number): number {
  return micros / MICROS_PER_USD;
}

/** Micro-dollars as a fixed 6-decimal string, e.g. for CSV, where no float formatting may creep in. */
export function microsToDecimalString(micros: number): string {
  const negative = micros < 0;
  const digits = Math.abs(micros).toString().padStart(MICRO_SCALE + 1, '0');
  const whole = digits.slice(0, -MICRO_SCALE);
  const fraction = digits.slice(-MICRO_SCALE);
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}
