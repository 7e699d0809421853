/**
 * A shared rate budget's name, `exchange origin scope…`, e.g. "woox https://api.woox.io key:3f2a…
 * /v3/trade/transactionHistory": the origin keeps testnet and mainnet (or a simulator) apart, `scope`
 * is what else the exchange counts by (docs/adding-an-exchange.md, "Requests").
 */
export function limiterKey(exchange: string, baseUrl: string, ...scope: string[]): string {
  return [exchange, new URL(baseUrl).origin, ...scope].join(' ');
}
