/**
 * The exchanges Perpvol reads, as the server describes them (GET /api/v1/exchanges): the forms,
 * history notices and import offers are built from these, so the renderer keeps no table of
 * exchanges of its own. Loaded once by App; empty until it arrives.
 */
import { createContext, useContext } from 'react';
import type { ExchangeInfo } from '../../../src-shared/exchange-info.ts';

export const ExchangesContext = createContext<readonly ExchangeInfo[]>([]);

export function useExchanges(): readonly ExchangeInfo[] {
  return useContext(ExchangesContext);
}

/** One exchange's description; undefined until the list arrives (or for an id the server does not know). */
export function useExchangeInfo(exchange: string): ExchangeInfo | undefined {
  return useExchanges().find((info) => info.id === exchange);
}
