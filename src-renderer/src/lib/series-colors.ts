/**
 * One colour per thing, whatever the chart shows around it: an exchange is always its colour (on
 * 30 days and on 2 years, on the overview's sparklines and in the chart), an asset always its own,
 * and an account a shade of its exchange's hue. Colours are keyed by name, never by rank in the
 * current range, and no two series of one chart share one: a name whose colour is taken in this
 * chart moves to the next free one. Each has a shade for light and one for dark backgrounds (both
 * readable on their background, and the same hue in either theme). The exchanges' colours, and
 * the shades of each one's hue for its accounts, come with the exchanges the server describes
 * (exchange-catalog.ts); the rest are here.
 */
import type { GroupBy, InstrumentKindValue } from '../../../src-shared/schemas.ts';
import type { ExchangeCatalog } from './exchange-catalog.ts';

export interface Shade {
  light: string;
  dark: string;
}

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

/**
 * Symbols and other names: twenty colours in ten hues, each hue once strong and once pale (the
 * Tableau 20 set, built so neighbours stay apart for most kinds of colour vision; the legend and the
 * inspector name every series as well). Twenty is as many series as a chart shows before "Other".
 */
export const PALETTE: readonly Shade[] = [
  { light: '#1f77b4', dark: '#4e9fd6' }, // blue
  { light: '#ff7f0e', dark: '#ff9a3d' }, // orange
  { light: '#2ca02c', dark: '#4cc04c' }, // green
  { light: '#d62728', dark: '#ef5350' }, // red
  { light: '#9467bd', dark: '#b08fd6' }, // purple
  { light: '#8c564b', dark: '#b07a6e' }, // brown
  { light: '#e377c2', dark: '#ee97d3' }, // pink
  { light: '#bcbd22', dark: '#d4d53a' }, // olive
  { light: '#17becf', dark: '#3fd3e2' }, // cyan
  { light: '#393b79', dark: '#7c80d0' }, // navy
  { light: '#aec7e8', dark: '#aec7e8' }, // pale blue
  { light: '#ffbb78', dark: '#ffbb78' }, // pale orange
  { light: '#98df8a', dark: '#98df8a' }, // pale green
  { light: '#ff9896', dark: '#ff9896' }, // pale red
  { light: '#c5b0d5', dark: '#c5b0d5' }, // pale purple
  { light: '#c49c94', dark: '#c49c94' }, // pale brown
  { light: '#f7b6d2', dark: '#f7b6d2' }, // pale pink
  { light: '#dbdb8d', dark: '#dbdb8d' }, // pale olive
  { light: '#9edae5', dark: '#9edae5' }, // pale cyan
  { light: '#637939', dark: '#8ca252' }, // moss
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

const isKind = (key: string): key is InstrumentKindValue => key in KIND_COLORS;

/** What colouring needs to know about the accounts (their exchange), listed in a stable order. */
export interface AccountRef {
  id: string;
  exchange: string;
}

/**
 * An account's shade: its exchange's hue, a different step for each account of that exchange
 * (ordered by id) — one account is drawn in its exchange's colour, a second in a darker or lighter
 * step of the same hue, and so on.
 */
export function accountShade(accountId: string, accounts: readonly AccountRef[], exchanges: ExchangeCatalog): Shade | null {
  const account = accounts.find((a) => a.id === accountId);
  if (!account) return null;
  const siblings = accounts.filter((a) => a.exchange === account.exchange).map((a) => a.id).sort();
  const shades = exchanges.accountShades(account.exchange);
  return shades[siblings.indexOf(accountId) % shades.length]!;
}

/** The shade a series has by what it is, before collisions in one chart are resolved. */
function ownShade(groupBy: GroupBy | null, key: string, accounts: readonly AccountRef[], exchanges: ExchangeCatalog): Shade | null {
  if (key === OTHER_SERIES_KEY) return OTHER_COLOR;
  if (groupBy === null) return TOTAL_COLOR;
  if (groupBy === 'exchange' && exchanges.knows(key)) return exchanges.shade(key);
  if (groupBy === 'kind' && isKind(key)) return KIND_COLORS[key];
  if (groupBy === 'account') return accountShade(key, accounts, exchanges);
  if (groupBy === 'underlying') return ASSET_COLORS[key.toUpperCase()] ?? null;
  return null;
}

/**
 * The colours of one chart's series, none shared: fixed colours first (exchanges, kinds, known
 * assets, accounts), then every other name, alphabetically, takes its hashed palette entry or the
 * next one still free — so a name keeps its colour from range to range unless another name of the
 * same chart already holds it.
 */
export function seriesColors(
  groupBy: GroupBy | null,
  keys: readonly string[],
  dark: boolean,
  exchanges: ExchangeCatalog,
  accounts: readonly AccountRef[] = [],
): Record<string, string> {
  const pick = (shade: Shade) => (dark ? shade.dark : shade.light);
  const colors: Record<string, string> = {};
  const used = new Set<string>();
  const rest: string[] = [];
  for (const key of keys) {
    const own = ownShade(groupBy, key, accounts, exchanges);
    if (own && !used.has(pick(own))) {
      colors[key] = pick(own);
      used.add(colors[key]);
    } else rest.push(key);
  }
  for (const key of [...rest].sort()) {
    const start = hash(groupBy === 'underlying' ? key.toUpperCase() : key) % PALETTE.length;
    let color = pick(PALETTE[start]!);
    for (let step = 1; used.has(color) && step < PALETTE.length; step++) color = pick(PALETTE[(start + step) % PALETTE.length]!);
    colors[key] = color;
    used.add(color);
  }
  return colors;
}

/** The key of the series that folds the smallest ones together. */
export const OTHER_SERIES_KEY = '__other__';
