/**
 * The account's fee tier and its own volume figure (docs/fee-tiers.md): GET /v1/account/info `volume_tiers` (per
 * order classification, "retail" or "pro") and `fees`; the public GET /v1/system/volume-tiers, each classification's
 * ladder and window. Two points the docs leave open, read so that either reading works:
 * - which classification is the account's: the one whose ladder holds the rate the account pays,
 *   else Pro when the account pays a taker fee (Retail trades free), else Retail;
 * - the keys of `fee_rates` ("map from string to string"): a key naming taker or maker, preferring
 *   one that names perps, is taken as the perp rate; none → the rate stays unknown (null).
 */
import { PerpvolError } from '../../core/errors.ts';
import { isDecimalString, usdToBigMicros, usdToMicros } from '../../core/usd.ts';
import type { FeeTierFacts, FeeTierStep, ReportedVolume, ReportedWindowVolume } from '../kit/connector.ts';
import type { ParadexClient } from './account-client.ts';
import { fetchAccountInfo } from './credential.ts';
import { PARADEX_LABEL } from './errors.ts';
import { volumeTiersSchema } from './schemas.ts';

/** Fee tiers count "14D volume" (https://docs.paradex.trade/trading/trading-fees); stands in when the tier table's window cannot be read. */
export const FEE_TIER_WINDOW_DAYS = 14;

type VolumeTierRow = ReturnType<typeof volumeTiersSchema.parse>['results'][number];

/** The table's rows; throws a PerpvolError when it cannot be read (callers decide what stands in). */
async function fetchVolumeTierTable(client: ParadexClient, signal: AbortSignal): Promise<VolumeTierRow[]> {
  return (await client.get('/system/volume-tiers', [], volumeTiersSchema, 'the fee tier table', signal, 'public')).results;
}

/** "14d" → 14, "336h" → 14, "2w" → 14; null for anything else (the documented window then stands). */
export function parseWindowDays(duration: string | null | undefined): number | null {
  const match = /^\s*(\d+)\s*([dhw])\s*$/i.exec(duration ?? '');
  if (!match) return null;
  const amount = Number(match[1]);
  const unit = match[2]!.toLowerCase();
  const days = unit === 'd' ? amount : unit === 'w' ? amount * 7 : amount / 24;
  return Number.isInteger(days) && days > 0 ? days : null;
}

const sameKind = (row: VolumeTierRow, kind: string): boolean => row.kind?.toLowerCase() === kind.toLowerCase();

/** The window of one classification's tiers, from the first of its rows that states one. */
function windowDaysOf(rows: readonly VolumeTierRow[], kind: string): number | null {
  return rows.map((row) => (sameKind(row, kind) ? parseWindowDays(row.min_volume_duration) : null)).find((days) => days !== null) ?? null;
}

/** The perp taker or maker rate among `fee_rates`, whatever its key is called. */
export function rateFrom(feeRates: Record<string, string> | null | undefined, side: 'taker' | 'maker'): number | null {
  if (!feeRates) return null;
  const candidates = Object.entries(feeRates).filter(([key, value]) => key.toLowerCase().includes(side) && isDecimalString(value));
  const rank = ([key]: [string, string]) => {
    const k = key.toLowerCase();
    if (/option|spot/.test(k)) return 2; // another product's rate
    return k.includes('perp') ? 0 : 1;
  };
  const best = candidates.sort((a, b) => rank(a) - rank(b))[0];
  return best && rank(best) < 2 ? Number(best[1]) : null;
}

/** One classification's ladder, lowest first; rows without a name or a minimum volume are skipped. */
function ladderOf(rows: readonly VolumeTierRow[], kind: string): FeeTierStep[] {
  return rows
    .flatMap((row) => (sameKind(row, kind) && row.tier_name && row.min_volume ? [{ ...row, tier_name: row.tier_name, min_volume: row.min_volume }] : []))
    .sort((a, b) => (a.sort_order ?? 0) - (b.sort_order ?? 0) || usdToMicros(a.min_volume) - usdToMicros(b.min_volume))
    .map((row) => ({ name: row.tier_name, volumeMicros: usdToMicros(row.min_volume), takerRate: rateFrom(row.fee_rates, 'taker'), makerRate: rateFrom(row.fee_rates, 'maker') }));
}

/** Order classifications with their own ladders: Pro (API orders) pays fees, Retail (UI) trades free. */
function chooseKind(kinds: string[], rows: readonly VolumeTierRow[], takerRate: number | null): string | null {
  if (kinds.length === 0) return null;
  const byRate = kinds.find((kind) => takerRate !== null && ladderOf(rows, kind).some((step) => step.takerRate === takerRate));
  if (byRate) return byRate;
  const named = (wanted: string) => kinds.find((kind) => kind.toLowerCase() === wanted);
  if (takerRate !== null && takerRate > 0) return named('pro') ?? kinds[0]!;
  return named('retail') ?? kinds[0]!;
}

export async function fetchParadexFeeTiers(client: ParadexClient, signal: AbortSignal): Promise<FeeTierFacts> {
  const [own, tiers] = await Promise.all([
    fetchAccountInfo(client, signal),
    // The ladder is a nicety: without it the tier table supplies the next tier.
    fetchVolumeTierTable(client, signal).catch((error: unknown) => {
      if (error instanceof PerpvolError && error.kind !== 'internal') return [] as VolumeTierRow[];
      throw error;
    }),
  ]);
  const takerRate = own?.fees?.taker_rate ? Number(own.fees.taker_rate) : null;
  const makerRate = own?.fees?.maker_rate ? Number(own.fees.maker_rate) : null;
  const volumeTiers = own?.volume_tiers ?? {};
  const tableKinds = [...new Set(tiers.flatMap((row) => (row.kind ? [row.kind] : [])))];
  const kind = chooseKind(Object.keys(volumeTiers), tiers, takerRate) ?? chooseKind(tableKinds, tiers, takerRate);
  const mine = kind ? volumeTiers[kind] : undefined;
  const ladder = kind ? ladderOf(tiers, kind) : [];
  return {
    tierName: mine?.tier ?? null,
    takerRate,
    makerRate,
    ladder: ladder.length > 0 ? ladder : null,
    reportedVolumeMicros: mine?.volume ? usdToBigMicros(mine.volume) : null,
    windowDays: kind ? windowDaysOf(tiers, kind) : null,
  };
}

/** Paradex's own volume figure(s), kept beside ours; where the account has neither spot nor sub-accounts the two agree. */
export async function paradexReportedVolume(client: ParadexClient, signal: AbortSignal): Promise<ReportedVolume | null> {
  const asOf = client.clock();
  const info = await fetchAccountInfo(client, signal);
  const kinds = Object.entries(info?.volume_tiers ?? {}).flatMap(([kind, entry]) =>
    entry.volume ? [{ kind, tier: entry.tier ?? null, volumeMicros: usdToBigMicros(entry.volume) }] : [],
  );
  if (kinds.length === 0) return null;
  // The documented 14 days stand in where the table cannot be read: the figure itself is what matters.
  const rows = await fetchVolumeTierTable(client, signal).catch(() => [] as VolumeTierRow[]);

  // Profiles usually report the same volume over the same window: one figure, every tier named.
  const groups = new Map<string, { days: number; volumeMicros: bigint; tiers: string[]; kinds: string[] }>();
  for (const { kind, tier, volumeMicros } of kinds) {
    // The table's classifications are matched by their exact names here.
    const days = (rows.some((row) => row.kind === kind) ? windowDaysOf(rows, kind) : null) ?? FEE_TIER_WINDOW_DAYS;
    const id = `${days}:${volumeMicros}`;
    const group = groups.get(id) ?? { days, volumeMicros, tiers: [], kinds: [] };
    group.kinds.push(kind);
    if (tier) group.tiers.push(`${kind}: ${tier}`);
    groups.set(id, group);
  }
  const windows: ReportedWindowVolume[] = [...groups.values()].map((group) => ({
    key: groups.size === 1 ? `fee_tier_${group.days}d` : `fee_tier_${group.days}d_${group.kinds.join('_')}`,
    label:
      `${PARADEX_LABEL}'s own ${group.days}-day volume for its fee tiers (${group.tiers.length > 0 ? group.tiers.join(', ') : group.kinds.join(', ')}): ` +
      'it counts spot as well as perps, and the main account together with all its sub-accounts',
    days: group.days,
    volumeMicros: group.volumeMicros,
    tier: group.tiers.length > 0 ? group.tiers.join(', ') : null,
  }));
  return { daily: [], allTimeMicros: null, windows, asOf };
}
