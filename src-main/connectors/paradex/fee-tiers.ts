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
import { isDecimalString, usdToMicros } from '../../core/usd.ts';
import type { FeeTierFacts, FeeTierStep } from '../connector.ts';
import type { ParadexClient } from './client.ts';
import { ACCOUNT_INFO_PATH, PRO_KIND, RETAIL_KIND, VOLUME_TIERS_PATH } from './constants.ts';
import { accountInfoSchema, parseAnswer, volumeTiersSchema } from './schemas.ts';

type VolumeTierRow = { kind: string; tier_name: string; min_volume: string; min_volume_duration?: string | null | undefined; sort_order?: number | null | undefined; fee_rates?: Record<string, string> | null | undefined };

function sameFelt(a: string | null | undefined, b: string): boolean {
  if (!a) return false;
  try {
    return BigInt(a) === BigInt(b);
  } catch {
    return false;
  }
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

/** "14d" → 14; anything else → null (the documented window is used). */
export function durationDays(text: string | null | undefined): number | null {
  const match = /^\s*(\d+)\s*d\s*$/i.exec(text ?? '');
  return match ? Number(match[1]) : null;
}

function ladderOf(rows: VolumeTierRow[], kind: string): FeeTierStep[] {
  return rows
    .filter((row) => row.kind.toLowerCase() === kind.toLowerCase())
    .sort((a, b) => (a.sort_order ?? 0) - (b.sort_order ?? 0) || usdToMicros(a.min_volume) - usdToMicros(b.min_volume))
    .map((row) => ({ name: row.tier_name, volumeMicros: usdToMicros(row.min_volume), takerRate: rateFrom(row.fee_rates, 'taker'), makerRate: rateFrom(row.fee_rates, 'maker') }));
}

function chooseKind(kinds: string[], rows: VolumeTierRow[], takerRate: number | null): string | null {
  if (kinds.length === 0) return null;
  const byRate = kinds.find((kind) => takerRate !== null && ladderOf(rows, kind).some((step) => step.takerRate === takerRate));
  if (byRate) return byRate;
  const named = (wanted: string) => kinds.find((kind) => kind.toLowerCase() === wanted);
  if (takerRate !== null && takerRate > 0) return named(PRO_KIND) ?? kinds[0]!;
  return named(RETAIL_KIND) ?? kinds[0]!;
}

export async function fetchParadexFeeTiers(client: ParadexClient, signal: AbortSignal): Promise<FeeTierFacts> {
  const [info, tiers] = await Promise.all([
    client.privateGet(ACCOUNT_INFO_PATH, [], signal).then((answer) => parseAnswer(accountInfoSchema, answer, 'account info')),
    // The ladder is a nicety: without it the tier table supplies the next tier.
    client.publicGet(VOLUME_TIERS_PATH, [], signal).then(
      (answer) => parseAnswer(volumeTiersSchema, answer, 'volume tiers').results,
      (error: unknown) => {
        if (error instanceof PerpvolError && error.kind !== 'internal') return [] as VolumeTierRow[];
        throw error;
      },
    ),
  ]);
  const own = info.results.find((entry) => sameFelt(entry.account, client.account)) ?? info.results[0];
  const takerRate = own?.fees?.taker_rate ? Number(own.fees.taker_rate) : null;
  const makerRate = own?.fees?.maker_rate ? Number(own.fees.maker_rate) : null;
  const volumeTiers = own?.volume_tiers ?? {};
  const kind = chooseKind(Object.keys(volumeTiers), tiers, takerRate) ?? chooseKind([...new Set(tiers.map((row) => row.kind))], tiers, takerRate);
  const mine = kind ? volumeTiers[kind] : undefined;
  const ladder = kind ? ladderOf(tiers, kind) : [];
  const windowRow = tiers.find((row) => kind !== null && row.kind.toLowerCase() === kind.toLowerCase() && durationDays(row.min_volume_duration) !== null);
  return {
    tierName: mine?.tier ?? null,
    takerRate,
    makerRate,
    ladder: ladder.length > 0 ? ladder : null,
    reportedVolumeMicros: mine?.volume ? usdToMicros(mine.volume) : null,
    windowDays: durationDays(windowRow?.min_volume_duration),
  };
}
