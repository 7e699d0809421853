/**
 * Hyperliquid's per-IP REST budget as the simulator enforces it.
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/rate-limits :
 * 1200 weight per minute; info requests weigh 2 (l2Book, allMids, clearinghouseState, orderStatus,
 * spotClearinghouseState, exchangeStatus), 60 (userRole) or 20 (all others); userFills and
 * userFillsByTime (among others) add weight per 20 items returned.
 *
 * The budget is modelled as a bucket refilling continuously (1200 over 60 s). The request's base
 * weight must be available when it arrives; the per-item weight is charged after the answer is
 * built, so a client that only budgets the base weight runs into debt and then into 429s.
 */
export const WEIGHT_PER_MINUTE = 1200;
const INTERVAL_MS = 60_000;
const LIGHT_TYPES = new Set(['l2Book', 'allMids', 'clearinghouseState', 'orderStatus', 'spotClearinghouseState', 'exchangeStatus']);
const ITEM_WEIGHTED_TYPES = new Set(['recentTrades', 'historicalOrders', 'userFills', 'userFillsByTime', 'fundingHistory', 'userFunding']);
const ITEMS_PER_EXTRA_WEIGHT = 20;

export function baseWeight(type: string): number {
  if (LIGHT_TYPES.has(type)) return 2;
  if (type === 'userRole') return 60;
  return 20;
}

export function itemWeight(type: string, items: number): number {
  return ITEM_WEIGHTED_TYPES.has(type) ? Math.floor(items / ITEMS_PER_EXTRA_WEIGHT) : 0;
}

export class WeightBudget {
  private tokens: number;
  private updatedAt = performance.now();
  used = 0;

  /** Defaults to the real budget; tests may scale time down (same weight over a shorter interval). */
  constructor(
    private readonly capacity = WEIGHT_PER_MINUTE,
    private readonly intervalMs = INTERVAL_MS,
  ) {
    this.tokens = capacity;
  }

  /** Whether `weight` is available now (nothing is taken). */
  allows(weight: number): boolean {
    this.refill();
    return this.tokens >= weight;
  }

  charge(weight: number): void {
    this.refill();
    this.tokens -= weight;
    this.used += weight;
  }

  private refill(): void {
    const now = performance.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedAt) * this.capacity) / this.intervalMs);
    this.updatedAt = now;
  }
}
