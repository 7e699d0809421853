/**
 * One colour per thing, whatever the chart shows around it: an exchange is always its colour (on
 * 30 days and on 2 years, on the overview's sparklines and in the chart), an asset always its own.
 * Colours are keyed by name, never by rank in the current range; each has a shade for light and
 * one for dark backgrounds (the 600 and 400 steps of Tailwind's palette: both readable on their
 * background, and the same hue in either theme).
 */
import type { ExchangeIdValue, GroupBy, InstrumentKindValue } from '../../../src-shared/schemas.ts';

export interface Shade {
  light: string;
  dark: string;
}

export const EXCHANGE_COLORS: Record<ExchangeIdValue, Shade> = {
  bybit: { light: '#d97706', dark: '#fbbf24' }, // amber
  woox: { light: '#2563eb', dark: '#60a5fa' }, // blue
  hyperliquid: { light: '#0d9488', dark: '#2dd4bf' }, // teal
  paradex: { light: '#7c3aed', dark: '#a78bfa' }, // violet
};

export const KIND_COLORS: Record<InstrumentKindValue, Shade> = {
  perpetual: { light: '#4f46e5', dark: '#818cf8' }, // indigo
  dated_future: { light: '#e11d48', dark: '#fb7185' }, // rose
};

/** The assets most traders hold get a colour of their own (no two alike); the rest are hashed into PALETTE. */
const ASSET_COLORS: Record<string, Shade> = {
  BTC: { light: '#ea580c', dark: '#fb923c' }, // orange
  ETH: { light: '#4f46e5', dark: '#818cf8' }, // indigo
  SOL: { light: '#c026d3', dark: '#e879f9' }, // fuchsia
  HYPE: { light: '#059669', dark: '#34d399' }, // emerald
  XRP: { light: '#0284c7', dark: '#38bdf8' }, // sky
  DOGE: { light: '#ca8a04', dark: '#facc15' }, // yellow
};

export const PALETTE: readonly Shade[] = [
  { light: '#0891b2', dark: '#22d3ee' }, // cyan
  { light: '#65a30d', dark: '#a3e635' }, // lime
  { light: '#db2777', dark: '#f472b6' }, // pink
  { light: '#dc2626', dark: '#f87171' }, // red
  { light: '#0d9488', dark: '#2dd4bf' }, // teal
  { light: '#d97706', dark: '#fbbf24' }, // amber
  { light: '#7c3aed', dark: '#a78bfa' }, // violet
  { light: '#2563eb', dark: '#60a5fa' }, // blue
  { light: '#16a34a', dark: '#4ade80' }, // green
  { light: '#9333ea', dark: '#c084fc' }, // purple
  { light: '#e11d48', dark: '#fb7185' }, // rose
  { light: '#57534e', dark: '#a8a29e' }, // stone
];

/** "Other" (the series folded together) and a chart without groups. */
export const OTHER_COLOR: Shade = { light: '#94a3b8', dark: '#64748b' };
export const TOTAL_COLOR: Shade = { light: '#4f46e5', dark: '#818cf8' };
/** The rolling-average line: ink, not a series colour. */
export const AVERAGE_COLOR: Shade = { light: '#0f172a', dark: '#f1f5f9' };

/** FNV-1a: a small, stable hash, so a name lands on the same palette entry in every browser and release. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function paletteShade(name: string): Shade {
  return PALETTE[hash(name) % PALETTE.length]!;
}

const isExchange = (key: string): key is ExchangeIdValue => key in EXCHANGE_COLORS;
const isKind = (key: string): key is InstrumentKindValue => key in KIND_COLORS;

/** The shade of a series, from what it is (the grouping and its key), never from where it ranks. */
export function seriesShade(groupBy: GroupBy | null, key: string): Shade {
  if (key === OTHER_SERIES_KEY) return OTHER_COLOR;
  if (groupBy === null) return TOTAL_COLOR;
  if (groupBy === 'exchange' && isExchange(key)) return EXCHANGE_COLORS[key];
  if (groupBy === 'kind' && isKind(key)) return KIND_COLORS[key];
  if (groupBy === 'underlying') return ASSET_COLORS[key.toUpperCase()] ?? paletteShade(key.toUpperCase());
  return paletteShade(key);
}

export function seriesColor(groupBy: GroupBy | null, key: string, dark: boolean): string {
  const shade = seriesShade(groupBy, key);
  return dark ? shade.dark : shade.light;
}

export function exchangeColor(exchange: ExchangeIdValue, dark: boolean): string {
  return dark ? EXCHANGE_COLORS[exchange].dark : EXCHANGE_COLORS[exchange].light;
}

/** The key of the series that folds the smallest ones together. */
export const OTHER_SERIES_KEY = '__other__';
