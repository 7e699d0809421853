/** Display names of the exchanges (the renderer imports nothing from src-main). */
import type { ExchangeIdValue } from '../../../src-shared/schemas.ts';

export const EXCHANGE_NAMES: Record<ExchangeIdValue, string> = {
  bybit: 'Bybit',
  woox: 'WOO X',
  hyperliquid: 'Hyperliquid',
  paradex: 'Paradex',
};
