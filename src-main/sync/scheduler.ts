import schedule, { type Job } from 'node-schedule';
import type { SyncEngine } from './sync-engine.ts';

/** docs/operations.md: incremental sync of every account every 5 minutes, and once at start. */
export const DEFAULT_SYNC_INTERVAL_MINUTES = 5;
const MINUTES_PER_DAY = 1440;

/** node-schedule cron for "every N minutes"; N ≥ 60 is rounded to whole hours. */
export function cronForInterval(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MINUTES_PER_DAY) {
    throw new RangeError(`the sync interval must be a whole number of minutes from 1 to ${MINUTES_PER_DAY}: ${minutes}`);
  }
  if (minutes < 60) return `*/${minutes} * * * *`;
  const hours = Math.max(1, Math.round(minutes / 60));
  return hours >= 24 ? '0 0 * * *' : `0 */${hours} * * *`;
}

export class SyncScheduler {
  private job: Job | null = null;
  readonly intervalMinutes: number;

  constructor(
    private readonly engine: SyncEngine,
    options: { intervalMinutes?: number; onError?: (error: unknown) => void; assertWritable?: () => void } = {},
  ) {
    this.intervalMinutes = options.intervalMinutes ?? DEFAULT_SYNC_INTERVAL_MINUTES;
    this.onError = options.onError ?? (() => undefined);
    this.assertWritable = options.assertWritable ?? (() => undefined);
    cronForInterval(this.intervalMinutes); // refuse a bad interval at construction, not at start
  }

  private readonly onError: (error: unknown) => void;
  /** Throws unless this process owns the data folder: only the owner runs the scheduler. */
  private readonly assertWritable: () => void;

  get running(): boolean {
    return this.job !== null;
  }

  /** Syncs all accounts now, then on every tick. Ticks during a pass join it (single-flight). */
  start(): void {
    if (this.job) return;
    this.assertWritable();
    this.job = schedule.scheduleJob(cronForInterval(this.intervalMinutes), () => this.tick());
    this.tick();
  }

  stop(): void {
    this.job?.cancel();
    this.job = null;
  }

  private tick(): void {
    // Per-account failures land in each account's status; only a store failure reaches here.
    this.engine.syncAccounts().catch(this.onError);
  }
}
