/**
 * Which answers are worth another try on every exchange: rate limits, 5xx, a JSON body cut off on
 * the way. Exchanges add their own envelope codes on top through their error tables
 * (kit/error-table.ts: Bybit retCode 10006, WOO X -1003).
 */
import type { ExchangeResponse, RetryVerdict } from './exchange-http-client.ts';

/** ms the answer asks us to wait (Retry-After: seconds or an HTTP date); undefined when it does not say. */
export function retryAfterMs(response: ExchangeResponse, nowMs = Date.now()): number | undefined {
  const header = response.headers['retry-after']?.trim();
  if (!header) return undefined;
  if (/^\d+(\.\d+)?$/.test(header)) return Math.ceil(Number(header) * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * A body that was meant to be JSON but did not arrive whole: empty, or starting like JSON and not
 * parsing. An HTML page or other text is not "cut off" — it is a wrong answer, and fails at once.
 */
export function isCutOffJson(text: string): boolean {
  const start = text.trimStart();
  if (start === '') return true;
  if (!start.startsWith('{') && !start.startsWith('[')) return false;
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}

/** The retries every exchange shares: 429 (waited out), 5xx, and JSON cut off mid-body. */
export function classifyTransient(response: ExchangeResponse): RetryVerdict {
  const { status } = response;
  if (status === 429) {
    return { retry: true, rateLimited: true, delayMs: retryAfterMs(response), reason: 'too many requests (HTTP 429)' };
  }
  if (status >= 500) return { retry: true, delayMs: retryAfterMs(response), reason: `server error (HTTP ${status})` };
  if (status >= 200 && status < 300 && isCutOffJson(response.text)) {
    return { retry: true, reason: `answer cut off (${response.text.length} bytes of unfinished JSON)` };
  }
  return { retry: false };
}
