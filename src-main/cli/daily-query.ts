import type { DailyQuery, GroupBy } from '../../src-shared/schemas.ts';
import { addDays, utcDay } from '../core/days.ts';
import type { ExchangeId } from '../core/exchange.ts';

/** The --kinds flag of every command that counts volume. */
export const KINDS_FLAG = ['--kinds <list>', 'instrument kinds to count: perpetual (default), dated_future, or perpetual,dated_future'] as const;

/** How many days `volume daily` and `export daily` cover when no --from is given. */
export const DEFAULT_DAILY_DAYS = 30;

/** The filter flags `volume daily` and `export daily` share. */
export interface DailyFilterOptions {
  from?: string;
  to?: string;
  exchange?: ExchangeId;
  account?: string;
  groupBy?: GroupBy;
  /** e.g. "perpetual,dated_future"; absent = perpetuals only. */
  kinds?: string;
}

/**
 * The daily-volume query for those flags: --to defaults to today (UTC), --from to the
 * DEFAULT_DAILY_DAYS days ending at --to. A malformed --to is passed on as typed (the service
 * refuses it with a message) while the default --from counts back from today instead.
 */
export function dailyQueryFromOptions(options: DailyFilterOptions): DailyQuery {
  const to = options.to ?? utcDay(Date.now());
  const from = options.from ?? addDays(/^\d{4}-\d{2}-\d{2}$/.test(to) ? to : utcDay(Date.now()), -(DEFAULT_DAILY_DAYS - 1));
  return {
    from,
    to,
    ...(options.exchange ? { exchange: options.exchange } : {}),
    ...(options.account ? { accountId: options.account } : {}),
    ...(options.groupBy ? { groupBy: options.groupBy } : {}),
    ...(options.kinds ? { kinds: options.kinds } : {}),
  };
}
