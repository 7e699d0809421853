/**
 * One CostRow (docs/costs.md) from exact sums: volumes and fees as USD, ratios computed from the
 * exact sums, and — for a row of one exchange — the comparison with the tier you are at now, what
 * each higher tier would have saved and what chasing it costs. Pure.
 */
import type { CostRow, NextTierCost } from '../../../src-shared/cost-schemas.ts';
import type { ExchangeId } from '../../core/exchange.ts';
import { costAtRate, exactRatio } from '../../core/fee-math.ts';
import type { TierStep } from '../../core/tier-standing.ts';
import { microsToUsd } from '../../core/usd.ts';
import type { ExchangePlacement } from '../tiers/tier-standing-service.ts';
import { unpricedList, type CostSums } from './cost-sums.ts';

const MILLION = 1_000_000n;
/**
 * A gap between what you paid and your tier's rates within this is rounding, not a finding: one
 * cent, plus a hundredth of a cent per fill (exchanges round each fill's fee; Perpvol values a
 * fee to the micro-dollar).
 */
export const GAP_TOLERANCE_MICROS = 10_000n;
export const GAP_TOLERANCE_PER_FILL_MICROS = 100n;

export interface RowIdentity {
  key: string;
  label: string;
  exchange: ExchangeId | null;
  accountId: string | null;
  date: string | null;
}

/** What the tier comparison of one exchange's row needs beside its sums. */
export interface TierComparison {
  standing: ExchangePlacement;
  /** The exchange's name in the notes, as its registry labels it. */
  exchangeLabel: string;
  /** Days in the range with fills on which your window volume put you at another tier than now: tier name → days. */
  otherTierDays: Map<string, number>;
}

const usd = (micros: bigint): number => microsToUsd(micros);
const abs = (value: bigint): bigint => (value < 0n ? -value : value);

/** The cost of the row's maker and taker volume at a pair of rates; null when a side with volume has no rate. */
function costAt(sums: CostSums, makerRate: number | null, takerRate: number | null): bigint | null {
  if ((sums.maker !== 0n && makerRate === null) || (sums.taker !== 0n && takerRate === null)) return null;
  return (makerRate === null ? 0n : costAtRate(sums.maker, makerRate)) + (takerRate === null ? 0n : costAtRate(sums.taker, takerRate));
}

/** amount × numerator ÷ denominator, micro-dollars rounded half away from zero; null at a zero denominator. */
function scaled(amount: bigint, numerator: bigint, denominator: bigint): bigint | null {
  if (denominator === 0n) return null;
  const product = amount * numerator;
  const negative = product < 0n !== denominator < 0n && product !== 0n;
  const magnitude = (abs(product) + abs(denominator) / 2n) / abs(denominator);
  return negative ? -magnitude : magnitude;
}

export function baseRow(identity: RowIdentity, sums: CostSums): CostRow {
  const known = sums.maker + sums.taker;
  return {
    ...identity,
    volumeUsd: usd(sums.volume),
    makerVolumeUsd: usd(sums.maker),
    takerVolumeUsd: usd(sums.taker),
    unknownSideVolumeUsd: usd(sums.volume - known),
    feesUsd: usd(sums.fees),
    makerFeesUsd: usd(sums.makerFees),
    takerFeesUsd: usd(sums.takerFees),
    unknownSideFeesUsd: usd(sums.fees - sums.makerFees - sums.takerFees),
    feesPerMillionUsd: exactRatio(sums.fees, sums.volume, MILLION),
    makerRate: exactRatio(sums.makerFees, sums.maker),
    takerRate: exactRatio(sums.takerFees, sums.taker),
    makerShare: exactRatio(sums.maker, known),
    trades: sums.trades,
    unpricedFees: unpricedList(sums),
    tier: null,
    tierCostUsd: null,
    vsTierUsd: null,
    tierGap: null,
    tierNote: null,
    nextTiers: [],
  };
}

/** A row of one exchange (or one account of it): the base figures plus the comparison with its tier. */
export function rowAgainstTier(identity: RowIdentity, sums: CostSums, comparison: TierComparison): CostRow {
  const row = baseRow(identity, sums);
  const { placement, table } = comparison.standing;
  const name = comparison.exchangeLabel;
  if (placement.ladder.length < 2 || placement.tierName === null) {
    const note = table.note ? ` ${table.note}` : '';
    return { ...row, tierNote: `No fee ladder is known for ${name}, so there is no tier to compare your fees with and no next tier to price.${note}` };
  }
  const tierCost = costAt(sums, placement.makerRate, placement.takerRate);
  const vsTier = tierCost === null ? null : sums.fees - tierCost;
  const tolerance = GAP_TOLERANCE_MICROS + GAP_TOLERANCE_PER_FILL_MICROS * BigInt(sums.trades);
  return {
    ...row,
    tier: { name: placement.tierName, makerRate: placement.makerRate, takerRate: placement.takerRate, source: placement.source },
    tierCostUsd: tierCost === null ? null : usd(tierCost),
    vsTierUsd: vsTier === null ? null : usd(vsTier),
    tierGap: vsTier !== null && abs(vsTier) > tolerance ? { causes: gapCauses(name, sums, vsTier, comparison) } : null,
    tierNote: tierCost === null ? `${name}'s ${placement.tierName} does not say every rate you traded at, so there is no tier cost to compare with.` : null,
    nextTiers: higherSteps(placement.ladder, placement.step).map((step) => nextTier(step, sums, tierCost, placement.basisMicros)),
  };
}

function higherSteps(ladder: readonly TierStep[], current: TierStep | null): TierStep[] {
  const floor = current?.volumeMicros ?? -1;
  return ladder.filter((step) => step.volumeMicros > floor);
}

function nextTier(step: TierStep, sums: CostSums, tierCost: bigint | null, basis: bigint): NextTierCost {
  const atStep = costAt(sums, step.makerRate, step.takerRate);
  const threshold = BigInt(step.volumeMicros);
  const needed = threshold > basis ? threshold - basis : 0n;
  const chase = scaled(needed, sums.fees, sums.volume);
  return {
    name: step.name,
    makerRate: step.makerRate,
    takerRate: step.takerRate,
    savingsUsd: tierCost === null || atStep === null ? null : usd(tierCost - atStep),
    thresholdUsd: usd(threshold),
    neededVolumeUsd: usd(needed),
    chaseCostUsd: chase === null ? null : usd(chase),
  };
}

const money = (micros: bigint): string => `$${(Number(abs(micros)) / 1e6).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** The likely reasons a gap beyond rounding has, in words, most specific first. */
function gapCauses(name: string, sums: CostSums, vsTier: bigint, comparison: TierComparison): string[] {
  const { placement } = comparison.standing;
  const causes: string[] = [];
  const tier = placement.tierName!;
  if (comparison.otherTierDays.size > 0) {
    const spans = [...comparison.otherTierDays].map(([other, days]) => `${other} on ${days} day${days === 1 ? '' : 's'}`).join(', ');
    causes.push(
      `Your ${placement.windowDays}-day volume put you at ${spans} of this range, not ${tier}: fills then paid that tier's rates (the tier moved as the window rolled).`,
    );
  }
  const unknown = sums.volume - sums.maker - sums.taker;
  if (unknown !== 0n) {
    causes.push(
      `${money(unknown)} of this volume has no maker/taker side (imported from an export without one): its ${money(sums.fees - sums.makerFees - sums.takerFees)} of fees ` +
        'count in what you paid, but no tier rate applies to that volume.',
    );
  }
  for (const [currency, sum] of sums.unpriced) {
    if (sum.fills === 0) continue;
    causes.push(`${sum.fills} fill${sum.fills === 1 ? '' : 's'} paid fees in ${currency}, which Perpvol cannot price: those fees are listed apart, not in what you paid.`);
  }
  if (vsTier < 0n) {
    causes.push(
      placement.source === 'perpvol'
        ? `You paid ${money(vsTier)} less than ${tier}'s ladder rates: likely a discount the ladder does not know (staking, a referral, a holding tier, a market-maker deal); ${name}'s API did not report your own rates.`
        : `You paid ${money(vsTier)} less than the rates ${name} reports for you now: a discount or promotion during the range that has ended, or rates that were lower earlier.`,
    );
  } else if (comparison.otherTierDays.size === 0) {
    causes.push(
      `You paid ${money(vsTier)} more than ${tier}'s rates: fills before you reached ${tier}, orders the exchange charges differently (another order type or fee program), or a ladder that is out of date.`,
    );
  }
  return causes;
}
