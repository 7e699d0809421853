/**
 * What the dashboard shows of an exchange — its name and its colours — learnt from the exchanges
 * the server describes (GET /api/v1/exchanges), so the renderer keeps no table of its own and an
 * exchange added to the server's registry shows by its name and colour. An id the list does not
 * know (yet: before it arrives, or an account of an exchange this server no longer reads) shows
 * as the id itself in a palette colour, never an error.
 */
import type { ExchangeInfo } from '../../../src-shared/exchange-info.ts';
import { paletteShade, type Shade } from './series-colors.ts';

export interface ExchangeCatalog {
  /** Whether the server described this exchange (its colours are its own, not hashed). */
  knows(exchange: string): boolean;
  /** Its display name: "WOO X"; the id itself when unknown. */
  name(exchange: string): string;
  /** Its own colour. */
  shade(exchange: string): Shade;
  /** Shades of its hue for its accounts, its own first. */
  accountShades(exchange: string): readonly Shade[];
}

export function exchangeCatalog(infos: readonly ExchangeInfo[]): ExchangeCatalog {
  const byId = new Map(infos.map((info) => [info.id as string, info]));
  return {
    knows: (exchange) => byId.has(exchange),
    name: (exchange) => byId.get(exchange)?.label ?? exchange,
    shade: (exchange) => byId.get(exchange)?.colors.own ?? paletteShade(exchange),
    accountShades: (exchange) => {
      const colors = byId.get(exchange)?.colors;
      return colors ? [colors.own, ...colors.accounts] : [paletteShade(exchange)];
    },
  };
}

/** One colour of the exchange's for the theme. */
export function exchangeColor(catalog: ExchangeCatalog, exchange: string, dark: boolean): string {
  const shade = catalog.shade(exchange);
  return dark ? shade.dark : shade.light;
}
