/**
 * The account's fee tier as Paradex reports it: GET /v1/account/info gives the effective tier and
 * the volume it is judged on per order classification (`volume_tiers`) and the rates the account
 * pays (`fees`); the public GET /v1/system/volume-tiers gives each classification's ladder.
 *
 * Two points the docs leave open, read so that either reading works:
 * - which classification is the account's: the one whose ladder holds the rate the account pays,
 *   else Pro when the account pays a taker fee (Retail trades free), else Retail;
 * - the keys of `fee_rates` ("map from string to string"): a key naming taker or maker, preferring
 *   one that names perps, is taken as the perp rate; none → the rate stays unknown (null).
 */
import { PerpvolError } from '../../core/errors.ts';
import { isDecimalString, usdToBigMicros, usdToMicros } from '../../core/usd.ts';
import type { FeeTierFacts, FeeTierStep } from '../kit/connector.ts';
import { fetchAccountInfo } from './account-info.ts';
import type { ParadexClient } from './client.ts';
import { PRO_KIND, RETAIL_KIND } from './constants.ts';
import { fetchVolumeTierTable, windowDaysOf, type VolumeTierRow } from './volume-tier-table.ts';

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

/** One classification's ladder, lowest first; rows without a kind, a name or a minimum volume are skipped. */
function ladderOf(rows: readonly VolumeTierRow[], kind: string): FeeTierStep[] {
  return rows
    .flatMap((row) => (row.kind?.toLowerCase() === kind.toLowerCase() && row.tier_name && row.min_volume ? [{ ...row, tier_name: row.tier_name, min_volume: row.min_volume }] : []))
    .sort((a, b) => (a.sort_order ?? 0) - (b.sort_order ?? 0) || usdToMicros(a.min_volume) - usdToMicros(b.min_volume))
    .map((row) => ({ name: row.tier_name, volumeMicros: usdToMicros(row.min_volume), takerRate: rateFrom(row.fee_rates, 'taker'), makerRate: rateFrom(row.fee_rates, 'maker') }));
}

function chooseKind(kinds: string[], rows: readonly VolumeTierRow[], takerRate: number | null): string | null {
  if (kinds.length === 0) return null;
  const byRate = kinds.find((kind) => takerRate !== null && ladderOf(rows, kind).some((step) => step.takerRate === takerRate));
  if (byRate) return byRate;
  const named = (wanted: string) => kinds.find((kind) => kind.toLowerCase() === wanted);
  if (takerRate !== null && takerRate > 0) return named(PRO_KIND) ?? kinds[0]!;
  return named(RETAIL_KIND) ?? kinds[0]!;
}

/** `expectedAccount`: the account the credential speaks for, when known (account-info.ts picks its entry). */
export async function fetchParadexFeeTiers(client: ParadexClient, expectedAccount: string | null, signal: AbortSignal): Promise<FeeTierFacts> {
  const [own, tiers] = await Promise.all([
    fetchAccountInfo(client, signal, expectedAccount),
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
