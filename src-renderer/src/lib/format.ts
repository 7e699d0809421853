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

/** A moment (ms epoch or ISO) in the user's own time zone: "Jan 31, 2026, 14:05:09". */
export function formatDateTime(moment: number | string, locale = userLocale()): string {
  return dateFormat(locale, 'dt', { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(moment));
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
