/**
 * WOO X request signing: HMAC-SHA256 of a "normalized request content" with the API secret, hex,
 * sent as `x-api-signature` with `x-api-key` and `x-api-timestamp` (ms).
 *
 * - v3 (https://developer.woox.io/api-reference/guide): timestamp + METHOD + path, plus
 *   "?" + the query string exactly as sent, plus the raw body — e.g.
 *   `1578565539808GET/v3/algo/orders?algoType=STOP`.
 * - v1 (https://docs.woox.io/#authentication): the query/body parameters sorted by name and joined
 *   as `k=v&k=v`, then "|" + timestamp — e.g.
 *   `order_price=9000&order_quantity=0.11&order_type=LIMIT&side=BUY&symbol=SPOT_BTC_USDT|1578565539808`.
 */
import { createHmac } from 'node:crypto';

export interface WooxKey {
  apiKey: string;
  apiSecret: string;
}

export function hmacSha256Hex(secret: string, content: string): string {
  return createHmac('sha256', secret).update(content, 'utf8').digest('hex');
}

export function v3SignedContent(parts: {
  timestamp: number | string;
  method: string;
  path: string;
  queryString: string;
  body: string;
}): string {
  const query = parts.queryString ? `?${parts.queryString}` : '';
  return `${parts.timestamp}${parts.method.toUpperCase()}${parts.path}${query}${parts.body}`;
}

export function v1SignedContent(params: Record<string, string | number>, timestamp: number | string): string {
  const normalized = Object.keys(params)
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
  return `${normalized}|${timestamp}`;
}

export function authHeaders(key: WooxKey, timestamp: number, signedContent: string): Record<string, string> {
  return {
    'x-api-key': key.apiKey,
    'x-api-timestamp': String(timestamp),
    'x-api-signature': hmacSha256Hex(key.apiSecret, signedContent),
  };
}
