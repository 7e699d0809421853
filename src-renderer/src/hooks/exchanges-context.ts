/**
 * The exchanges Perpvol reads, as the server describes them (GET /api/v1/exchanges): the forms,
 * history notices and import offers are built from these, so the renderer keeps no table of
 * exchanges of its own. Loaded once by App; empty until it arrives.
 */
import { createContext, useContext, useMemo } from 'react';
import type { ExchangeInfo } from '../../../src-shared/exchange-info.ts';
import { exchangeCatalog, type ExchangeCatalog } from '../lib/exchange-catalog.ts';

export const ExchangesContext = createContext<readonly ExchangeInfo[]>([]);

export function useExchanges(): readonly ExchangeInfo[] {
  return useContext(ExchangesContext);
}

/** Names and colours of the exchanges (an id not described yet: the id, in a palette colour). */
export function useExchangeCatalog(): ExchangeCatalog {
  const infos = useExchanges();
  return useMemo(() => exchangeCatalog(infos), [infos]);
}

/** One exchange's description; undefined until the list arrives (or for an id the server does not know). */
export function useExchangeInfo(exchange: string): ExchangeInfo | undefined {
  return useExchanges().find((info) => info.id === exchange);
}
