/**
 * Paradex's documented limits as leaky buckets that refill continuously
 * (https://docs.paradex.trade/api/general-information/rate-limits/api and …/common-questions):
 *   public endpoints 1500 req/min per IP; POST /auth 600 req/min per IP (older docs: also 50 req/s);
 *   private GET /* 120 req/s OR 600 req/min per account, plus 1500 req/min per IP over all accounts.
 */
export interface ParadexSimRateLimits {
  publicPerMinute: number;
  authPerSecond: number;
  authPerMinute: number;
  privatePerSecond: number;
  privatePerMinute: number;
  ipPrivatePerMinute: number;
}

export const PARADEX_RATE_LIMITS: ParadexSimRateLimits = {
  publicPerMinute: 1500,
  authPerSecond: 50,
  authPerMinute: 600,
  privatePerSecond: 120,
  privatePerMinute: 600,
  ipPrivatePerMinute: 1500,
};

class Bucket {
  private tokens: number;
  private updatedAt = performance.now();

  constructor(
    private readonly capacity: number,
    private readonly intervalMs: number,
  ) {
    this.tokens = capacity;
  }

  private refill(): void {
    const now = performance.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedAt) * this.capacity) / this.intervalMs);
    this.updatedAt = now;
  }

  hasToken(): boolean {
    this.refill();
    return this.tokens >= 1;
  }

  take(): void {
    this.tokens -= 1;
  }
}

/** All buckets must have a token; only then is one taken from each (a refused call costs nothing). */
function admit(buckets: Bucket[]): boolean {
  if (!buckets.every((bucket) => bucket.hasToken())) return false;
  for (const bucket of buckets) bucket.take();
  return true;
}

export class ParadexSimLimiter {
  private readonly publicIp: Bucket;
  private readonly authSecond: Bucket;
  private readonly authMinute: Bucket;
  private readonly privateIp: Bucket;
  private readonly perAccount = new Map<string, Bucket[]>();

  constructor(private readonly limits: ParadexSimRateLimits) {
    this.publicIp = new Bucket(limits.publicPerMinute, 60_000);
    this.authSecond = new Bucket(limits.authPerSecond, 1_000);
    this.authMinute = new Bucket(limits.authPerMinute, 60_000);
    this.privateIp = new Bucket(limits.ipPrivatePerMinute, 60_000);
  }

  admitPublic(): boolean {
    return admit([this.publicIp]);
  }

  admitAuth(): boolean {
    return admit([this.authSecond, this.authMinute]);
  }

  admitPrivate(account: string): boolean {
    let buckets = this.perAccount.get(account);
    if (!buckets) {
      buckets = [new Bucket(this.limits.privatePerSecond, 1_000), new Bucket(this.limits.privatePerMinute, 60_000)];
      this.perAccount.set(account, buckets);
    }
    return admit([...buckets, this.privateIp]);
  }
}
