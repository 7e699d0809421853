/**
 * Paradex's own volume figure, kept beside ours: GET /v1/account/info `volume_tiers` gives, per
 * trader profile ("retail", "pro"), the account's tier and its "traded volume for the tier's
 * duration window" (API spec responses.VolumeTierKindInfo). GET /v1/system/volume-tiers states that
 * window per profile (`min_volume_duration`, "14d"). The fee pages say what the figure counts:
 * "14D volume … across your main account and subaccount(s)", spot and perps together
 * (https://docs.paradex.trade/trading/trading-fees). So it is not a perps-only, one-account number
 * like ours, and the label says so; where the account has neither spot trades nor sub-accounts the
 * two should agree.
 */
import { usdToBigMicros } from '../../core/usd.ts';
import type { ReportedVolume, ReportedWindowVolume } from '../kit/connector.ts';
import { fetchAccountInfo } from './account-info.ts';
import type { ParadexClient } from './client.ts';
import { FEE_TIER_WINDOW_DAYS, PARADEX_LABEL } from './constants.ts';
import { fetchVolumeTierTable, windowDaysOf } from './volume-tier-table.ts';

/** Profile kind → window in days, from the public tier table; empty when it cannot be read. */
async function windowDaysByKind(client: ParadexClient, signal: AbortSignal): Promise<Map<string, number>> {
  try {
    const rows = await fetchVolumeTierTable(client, signal);
    const byKind = new Map<string, number>();
    for (const kind of new Set(rows.flatMap((row) => (row.kind ? [row.kind] : [])))) {
      const days = windowDaysOf(rows, kind);
      if (days !== null) byKind.set(kind, days);
    }
    return byKind;
  } catch {
    // The documented 14 days stand in; the figure itself is what matters.
    return new Map();
  }
}

function windowLabel(days: number, tiers: string): string {
  return (
    `${PARADEX_LABEL}'s own ${days}-day volume for its fee tiers (${tiers}): it counts spot as well as perps, ` +
    'and the main account together with all its sub-accounts'
  );
}

export async function paradexReportedVolume(
  client: ParadexClient,
  expectedAccount: string | null,
  now: number,
  signal: AbortSignal,
): Promise<ReportedVolume | null> {
  const info = await fetchAccountInfo(client, signal, expectedAccount);
  const kinds = Object.entries(info?.volume_tiers ?? {}).flatMap(([kind, entry]) =>
    entry.volume ? [{ kind, tier: entry.tier ?? null, volumeMicros: usdToBigMicros(entry.volume) }] : [],
  );
  if (kinds.length === 0) return null;
  const daysByKind = await windowDaysByKind(client, signal);

  // Profiles usually report the same volume over the same window: one figure, every tier named.
  const groups = new Map<string, { days: number; volumeMicros: bigint; tiers: string[]; kinds: string[] }>();
  for (const { kind, tier, volumeMicros } of kinds) {
    const days = daysByKind.get(kind) ?? FEE_TIER_WINDOW_DAYS;
    const id = `${days}:${volumeMicros}`;
    const group = groups.get(id) ?? { days, volumeMicros, tiers: [], kinds: [] };
    group.kinds.push(kind);
    if (tier) group.tiers.push(`${kind}: ${tier}`);
    groups.set(id, group);
  }
  const windows: ReportedWindowVolume[] = [...groups.values()].map((group) => ({
    key: groups.size === 1 ? `fee_tier_${group.days}d` : `fee_tier_${group.days}d_${group.kinds.join('_')}`,
    label: windowLabel(group.days, group.tiers.length > 0 ? group.tiers.join(', ') : group.kinds.join(', ')),
    days: group.days,
    volumeMicros: group.volumeMicros,
    tier: group.tiers.length > 0 ? group.tiers.join(', ') : null,
  }));
  return { daily: [], allTimeMicros: null, windows, asOf: now };
}
