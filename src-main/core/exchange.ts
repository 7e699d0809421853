/**
 * The ids of the exchanges Perpvol ships, checked against the registry's descriptors when the app
 * starts (connectors/registry.ts). Labels, order and everything else come from the descriptors.
 */
export const EXCHANGE_IDS = ['bybit', 'woox', 'hyperliquid', 'paradex'] as const;
export type ExchangeId = (typeof EXCHANGE_IDS)[number];

export function isExchangeId(value: string): value is ExchangeId {
  return (EXCHANGE_IDS as readonly string[]).includes(value);
}
