/**
 * Rate limits the way the exchanges' docs read them: never more than N (or N weight) inside ANY
 * window of that length, counted when a request arrives. Every simulator counts its limits here,
 * so "0 rate-limit answers" means the client never put N+1 into one window — and `peaks()` shows
 * how close it came.
 */
export interface WindowCheck {
  /** What is counted together, e.g. "uid 1000001 /v5/execution/list" or "ip 127.0.0.1". */
  key: string;
  limit: number;
  windowMs: number;
  /** Weight this request needs to be admitted (default 1). */
  weight?: number;
}

export interface WindowPeak {
  key: string;
  limit: number;
  windowMs: number;
  /** The most ever counted inside one window under this key. */
  peak: number;
}

/** An admitted request, to which weight known only after answering can be added (Hyperliquid fills). */
export interface Admission {
  addWeight(weight: number): void;
}

interface Hit {
  at: number;
  weight: number;
}

interface Series {
  limit: number;
  windowMs: number;
  /** Every admitted request, in arrival order (kept whole, so peaks() can look back). */
  hits: Hit[];
  /** Index of the first hit still inside the current window. */
  first: number;
}

export class SlidingWindowCounter {
  private readonly series = new Map<string, Series>();
  /** The key of the limit that refused the last refused request. */
  lastRefusedKey: string | null = null;

  constructor(private readonly clock: () => number = () => performance.now()) {}

  /**
   * Admits the request when every check still has room for its weight, and counts it under each;
   * otherwise counts nothing (a refused request costs nothing) and returns null.
   */
  admit(checks: WindowCheck[]): Admission | null {
    const now = this.clock();
    const all = checks.map((check) => ({ check, series: this.current(check, now) }));
    const full = all.find(({ check, series }) => inWindow(series) + (check.weight ?? 1) > check.limit);
    if (full) {
      this.lastRefusedKey = full.check.key;
      return null;
    }
    const hits = all.map(({ check, series }) => {
      const hit = { at: now, weight: check.weight ?? 1 };
      series.hits.push(hit);
      return hit;
    });
    return {
      addWeight: (weight) => {
        for (const hit of hits) hit.weight += weight;
      },
    };
  }

  /** ms until the oldest request counted under `key` leaves its window (when a refused one could pass). */
  msUntilRoom(key: string): number {
    const series = this.series.get(key);
    if (!series) return 0;
    const oldest = series.hits[this.current({ key, limit: series.limit, windowMs: series.windowMs }, this.clock()).first];
    return oldest ? Math.max(0, oldest.at + series.windowMs - this.clock()) : 0;
  }

  /** What is counted under `key` right now. */
  usage(key: string): number {
    const series = this.series.get(key);
    return series ? inWindow(this.current({ key, limit: series.limit, windowMs: series.windowMs }, this.clock())) : 0;
  }

  /** The most ever counted inside one window, per key: what a correct client keeps ≤ the limit. */
  peaks(): WindowPeak[] {
    return [...this.series].map(([key, { limit, windowMs, hits }]) => {
      let peak = 0;
      let total = 0;
      let start = 0;
      for (const hit of hits) {
        total += hit.weight;
        while (hits[start]!.at <= hit.at - windowMs) total -= hits[start++]!.weight;
        peak = Math.max(peak, total);
      }
      return { key, limit, windowMs, peak };
    });
  }

  private current(check: WindowCheck, now: number): Series {
    let series = this.series.get(check.key);
    if (!series) {
      series = { limit: check.limit, windowMs: check.windowMs, hits: [], first: 0 };
      this.series.set(check.key, series);
    }
    // A request exactly one window after another is in a new window: (t − window, t] is what counts.
    while (series.first < series.hits.length && series.hits[series.first]!.at <= now - series.windowMs) series.first += 1;
    return series;
  }
}

function inWindow(series: Series): number {
  let total = 0;
  for (let i = series.first; i < series.hits.length; i++) total += series.hits[i]!.weight;
  return total;
}
