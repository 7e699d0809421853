/**
 * Numbers and dates for people, in their own locale (Intl). Formatters are cached per locale:
 * building an Intl.NumberFormat is far slower than using one, and tables format thousands of cells.
 */
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: string, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `n|${locale}|${key}`;
  let format = cache.get(id) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    cache.set(id, format);
  }
  return format;
}

function dateFormat(locale: string, key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `d|${locale}|${key}`;
  let format = cache.get(id) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    cache.set(id, format);
  }
  return format;
}

/** The user's locale (the browser's first preference). */
export function userLocale(): string {
  return typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en-US';
}

/** Whole dollars: "$1,234,567". For headline totals. */
export function formatUsd(value: number, locale = userLocale()): string {
  return numberFormat(locale, 'usd0', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(value);
}

/** To the cent: "$1,234,567.89". For tooltips and tables, where the user checks exact numbers. */
export function formatUsdExact(value: number, locale = userLocale()): string {
  return numberFormat(locale, 'usd2', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

/** Short: "$1.23M". For chart axes. */
export function formatUsdCompact(value: number, locale = userLocale()): string {
  return numberFormat(locale, 'usdc', { style: 'currency', currency: 'USD', notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 2 }).format(value);
}

/** A share 0..1 as "42.5%". */
export function formatPercent(fraction: number, locale = userLocale()): string {
  return numberFormat(locale, 'pct', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(fraction);
}

export function formatInteger(value: number, locale = userLocale()): string {
  return numberFormat(locale, 'int', { maximumFractionDigits: 0 }).format(value);
}

/** A decimal string from the API (price, qty, fee) grouped for the locale, every digit kept. */
export function formatDecimalString(value: string, locale = userLocale()): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return value;
  const [, sign = '', whole = '0', fraction] = match;
  const groupedWhole = numberFormat(locale, 'int', { maximumFractionDigits: 0 }).format(BigInt(whole));
  const decimal = numberFormat(locale, 'dec', { minimumFractionDigits: 1 }).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  return `${sign}${groupedWhole}${fraction ? decimal + fraction : ''}`;
}

/** A UTC day 'YYYY-MM-DD' as "Jan 31, 2026" (in the user's locale, never shifted by their time zone). */
export function formatDay(day: string, locale = userLocale()): string {
  return dateFormat(locale, 'day', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** A short UTC day for chart axes: "Jan 31". */
export function formatDayShort(day: string, locale = userLocale()): string {
  return dateFormat(locale, 'dayShort', { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/**
 * A moment (ms epoch or ISO) in UTC, like every day on these pages: "Jan 31, 2026, 14:05:09 UTC".
 * The date part is formatDay's, so the dashboard writes dates one way only.
 */
export function formatDateTime(moment: number | string, locale = userLocale(), options: { seconds?: boolean } = {}): string {
  const date = new Date(moment);
  const time = dateFormat(locale, options.seconds === false ? 'hm' : 'hms', {
    hour: '2-digit', minute: '2-digit', ...(options.seconds === false ? {} : { second: '2-digit' }), hourCycle: 'h23', timeZone: 'UTC',
  }).format(date);
  return `${formatDay(date.toISOString().slice(0, 10), locale)}, ${time} UTC`;
}

/** ISO dates and times inside a message from the server ("fills before 2025-03-02 are missing"), written as the dashboard writes them. */
const ISO_MOMENT = /\b(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?\b/g;

export function withReadableDates(text: string, locale = userLocale()): string {
  return text.replace(ISO_MOMENT, (match, day: string, time: string | undefined) => {
    const ms = Date.parse(time ? match : `${day}T00:00:00Z`);
    if (!Number.isFinite(ms)) return match;
    return time ? formatDateTime(ms, locale, { seconds: /:\d{2}:\d{2}/.test(time) }) : formatDay(day, locale);
  });
}

/** "3 minutes ago", "in 2 hours". */
export function formatRelative(moment: number | string, now: number, locale = userLocale()): string {
  const seconds = Math.round((new Date(moment).getTime() - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86_400), 'day');
}

/** Decimals a token amount shows (the exact figure is on hover and in exports). */
export const TOKEN_DECIMALS = 4;

/** A decimal string rounded half away from zero to `decimals` places, trailing zeros dropped: "0.1000535136" → "0.1001". */
function roundDecimalString(value: string, decimals: number): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return value;
  const [, sign = '', whole = '0', fraction = ''] = match;
  if (fraction.length <= decimals) return `${sign}${whole}${fraction.replace(/0+$/, '') ? `.${fraction.replace(/0+$/, '')}` : ''}`;
  const scaled = BigInt(whole + fraction.slice(0, decimals)) + (Number(fraction[decimals]) >= 5 ? 1n : 0n);
  const digits = scaled.toString().padStart(decimals + 1, '0');
  const kept = digits.slice(-decimals).replace(/0+$/, '');
  const rounded = `${digits.slice(0, -decimals)}${kept ? `.${kept}` : ''}`;
  return rounded === '0' ? '0' : `${sign}${rounded}`;
}

/**
 * A token amount for people: at most four decimals ("124.1375"), or four significant digits when it
 * is smaller than that shows ("0.00001235"), grouped for the locale. The exact amount goes in a
 * title and in exports.
 */
export function formatTokenAmount(amount: string, locale = userLocale()): string {
  let short = roundDecimalString(amount, TOKEN_DECIMALS);
  const fraction = /\.(\d+)$/.exec(amount)?.[1] ?? '';
  if (/^-?0$/.test(short) && /[1-9]/.test(fraction)) {
    const firstDigit = fraction.search(/[1-9]/);
    short = roundDecimalString(amount, firstDigit + TOKEN_DECIMALS);
  }
  return formatDecimalString(short, locale);
}

/**
 * Fees paid in tokens without a USD price, as words beside the USD fees — never folded in as $0:
 * "2.5 DIME unpriced", "2.5 DIME + 10 XYZ unpriced"; null when there are none. Amounts as
 * formatTokenAmount shows them; unpricedFeesExact says them in full for a title.
 */
export function formatUnpricedFees(fees: readonly { currency: string; amount: string }[], locale = userLocale()): string | null {
  if (fees.length === 0) return null;
  return `${fees.map((fee) => `${formatTokenAmount(fee.amount, locale)} ${fee.currency}`).join(' + ')} unpriced`;
}

/** "124.137494184 DIME over 103 fills" for each token: the exact amounts behind formatUnpricedFees. */
export function unpricedFeesExact(fees: readonly { currency: string; amount: string; fills?: number }[], locale = userLocale()): string {
  return fees.map((fee) => `${formatDecimalString(fee.amount, locale)} ${fee.currency}${fee.fills === undefined ? '' : ` over ${formatInteger(fee.fills, locale)} ${fee.fills === 1 ? 'fill' : 'fills'}`}`).join('; ');
}
