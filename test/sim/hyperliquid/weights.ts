/**
 * Hyperliquid's per-IP REST budget as the simulator enforces it.
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/rate-limits :
 * "REST requests share an aggregated weight limit of 1200 per minute"; info requests weigh 2
 * (l2Book, allMids, clearinghouseState, orderStatus, spotClearinghouseState, exchangeStatus), 60
 * (userRole) or 20 (all others); userFills and userFillsByTime (among others) add weight per 20
 * items returned.
 *
 * Read as a window: never more than 1200 weight inside ANY 60-second window, counted when the
 * request arrives. The request's base weight must fit when it arrives; the per-item weight is
 * added once the answer is built, so a client that only budgets the base weight runs over and
 * then into 429s.
 */
import { SlidingWindowCounter, type Admission, type WindowPeak } from '../sliding-window.ts';

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
  private readonly counter = new SlidingWindowCounter();
  used = 0;

  /** Defaults to the real budget; tests may scale time down (same weight over a shorter interval). */
  constructor(
    private readonly capacity = WEIGHT_PER_MINUTE,
    private readonly intervalMs = INTERVAL_MS,
  ) {}

  /** Counts a request of `weight` (its base weight) when it fits (always when not enforcing); null when it does not. */
  admit(weight: number, enforce = true): Admission | null {
    const limit = enforce ? this.capacity : Infinity;
    const admission = this.counter.admit([{ key: 'ip', limit, windowMs: this.intervalMs, weight }]);
    if (admission) this.used += weight;
    return admission;
  }

  /** Adds weight known only after answering (items returned) to an admitted request. */
  charge(admission: Admission, weight: number): void {
    admission.addWeight(weight);
    this.used += weight;
  }

  peaks(): WindowPeak[] {
    return this.counter.peaks();
  }
}
