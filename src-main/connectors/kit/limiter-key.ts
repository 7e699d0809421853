/**
 * Names of shared rate budgets: every key starts with the exchange and the origin the requests go
 * to, so two origins of one exchange (testnet and mainnet, a simulator and production) never spend
 * one budget, and two accounts on one origin share only what the exchange counts together.
 */
export function originOf(baseUrl: string): string {
  return new URL(baseUrl).origin;
}

/**
 * `exchange origin scope…`, e.g. "woox https://api.woox.io key:3f2a… /v3/trade/transactionHistory".
 * `scope` says what else the exchange counts by: an account, a key digest, a route, "ip".
 */
export function limiterKey(exchange: string, baseUrl: string, ...scope: string[]): string {
  return [exchange, originOf(baseUrl), ...scope].join(' ');
}
