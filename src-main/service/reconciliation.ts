import type { AccountReconciliation } from '../../src-shared/schemas.ts';
import { addDays, utcDay } from '../core/days.ts';
import type { HistoryGap } from '../core/history-gap.ts';
import { gapFigures } from '../sync/history-gap-note.ts';
import { DEFAULT_KINDS } from '../core/instrument.ts';
import { microsToUsd } from '../core/usd.ts';
import type { AccountRecord, ReportedVolumeRecord, Store } from '../store/store.ts';

/** A day counts as mismatched from one cent of difference: below that it is rounding, not missing fills. */
const MISMATCH_MICROS = 10_000n;

/**
 * Our volume beside the exchange's own report (Hyperliquid `userFees` / `portfolio`), per day and
 * all time, and over the windows an exchange reports (Paradex's 14-day fee-tier volume). A trader
 * trusts the number only if they can see where it comes from, and a gap here is how they learn that
 * history is missing (Hyperliquid serves only the 10,000 most recent fills).
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
  const historyGaps = await reconcileGaps(store, account, state?.historyGaps ?? [], reported);
  let mismatchedDays = 0;
  const days = reportedDays.map(({ day, volumeMicros }) => {
    const oursMicros = ours.get(day) ?? 0n;
    const difference = oursMicros - volumeMicros;
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
    reportedDailyLabel: reported?.dailyLabel ?? null,
    days,
    historyGaps,
    mismatchedDays,
    reportedWindows: await reconcileWindows(store, account, reported),
  };
}

/**
 * Each window figure beside our sum over the same UTC days: the `days` days that end on the day
 * the exchange reported. The exchange's label says what its figure counts; ours says ours.
 */
async function reconcileWindows(
  store: Store,
  account: AccountRecord,
  reported: ReportedVolumeRecord | null,
): Promise<AccountReconciliation['reportedWindows']> {
  if (!reported || reported.windows.length === 0) return [];
  const to = utcDay(reported.asOf);
  return Promise.all(
    reported.windows.map(async (window) => {
      const from = addDays(to, -(window.days - 1));
      // Paradex lists perpetuals only (and options, which are never volume): the same kinds as ours
      const rows = await store.volume.daily({ from, to, accountId: account.id, kinds: DEFAULT_KINDS }, 'none');
      const oursMicros = rows.reduce((sum, row) => sum + row.volumeMicros, 0n);
      return {
        key: window.key,
        label: window.label,
        oursLabel: `Perpvol: this account's perpetual-futures volume over the same ${window.days} UTC days, ${from} to ${to}`,
        days: window.days,
        from,
        to,
        tier: window.tier,
        reportedUsd: microsToUsd(window.volumeMicros),
        oursUsd: microsToUsd(oursMicros),
        differenceUsd: microsToUsd(oursMicros - window.volumeMicros),
      };
    }),
  );
}

/** Each history gap beside the exchange's own figure for the UTC days it touches and ours over them. */
async function reconcileGaps(
  store: Store,
  account: AccountRecord,
  gaps: readonly HistoryGap[],
  reported: ReportedVolumeRecord | null,
): Promise<AccountReconciliation['historyGaps']> {
  return Promise.all(
    gaps.map(async (gap) => {
      const figures = await gapFigures(store, account.id, gap, reported);
      return {
        from: new Date(gap.from).toISOString(),
        to: new Date(gap.to).toISOString(),
        fromDay: utcDay(gap.from),
        toDay: utcDay(gap.to),
        reportedUsd: figures.reportedMicros === null ? null : microsToUsd(figures.reportedMicros),
        oursUsd: microsToUsd(figures.oursMicros),
      };
    }),
  );
}

/** Every day the rollups can hold: a range query over them is a scan of this account's rows only. */
const ALL_DAYS = { from: '2000-01-01', to: '2199-12-31' };

async function accountAllTimeMicros(store: Store, account: AccountRecord): Promise<bigint> {
  const rows = await store.volume.daily({ ...ALL_DAYS, accountId: account.id, kinds: DEFAULT_KINDS }, 'none');
  return rows.reduce((sum, row) => sum + row.volumeMicros, 0n);
}
