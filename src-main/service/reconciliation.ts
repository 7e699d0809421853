import type { AccountReconciliation } from '../../src-shared/schemas.ts';
import { addDays, utcDay } from '../core/days.ts';
import type { HistoryGap } from '../core/history-gap.ts';
import type { SelfCheck } from '../connectors/kit/exchange-descriptor.ts';
import { exchanges as appExchanges, type ExchangeRegistry } from '../connectors/registry.ts';
import { gapFigures } from '../sync/history-gap-note.ts';
import { oursByDay, oursOver } from '../sync/self-check-note.ts';
import { DEFAULT_KINDS } from '../core/instrument.ts';
import { microsToUsd } from '../core/usd.ts';
import type { AccountRecord, ReportedVolumeRecord, Store } from '../store/store.ts';

/**
 * How ours is summed beside an exchange's figures: its descriptor's self-check (the kinds its
 * figures count of ours, and the difference that is rounding, not fills) — the same rule the sync
 * engine's check and the history-gap note use. An exchange that declares none: perpetuals, a cent.
 */
function comparisonOf(registry: ExchangeRegistry, account: AccountRecord): Pick<SelfCheck, 'kinds' | 'toleranceMicros'> {
  return registry.find(account.exchange)?.selfCheck ?? { kinds: DEFAULT_KINDS, toleranceMicros: 10_000n };
}

/**
 * Our volume beside the exchange's own report (Hyperliquid `userFees` / `portfolio`), per day and
 * all time, and over the windows an exchange reports (Paradex's 14-day fee-tier volume). A trader
 * trusts the number only if they can see where it comes from, and a gap here is how they learn that
 * history is missing (Hyperliquid serves only the 10,000 most recent fills).
 */
export async function reconcileAccount(store: Store, account: AccountRecord, registry: ExchangeRegistry = appExchanges): Promise<AccountReconciliation> {
  const check = comparisonOf(registry, account);
  const [reported, state, oursAllTime] = await Promise.all([
    store.reportedVolume.get(account.id),
    store.syncState.get(account.id),
    oursOver(store, account.id, check, ALL_DAYS.from, ALL_DAYS.to),
  ]);
  const reportedDays = [...(reported?.daily ?? [])].sort((a, b) => a.day.localeCompare(b.day));
  const ours =
    reportedDays.length > 0 ? await oursByDay(store, account.id, check, reportedDays[0]!.day, reportedDays[reportedDays.length - 1]!.day) : new Map<string, bigint>();
  const historyGaps = await reconcileGaps(store, account, state?.historyGaps ?? [], reported, check);
  let mismatchedDays = 0;
  const days = reportedDays.map(({ day, volumeMicros }) => {
    const oursMicros = ours.get(day) ?? 0n;
    const difference = oursMicros - volumeMicros;
    if (difference >= check.toleranceMicros || -difference >= check.toleranceMicros) mismatchedDays++;
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
    reportedWindows: await reconcileWindows(store, account, reported, check),
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
  check: Pick<SelfCheck, 'kinds'>,
): Promise<AccountReconciliation['reportedWindows']> {
  if (!reported || reported.windows.length === 0) return [];
  const to = utcDay(reported.asOf);
  return Promise.all(
    reported.windows.map(async (window) => {
      const from = addDays(to, -(window.days - 1));
      const oursMicros = await oursOver(store, account.id, check, from, to);
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
  check: Pick<SelfCheck, 'kinds'>,
): Promise<AccountReconciliation['historyGaps']> {
  return Promise.all(
    gaps.map(async (gap) => {
      const figures = await gapFigures(store, account.id, gap, reported, check.kinds);
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
