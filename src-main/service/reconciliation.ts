import type { AccountReconciliation } from '../../src-shared/schemas.ts';
import { DEFAULT_KINDS } from '../core/instrument.ts';
import { microsToUsd } from '../core/usd.ts';
import type { AccountRecord, Store } from '../store/store.ts';

/** A day counts as mismatched from one cent of difference: below that it is rounding, not missing fills. */
const MISMATCH_MICROS = 10_000n;

/**
 * Our volume beside the exchange's own report (Hyperliquid `userFees` / `portfolio`), per day and
 * all time. A trader trusts the number only if they can see where it comes from, and a gap here is
 * how they learn that history is missing (Hyperliquid serves only the 10,000 most recent fills).
 */
export async function reconcileAccount(store: Store, account: AccountRecord): Promise<AccountReconciliation> {
  const [reported, state, oursAllTime] = await Promise.all([
    store.reportedVolume.get(account.id),
    store.syncState.get(account.id),
    accountAllTimeMicros(store, account),
  ]);
  const reportedDays = [...(reported?.daily ?? [])].sort((a, b) => a.day.localeCompare(b.day));
  const ours = new Map<string, bigint>();
  if (reportedDays.length > 0) {
    const rows = await store.volume.daily(
      { from: reportedDays[0]!.day, to: reportedDays[reportedDays.length - 1]!.day, accountId: account.id, kinds: DEFAULT_KINDS },
      'none',
    );
    for (const row of rows) ours.set(row.day, (ours.get(row.day) ?? 0n) + row.volumeMicros);
  }
  let mismatchedDays = 0;
  const days = reportedDays.map(({ day, volumeMicros }) => {
    const oursMicros = ours.get(day) ?? 0n;
    const difference = oursMicros - BigInt(volumeMicros);
    if (difference >= MISMATCH_MICROS || -difference >= MISMATCH_MICROS) mismatchedDays++;
    return { date: day, oursUsd: microsToUsd(oursMicros), reportedUsd: microsToUsd(volumeMicros), differenceUsd: microsToUsd(difference) };
  });
  return {
    accountId: account.id,
    exchange: account.exchange,
    label: account.label,
    historyLimitedBefore: state?.historyLimitedBefore ? new Date(state.historyLimitedBefore).toISOString() : null,
    reportedAsOf: reported ? new Date(reported.asOf).toISOString() : null,
    oursAllTimeUsd: microsToUsd(oursAllTime),
    reportedAllTimeUsd: reported?.allTimeMicros === null || reported?.allTimeMicros === undefined ? null : microsToUsd(reported.allTimeMicros),
    days,
    mismatchedDays,
  };
}

/** Every day the rollups can hold: a range query over them is a scan of this account's rows only. */
const ALL_DAYS = { from: '2000-01-01', to: '2199-12-31' };

async function accountAllTimeMicros(store: Store, account: AccountRecord): Promise<bigint> {
  const rows = await store.volume.daily({ ...ALL_DAYS, accountId: account.id, kinds: DEFAULT_KINDS }, 'none');
  return rows.reduce((sum, row) => sum + row.volumeMicros, 0n);
}
