/** The exchanges Perpvol reads. Adding one means a connector, a simulator and a label here. */
export const EXCHANGE_IDS = ['bybit', 'woox', 'hyperliquid', 'paradex'] as const;
export type ExchangeId = (typeof EXCHANGE_IDS)[number];

export const EXCHANGE_LABELS: Record<ExchangeId, string> = {
  bybit: 'Bybit',
  woox: 'WOO X',
  hyperliquid: 'Hyperliquid',
  paradex: 'Paradex',
};

export function isExchangeId(value: string): value is ExchangeId {
  return (EXCHANGE_IDS as readonly string[]).includes(value);
}
