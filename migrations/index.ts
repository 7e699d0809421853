import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_initial.ts';
import * as m0002 from './0002_daily_totals.ts';
import * as m0003 from './0003_account_removal.ts';
import * as m0004 from './0004_counting.ts';
import * as m0005 from './0005_one_active_account_per_identity.ts';
import * as m0006 from './0006_tier_targets.ts';
import * as m0007 from './0007_reported_windows.ts';
import * as m0008 from './0008_stream_url.ts';
import * as m0009 from './0009_history_gaps.ts';
import * as m0010 from './0010_side_fees.ts';

/**
 * Every migration, listed by hand: the app is bundled (electron-vite), so there is no migrations
 * folder on disk to scan at run time. A new migration is a new file plus one line here; names
 * sort in the order they run.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_initial': m0001,
  '0002_daily_totals': m0002,
  '0003_account_removal': m0003,
  '0004_counting': m0004,
  '0005_one_active_account_per_identity': m0005,
  '0006_tier_targets': m0006,
  '0007_reported_windows': m0007,
  '0008_stream_url': m0008,
  '0009_history_gaps': m0009,
  '0010_side_fees': m0010,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...MIGRATIONS }),
};
