/**
 * GET /v1/account/info and GET /v1/system/volume-tiers as the API spec describes them
 * (tradeparadex/paradex-docs fern/apis/prod_rest/openapi/openapi.json: responses.AccountInfoResponse,
 * responses.Fees, responses.VolumeTierKindInfo, responses.VolumeTierResp):
 *
 *   account/info   → {results: [{account, kind, public_key, parent_account?, username, created_at,
 *                     fees {maker_rate, taker_rate, spot_*, perp_option_*, dated_option_*, …},
 *                     volume_tiers {<profile kind>: {tier, volume}}}]}
 *   volume-tiers   → {results: [{kind ("retail"|"pro"), tier_name, min_volume, min_volume_duration ("14d"),
 *                     nft_min_volume, sort_order, fee_rates}]}
 *
 * Tier ladders: test/sim/fee-tier-ladders.ts (our reading of the fee pages; a test may hand in its
 * own): taker rate by 14-day volume "across main account and all subaccounts", spot and perps
 * together. The simulated account has neither spot fills nor sub-accounts, so its figure is
 * its perp volume over the window — what Perpvol's own sum must equal under the matching reading.
 *
 * Amounts are summed here with BigInt micro-dollars from the simulator's own truth, never with the
 * product's money code.
 */
import { PARADEX_PRO_SIM_LADDER, PARADEX_RETAIL_SIM_LADDER, simTierFor, type SimTier } from '../fee-tier-ladders.ts';
import type { SimTruthDay } from '../simulator.ts';
import { microsText, usdMicros } from '../truth/decimal.ts';
import { DAY_MS, utcDayOf } from '../truth/utc-day.ts';

export type VolumeTierKind = 'retail' | 'pro';

/** The docs say "14D volume" but not which 14 days: two readings, one switch. */
export type VolumeWindowReading = 'utc_days_including_today' | 'completed_utc_days';

export interface AccountInfoBehaviour {
  /** Leave `public_key` out (the connector must then say it cannot tell main key from subkey). */
  hideAccountPublicKey: boolean;
  /** The profile kinds listed in `volume_tiers`. */
  volumeTierKinds: VolumeTierKind[];
  volumeWindow: VolumeWindowReading;
  /** The ladders per classification (default fee-tier-ladders.ts). */
  ladders: Record<VolumeTierKind, SimTier[]>;
  /** Which classification the account trades under: its rates are the account's `fees` (API traders: pro). */
  orderClass: VolumeTierKind;
  /**
   * The keys of `fee_rates`, which the spec leaves as "map from string to string": per product
   * ({perp_taker, perp_maker, spot_…, option_…}), plain {taker, maker}, or {taker_rate, maker_rate}.
   */
  feeRatesKeys: 'perp' | 'plain' | 'suffixed';
  /**
   * The share of the account's volume `volume_tiers` reports (1: all of it, as the docs say).
   * Below 1 the exchange's own figure falls short of the perp fills it serves — more than its
   * definition (spot and sub-accounts added, never taken away) can explain.
   */
  reportedVolumeShare: number;
}

export const SIM_TIER_WINDOW_DAYS = 14;

export const DEFAULT_ACCOUNT_INFO_BEHAVIOUR: AccountInfoBehaviour = {
  hideAccountPublicKey: false,
  volumeTierKinds: ['retail', 'pro'],
  volumeWindow: 'utc_days_including_today',
  ladders: { retail: PARADEX_RETAIL_SIM_LADDER, pro: PARADEX_PRO_SIM_LADDER },
  orderClass: 'pro',
  feeRatesKeys: 'perp',
  reportedVolumeShare: 1,
};

/** The UTC days the simulator's 14-day figure covers, oldest first. */
export function windowDays(nowMs: number, reading: VolumeWindowReading, days = SIM_TIER_WINDOW_DAYS): string[] {
  const lastOffset = reading === 'utc_days_including_today' ? 0 : 1;
  return Array.from({ length: days }, (_, i) => utcDayOf(nowMs - (days - 1 - i + lastOffset) * DAY_MS));
}

export function windowVolumeMicros(truth: Map<string, SimTruthDay>, days: string[]): bigint {
  return days.reduce((sum, day) => sum + BigInt(truth.get(day)?.volumeMicros ?? 0), 0n);
}

function feeRates(tier: SimTier, keys: AccountInfoBehaviour['feeRatesKeys']): Record<string, string> {
  if (keys === 'plain') return { taker: tier.taker, maker: tier.maker };
  if (keys === 'suffixed') return { taker_rate: tier.taker, maker_rate: tier.maker };
  return { perp_taker: tier.taker, perp_maker: tier.maker, spot_taker: tier.taker, spot_maker: tier.maker, option_taker: '0.0001', option_maker: '0.0001' };
}

export interface InfoAccount {
  address: string;
  mainPublicKey: string;
  truth: () => Map<string, SimTruthDay>;
}

export function accountInfoAnswer(account: InfoAccount, nowMs: number, behaviour: AccountInfoBehaviour): unknown {
  const counted = windowVolumeMicros(account.truth(), windowDays(nowMs, behaviour.volumeWindow));
  const volume = behaviour.reportedVolumeShare === 1 ? counted : (counted * BigInt(Math.round(behaviour.reportedVolumeShare * 1_000_000))) / 1_000_000n;
  const volumeTiers = Object.fromEntries(
    behaviour.volumeTierKinds.map((kind) => [kind, { tier: simTierFor(behaviour.ladders[kind], volume).tier.name, volume: microsText(volume) }]),
  );
  const paying = simTierFor(behaviour.ladders[behaviour.orderClass], volume).tier;
  const info: Record<string, unknown> = {
    account: account.address,
    kind: 'main',
    username: '',
    created_at: 1_690_000_000_000,
    derivation_path: '',
    has_ecosystem_nft: false,
    fees: {
      maker_rate: paying.maker,
      taker_rate: paying.taker,
      spot_maker_rate: paying.maker,
      spot_taker_rate: paying.taker,
      perp_option_maker_rate: '0.0001',
      perp_option_taker_rate: '0.0003',
      dated_option_maker_rate: '0.0001',
      dated_option_taker_rate: '0.0003',
      commission_rate: '0',
      discount_rate: '0',
    },
    volume_tiers: volumeTiers,
  };
  if (!behaviour.hideAccountPublicKey) info.public_key = account.mainPublicKey;
  return { results: [info] };
}

/** GET /v1/system/volume-tiers: every tier of both classifications, with the window each is counted over. */
export function volumeTiersAnswer(behaviour: AccountInfoBehaviour): unknown {
  const results = (['retail', 'pro'] as const).flatMap((kind) =>
    behaviour.ladders[kind].map((tier, index) => ({
      kind,
      tier_name: tier.name,
      min_volume: tier.volumeUsd,
      min_volume_duration: `${SIM_TIER_WINDOW_DAYS}d`,
      nft_min_volume: microsText(usdMicros(tier.volumeUsd) / 2n),
      sort_order: index,
      fee_rates: feeRates(tier, behaviour.feeRatesKeys),
    })),
  );
  return { results };
}
