/**
 * What Perpvol reads about a Hyperliquid account besides its fills. The account is an EVM-style
 * address (a main account, sub-account or vault); reading it needs no key, so the address is the
 * whole credential, and checking it is checking that Hyperliquid answers for it: nothing secret is
 * held and nothing can move funds.
 *
 * Hyperliquid's own figures, shown beside Perpvol's sums
 * (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint): userFees'
 * dailyUserVlm for recent days, the portfolio's all-time volume (which still counts fills older
 * than the 10,000 the fills endpoints serve), and the fee tier: userCrossRate/userAddRate are the
 * rates this user pays (after staking and referral discounts). Hyperliquid does not name the tier:
 * Perpvol places the volume on the ladder ("Tier 0" … "Tier 6", the fee page's names).
 */
import { rollingWindow } from '../../core/days.ts';
import { badInput } from '../../core/errors.ts';
import { usdToBigMicros, usdToMicros } from '../../core/usd.ts';
import type { CredentialCheck, FeeTierFacts, ReportedVolume } from '../kit/connector.ts';
import { INFO_WEIGHT, LIGHT_INFO_WEIGHT, type HyperliquidInfoClient } from './client.ts';
import { ClearinghouseStateSchema, PortfolioSchema, UserFeesSchema, type UserFees } from './schemas.ts';

/** The address in lowercase (Hyperliquid's canonical form), or a bad_input error saying what is wrong. */
export function parseAddress(credentials: Record<string, string>): string {
  const address = credentials['address']?.trim() ?? '';
  if (address === '') throw badInput('invalid_address', 'A Hyperliquid account needs its address (0x followed by 40 hex digits).');
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) {
    const shown = address.length > 60 ? `${address.slice(0, 60)}…` : address;
    throw badInput(
      'invalid_address',
      `"${shown}" is not a Hyperliquid address: it must be 0x followed by 40 hex digits (42 characters). ` +
        'Copy the address of the main account, sub-account or vault from app.hyperliquid.xyz.',
    );
  }
  return address.toLowerCase();
}

export async function checkHyperliquidAddress(client: HyperliquidInfoClient, address: string, signal: AbortSignal): Promise<CredentialCheck> {
  // clearinghouseState is among the cheapest info requests and answers for any address.
  const state = await client.info({ type: 'clearinghouseState', user: address }, ClearinghouseStateSchema, LIGHT_INFO_WEIGHT, signal);
  const empty = usdToMicros(state.marginSummary.accountValue) === 0;
  return {
    identity: address,
    canWithdrawOrTransfer: false,
    permissions: { access: 'public read-only (address only, no key)' },
    warnings: empty ? ['This address holds nothing in its Hyperliquid perp account right now. If you trade from a sub-account or a vault, add that address too.'] : [],
  };
}

/**
 * https://hyperliquid.gitbook.io/hyperliquid-docs/trading/fees — the tier is by "14d weighted
 * volume", assessed daily in UTC; the window that ends today includes today (the next assessment reads it).
 */
export const FEE_TIER_WINDOW_DAYS = 14;

/**
 * What `dailyUserVlm` counts (docs/counting.md, "Reconciliation"): the volume Hyperliquid's fee
 * tiers are judged on — spot as well as perps, and for a master account its sub-accounts' volume
 * too. Beside our perp-only sum of this one address it differs whenever the user trades spot or
 * has sub-accounts, which is expected, not missing fills.
 */
export const DAILY_USER_VOLUME_LABEL = 'Hyperliquid fee-tier volume (includes spot and sub-accounts)';

const userFees = (client: HyperliquidInfoClient, address: string, signal: AbortSignal) =>
  client.info({ type: 'userFees', user: address }, UserFeesSchema, INFO_WEIGHT, signal);

export async function fetchReportedVolume(client: HyperliquidInfoClient, address: string, signal: AbortSignal, now: number): Promise<ReportedVolume> {
  const [fees, portfolio] = await Promise.all([
    userFees(client, address, signal),
    client.info({ type: 'portfolio', user: address }, PortfolioSchema, INFO_WEIGHT, signal),
  ]);
  // Perpvol counts perps only, so the perp-only all-time window is the comparable one when offered.
  const windows = new Map(portfolio);
  const allTime = windows.get('perpAllTime') ?? windows.get('allTime');
  return { daily: dailyUserVolume(fees), dailyLabel: DAILY_USER_VOLUME_LABEL, allTimeMicros: allTime ? usdToBigMicros(allTime.vlm) : null, asOf: now };
}

/** userFees.dailyUserVlm as UTC days ("2025-5-3" → "2025-05-03") of taker + maker volume, in exact micro-dollars. */
function dailyUserVolume(fees: UserFees): { day: string; volumeMicros: bigint; makerMicros: bigint; takerMicros: bigint }[] {
  return fees.dailyUserVlm.map((entry) => {
    const [year, month, day] = entry.date.split('-');
    const takerMicros = usdToBigMicros(entry.userCross);
    const makerMicros = usdToBigMicros(entry.userAdd);
    return { day: `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`, volumeMicros: takerMicros + makerMicros, makerMicros, takerMicros };
  });
}

export async function fetchHyperliquidFeeTiers(client: HyperliquidInfoClient, address: string, signal: AbortSignal, now: number): Promise<FeeTierFacts> {
  const fees = await userFees(client, address, signal);
  const schedule = fees.feeSchedule;
  // The volume its tier is judged on: the days of the 14-day window ending today, as the exchange counts them.
  const { from, to } = rollingWindow(FEE_TIER_WINDOW_DAYS, now);
  const window = dailyUserVolume(fees).filter(({ day }) => day >= from && day <= to);
  return {
    tierName: null,
    takerRate: fees.userCrossRate === undefined ? null : Number(fees.userCrossRate),
    makerRate: fees.userAddRate === undefined ? null : Number(fees.userAddRate),
    ladder: schedule
      ? [
          { name: 'Tier 0', volumeMicros: 0, takerRate: Number(schedule.cross), makerRate: Number(schedule.add) },
          ...schedule.tiers.vip.map((tier, index) => ({ name: `Tier ${index + 1}`, volumeMicros: usdToMicros(tier.ntlCutoff), takerRate: Number(tier.cross), makerRate: Number(tier.add) })),
        ]
      : null,
    reportedVolumeMicros: fees.dailyUserVlm.length === 0 ? null : window.reduce((sum, { volumeMicros }) => sum + volumeMicros, 0n),
    windowDays: null,
  };
}
