/**
 * When to try a dropped stream again: exponential from 1 s to 60 s, with jitter so that eight
 * streams cut by the same network blip do not all knock again in the same millisecond (and a
 * flapping exchange is not hammered: Bybit asks "do not frequently connect and disconnect";
 * WOO X bans IPs that retry too hard).
 */
export const RECONNECT_MIN_MS = 1_000;
export const RECONNECT_MAX_MS = 60_000;
/** A connection that stayed up this long was healthy: the next drop starts again from 1 s. */
export const STABLE_CONNECTION_MS = 10_000;

/** Delay before attempt `failures` (0 = first retry): min·2^n, up to half again more, capped. */
export function reconnectDelayMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** Math.min(failures, 16));
  return Math.min(RECONNECT_MAX_MS, Math.round(base * (1 + 0.5 * random())));
}
