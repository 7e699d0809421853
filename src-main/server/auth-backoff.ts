/**
 * Failed-auth back-off per client address. A script with a stale token fails a few times and
 * stops; something that keeps presenting wrong tokens is guessing. So: the first few failures in a
 * row are answered at once, the next ones each wait twice as long as the one before, and then the
 * address is locked out (429, `Retry-After`) for a while — without even looking at the token it
 * sends, so a lockout answers nothing about any guess. A right token resets the count; other
 * addresses are never affected. Behind a reverse proxy every client shares the proxy's address.
 */
import { isIPv6 } from 'node:net';

export interface AuthBackoffPolicy {
  /** Wrong tokens in a row answered without delay (a typo, a stale token in a script). */
  freeFailures: number;
  /** The first delayed failure waits this long; each further one twice as long, up to maxDelayMs. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** This many wrong tokens in a row lock the address out… */
  lockAfter: number;
  /** …for this long, doubling with every further lockout of the same address, up to maxLockMs. */
  lockMs: number;
  maxLockMs: number;
  /** An address with no failure for this long starts afresh. */
  forgetAfterMs: number;
  /** Addresses remembered at most (the oldest are forgotten first), so address spraying cannot grow memory. */
  maxAddresses: number;
}

export const DEFAULT_AUTH_BACKOFF: AuthBackoffPolicy = {
  freeFailures: 5,
  firstDelayMs: 250,
  maxDelayMs: 4_000,
  lockAfter: 10,
  lockMs: 60_000,
  maxLockMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
  maxAddresses: 10_000,
};

interface AddressRecord {
  failures: number;
  lockouts: number;
  lockedUntil: number;
  lastFailureAt: number;
}

export type AuthVerdict = { locked: false } | { locked: true; retryAfterMs: number };

/**
 * The key an address is counted under: IPv4 as is (also when IPv4-mapped), IPv6 by its /64 prefix —
 * one host usually owns a whole /64, so counting single IPv6 addresses could be sidestepped.
 */
export function clientKey(address: string): string {
  const plain = address.toLowerCase().replace(/^::ffff:(\d{1,3}(\.\d{1,3}){3})$/, '$1');
  if (!isIPv6(plain)) return plain;
  const [head = '', tail = ''] = plain.split('%')[0]!.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = plain.includes('::') ? (tail === '' ? [] : tail.split(':')) : [];
  const groups = plain.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

export class AuthBackoff {
  private readonly records = new Map<string, AddressRecord>();

  constructor(
    private readonly policy: AuthBackoffPolicy = DEFAULT_AUTH_BACKOFF,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether requests from this address are refused right now (before the token is looked at). */
  check(address: string): AuthVerdict {
    const record = this.current(clientKey(address));
    const left = record ? record.lockedUntil - this.now() : 0;
    return left > 0 ? { locked: true, retryAfterMs: left } : { locked: false };
  }

  /** A right token: the address's count of failures in a row starts again. */
  succeeded(address: string): void {
    const record = this.records.get(clientKey(address));
    if (record) record.failures = 0;
  }

  /**
   * A wrong token. Returns how long to hold the 401 back, and whether this failure locked the
   * address out (then the answer is 429 at once).
   */
  failed(address: string): { delayMs: number; locked: boolean; retryAfterMs: number } {
    const key = clientKey(address);
    const now = this.now();
    const record = this.current(key) ?? { failures: 0, lockouts: 0, lockedUntil: 0, lastFailureAt: now };
    record.failures += 1;
    record.lastFailureAt = now;
    this.remember(key, record);
    const { policy } = this;
    if (record.failures >= policy.lockAfter) {
      const lockMs = Math.min(policy.lockMs * 2 ** record.lockouts, policy.maxLockMs);
      record.lockouts += 1;
      record.failures = 0;
      record.lockedUntil = now + lockMs;
      return { delayMs: 0, locked: true, retryAfterMs: lockMs };
    }
    const over = record.failures - policy.freeFailures;
    const delayMs = over <= 0 ? 0 : Math.min(policy.firstDelayMs * 2 ** (over - 1), policy.maxDelayMs);
    return { delayMs, locked: false, retryAfterMs: 0 };
  }

  /** The record of an address unless it has been quiet long enough to be forgotten. */
  private current(key: string): AddressRecord | undefined {
    const record = this.records.get(key);
    if (!record) return undefined;
    const now = this.now();
    if (now - record.lastFailureAt > this.policy.forgetAfterMs && record.lockedUntil <= now) {
      this.records.delete(key);
      return undefined;
    }
    return record;
  }

  /** Keeps the record as the most recent; forgets the least recently failing addresses beyond the cap. */
  private remember(key: string, record: AddressRecord): void {
    this.records.delete(key);
    this.records.set(key, record);
    while (this.records.size > this.policy.maxAddresses) {
      // a locked-out address is forgotten last: spraying new addresses must not unlock it
      const now = this.now();
      let victim: string | undefined;
      for (const [candidate, r] of this.records) {
        if (r.lockedUntil <= now) {
          victim = candidate;
          break;
        }
      }
      victim ??= this.records.keys().next().value;
      if (victim === undefined) break;
      this.records.delete(victim);
    }
  }
}
