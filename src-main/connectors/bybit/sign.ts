/**
 * Bybit V5 HMAC request signing, https://bybit-exchange.github.io/docs/v5/guide ("Create a
 * request"): sign = lowercase hex HMAC-SHA256(secret, timestamp + apiKey + recvWindow + payload),
 * where payload is the query string exactly as sent for GET (not re-sorted) or the raw JSON body
 * for POST.
 */
import { createHmac } from 'node:crypto';
import { HEADER_API_KEY, HEADER_RECV_WINDOW, HEADER_SIGN, HEADER_TIMESTAMP } from './constants.ts';

export interface BybitSignInput {
  apiKey: string;
  apiSecret: string;
  timestamp: number | string;
  recvWindow: number | string;
  /** GET: the query string without '?', byte for byte as sent; POST: the raw body. */
  payload: string;
}

export function bybitSignature(input: BybitSignInput): string {
  const prehash = `${input.timestamp}${input.apiKey}${input.recvWindow}${input.payload}`;
  return createHmac('sha256', input.apiSecret).update(prehash, 'utf8').digest('hex');
}

/** The four auth headers for one attempt; a retry must call this again (the timestamp moves). */
export function bybitAuthHeaders(input: BybitSignInput): Record<string, string> {
  return {
    [HEADER_API_KEY]: input.apiKey,
    [HEADER_TIMESTAMP]: String(input.timestamp),
    [HEADER_RECV_WINDOW]: String(input.recvWindow),
    [HEADER_SIGN]: bybitSignature(input),
  };
}
