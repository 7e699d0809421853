/**
 * WOO X v3 request signing (https://developer.woox.io/api-reference/guide): HMAC-SHA256, hex, with
 * the API secret over timestamp + METHOD + path, "?" + the query string exactly as sent, and the raw
 * body (e.g. `1578565539808GET/v3/algo/orders?algoType=STOP`), sent as `x-api-signature` with
 * `x-api-key` and `x-api-timestamp` (ms).
 */
import { createHmac } from 'node:crypto';

export interface WooxKey {
  apiKey: string;
  apiSecret: string;
}

export function hmacSha256Hex(secret: string, content: string): string {
  return createHmac('sha256', secret).update(content, 'utf8').digest('hex');
}

export function v3SignedContent(parts: { timestamp: number | string; method: string; path: string; queryString: string; body: string }): string {
  const query = parts.queryString ? `?${parts.queryString}` : '';
  return `${parts.timestamp}${parts.method.toUpperCase()}${parts.path}${query}${parts.body}`;
}

export function authHeaders(key: WooxKey, timestamp: number, signedContent: string): Record<string, string> {
  return {
    'x-api-key': key.apiKey,
    'x-api-timestamp': String(timestamp),
    'x-api-signature': hmacSha256Hex(key.apiSecret, signedContent),
  };
}
