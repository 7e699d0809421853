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
 * Tier tables from the fee pages (fern/pages/trading/trading-fees.mdx for Pro, trading-fees-v2.mdx
 * for Retail): taker rate by 14-day volume "across main account and all subaccounts", spot and
 * perps together. The simulated account has neither spot fills nor sub-accounts, so its figure is
 * its perp volume over the window — what Perpvol's own sum must equal under the matching reading.
 *
 * Amounts are summed here with BigInt micro-dollars from the simulator's own truth, never with the
 * product's money code.
 */
import type { SimTruthDay } from '../simulator.ts';

export type VolumeTierKind = 'retail' | 'pro';

/** The docs say "14D volume" but not which 14 days: two readings, one switch. */
export type VolumeWindowReading = 'utc_days_including_today' | 'completed_utc_days';

export interface AccountInfoBehaviour {
  /** Leave `public_key` out (the connector must then say it cannot tell main key from subkey). */
  hideAccountPublicKey: boolean;
  /** The profile kinds listed in `volume_tiers`; the first one sets `fees`. */
  volumeTierKinds: VolumeTierKind[];
  volumeWindow: VolumeWindowReading;
}

export const SIM_TIER_WINDOW_DAYS = 14;
const MS_PER_DAY = 86_400_000;
const MICROS = 1_000_000n;

interface TierRow {
  name: string;
  minVolumeUsd: bigint;
  takerRate: string;
  makerRate: string;
}

const TIER_TABLES: Record<VolumeTierKind, TierRow[]> = {
  retail: [
    { name: 'VIP 0', minVolumeUsd: 0n, takerRate: '0.00024', makerRate: '0' },
    { name: 'VIP 1', minVolumeUsd: 100_000n, takerRate: '0.0002', makerRate: '0' },
    { name: 'VIP 2', minVolumeUsd: 500_000n, takerRate: '0.00018', makerRate: '0' },
    { name: 'VIP 3', minVolumeUsd: 1_000_000n, takerRate: '0.00016', makerRate: '0' },
    { name: 'VIP 4', minVolumeUsd: 5_000_000n, takerRate: '0.00014', makerRate: '0' },
    { name: 'VIP 5', minVolumeUsd: 10_000_000n, takerRate: '0.00012', makerRate: '0' },
    { name: 'VIP 6', minVolumeUsd: 50_000_000n, takerRate: '0.0001', makerRate: '0' },
  ],
  pro: [
    { name: 'Pro 0', minVolumeUsd: 0n, takerRate: '0.00045', makerRate: '0.00003' },
    { name: 'Pro 1', minVolumeUsd: 1_000_000n, takerRate: '0.00042', makerRate: '0.00003' },
    { name: 'Pro 2', minVolumeUsd: 5_000_000n, takerRate: '0.00039', makerRate: '0.00003' },
    { name: 'Pro 3', minVolumeUsd: 10_000_000n, takerRate: '0.00037', makerRate: '0.00003' },
    { name: 'Pro 4', minVolumeUsd: 25_000_000n, takerRate: '0.00035', makerRate: '0.00003' },
  ],
};

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The UTC days the simulator's 14-day figure covers, oldest first. */
export function windowDays(nowMs: number, reading: VolumeWindowReading, days = SIM_TIER_WINDOW_DAYS): string[] {
  const lastOffset = reading === 'utc_days_including_today' ? 0 : 1;
  return Array.from({ length: days }, (_, i) => isoDay(nowMs - (days - 1 - i + lastOffset) * MS_PER_DAY));
}

/** Micro-dollars as the API prints amounts: a plain decimal string. */
function microsText(micros: bigint): string {
  const negative = micros < 0n;
  const abs = negative ? -micros : micros;
  const fraction = (abs % MICROS).toString().padStart(6, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${abs / MICROS}${fraction ? `.${fraction}` : ''}`;
}

export function windowVolumeMicros(truth: Map<string, SimTruthDay>, days: string[]): bigint {
  return days.reduce((sum, day) => sum + BigInt(truth.get(day)?.volumeMicros ?? 0), 0n);
}

function tierFor(kind: VolumeTierKind, volumeMicros: bigint): TierRow {
  const rows = TIER_TABLES[kind];
  return [...rows].reverse().find((row) => volumeMicros >= row.minVolumeUsd * MICROS) ?? rows[0]!;
}

export interface InfoAccount {
  address: string;
  mainPublicKey: string;
  truth: () => Map<string, SimTruthDay>;
}

export function accountInfoAnswer(account: InfoAccount, nowMs: number, behaviour: AccountInfoBehaviour): unknown {
  const volume = windowVolumeMicros(account.truth(), windowDays(nowMs, behaviour.volumeWindow));
  const volumeTiers = Object.fromEntries(
    behaviour.volumeTierKinds.map((kind) => [kind, { tier: tierFor(kind, volume).name, volume: microsText(volume) }]),
  );
  const profile = tierFor(behaviour.volumeTierKinds[0] ?? 'retail', volume);
  const info: Record<string, unknown> = {
    account: account.address,
    kind: 'main',
    username: '',
    created_at: 1_690_000_000_000,
    derivation_path: '',
    has_ecosystem_nft: false,
    fees: {
      maker_rate: profile.makerRate,
      taker_rate: profile.takerRate,
      spot_maker_rate: profile.makerRate,
      spot_taker_rate: profile.takerRate,
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

/** GET /v1/system/volume-tiers: every tier of both profiles, with the window each is counted over. */
export function volumeTiersAnswer(): unknown {
  const results = (Object.keys(TIER_TABLES) as VolumeTierKind[]).flatMap((kind) =>
    TIER_TABLES[kind].map((row, index) => ({
      kind,
      tier_name: row.name,
      min_volume: row.minVolumeUsd.toString(),
      min_volume_duration: `${SIM_TIER_WINDOW_DAYS}d`,
      nft_min_volume: row.minVolumeUsd.toString(),
      sort_order: index,
      fee_rates: { maker_rate: row.makerRate, taker_rate: row.takerRate },
    })),
  );
  return { results };
}
