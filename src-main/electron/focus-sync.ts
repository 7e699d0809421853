/**
 * "Sync on window focus", without hammering the exchanges when the user alt-tabs: at most one
 * focus-triggered sync per interval. The scheduler's periodic sync runs regardless.
 */
export const FOCUS_SYNC_MIN_INTERVAL_MS = 60_000;

export class FocusSync {
  private lastStartedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly startSync: () => Promise<unknown>,
    private readonly now: () => number = Date.now,
    private readonly minIntervalMs = FOCUS_SYNC_MIN_INTERVAL_MS,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** Called on every focus; returns whether a sync was started. */
  onFocus(): boolean {
    const now = this.now();
    if (now - this.lastStartedAt < this.minIntervalMs) return false;
    this.lastStartedAt = now;
    this.startSync().catch(this.onError);
    return true;
  }
}
