/**
 * One exchange's TierView (docs/fee-tiers.md; its shape in docs/api.md, GET /api/v1/tiers) from what is known: our daily volume, the exchange's
 * own tier facts when its API answered, the tier table in force, and the user's target. Pure, so
 * every rule below is unit-tested without a network or a database.
 *
 * - The ladder is the exchange's when its API publishes one, else the tier table's. Rates the
 *   exchange reports for the account win over the table's (they include personal discounts).
 * - The current tier is the one the exchange names; else the step whose rates are exactly the ones
 *   the exchange reports; else the step the volume reaches (called "Your rates" when the exchange's
 *   rates are not that table step's: a holding tier or a deal the table does not list).
 * - Volume the tier is judged on ("basis") is ours, or the exchange's own figure when it reports a
 *   larger one (it counts spot, sub-accounts… that Perpvol may not see). Needed volume, the roll-off
 *   figures and the at-risk check use it; `volumeUsd` stays our own exact sum.
 */
import type { ErrorInfo } from '../../../src-shared/schemas.ts';
import type { TierView } from '../../../src-shared/tier-schemas.ts';
import type { DayString } from '../../core/days.ts';
import { microsToUsd, usdToMicros } from '../../core/usd.ts';
import {
  KEEP_HORIZON_DAYS,
  nextTierAfter,
  rollOffSchedule,
  sameTierName,
  sortLadder,
  tierFor,
  tierRisk,
  tierWindow,
  windowSum,
  type TierStep,
} from '../../core/tier-standing.ts';
import type { FeeTierFacts } from '../../connectors/kit/connector.ts';
import type { FeeTierRule } from '../../connectors/registry.ts';
import type { TierTable } from './tier-table-schema.ts';

export interface TierViewInput {
  today: DayString;
  rule: FeeTierRule;
  /** Our volume per UTC day over (at least) the window, micro-dollars, of the kinds `rule.kinds` names. */
  daily: ReadonlyMap<DayString, number | bigint>;
  /** The perpetuals alone, when `rule.kinds` counts more (null: `daily` is perpetuals only). */
  perpetualDaily: ReadonlyMap<DayString, number | bigint> | null;
  facts: FeeTierFacts | null;
  factsError: ErrorInfo | null;
  table: TierTable & { fromFile: boolean };
  /** Where the user's table file is, for `tierTableSource` when it is the one used. */
  tableFilePath: string | null;
  targetMicros: number | null;
}

const usd = (micros: bigint | number): number => microsToUsd(Number(micros));

function tableLadder(table: TierTable): TierStep[] {
  return table.tiers.map((tier) => ({
    name: tier.name,
    volumeMicros: usdToMicros(String(tier.volumeUsd)),
    makerRate: tier.makerRate,
    takerRate: tier.takerRate,
  }));
}

/** The exchange's ladder, its unknown rates filled from the table's step of the same name. */
function exchangeLadder(steps: TierStep[], table: TierTable): TierStep[] {
  return steps.map((step) => {
    const row = table.tiers.find((tier) => sameTierName(tier.name, step.name));
    return { ...step, makerRate: step.makerRate ?? row?.makerRate ?? null, takerRate: step.takerRate ?? row?.takerRate ?? null };
  });
}

/** What to call rates the exchange reports that no tier of the table has (a holding tier, a deal). */
export const UNLISTED_RATES_NAME = 'Your rates';

function currentStep(ladder: TierStep[], facts: FeeTierFacts | null, basis: bigint, ladderFromExchange: boolean): { step: TierStep | null; name: string | null } {
  if (facts?.tierName) {
    return { step: ladder.find((step) => sameTierName(step.name, facts.tierName!)) ?? null, name: facts.tierName };
  }
  const step = tierFor(ladder, basis);
  if (facts && facts.takerRate !== null && facts.makerRate !== null) {
    const byRates = ladder.filter((candidate) => candidate.takerRate === facts.takerRate && candidate.makerRate === facts.makerRate);
    if (byRates.length === 1) return { step: byRates[0]!, name: byRates[0]!.name };
    // A table step would be named with rates that are not its own: say what is known instead. (An
    // exchange's own ladder is placed by volume: its reported rates include personal discounts.)
    if (!ladderFromExchange && step && (step.takerRate !== facts.takerRate || step.makerRate !== facts.makerRate)) {
      return { step, name: UNLISTED_RATES_NAME };
    }
  }
  return { step, name: step?.name ?? null };
}

/** Where the account stands on the ladder in force: what the tiers view and the costs answer both read. */
export interface TierPlacement {
  /** The ladder in force, lowest first: the exchange's own when its API publishes one, else the table's. */
  ladder: TierStep[];
  ladderFromExchange: boolean;
  windowDays: number;
  window: { days: number; from: DayString; to: DayString };
  /** Our own exact volume over the window. */
  oursMicros: bigint;
  /** The volume the tier is judged on: ours, or the exchange's own figure when it reports a larger one. */
  basisMicros: bigint;
  step: TierStep | null;
  next: TierStep | null;
  /** The tier's name as shown (the exchange's, a ladder step's, or UNLISTED_RATES_NAME); null without one. */
  tierName: string | null;
  /** The rates you pay at that tier: the exchange's reported ones where it says, else the ladder step's. */
  makerRate: number | null;
  takerRate: number | null;
  /** 'exchange' when the exchange's API said anything about the tier or rates, else 'perpvol' (the table). */
  source: 'exchange' | 'perpvol';
}

export function placeTier(input: Pick<TierViewInput, 'today' | 'rule' | 'daily' | 'facts' | 'table'>): TierPlacement {
  const { facts, table, rule } = input;
  const windowDays = facts?.windowDays ?? rule.windowDays;
  const window = tierWindow(windowDays, input.today);
  const ours = windowSum(input.daily, window);
  const reported = facts?.reportedVolumeMicros ?? null;
  const basis = reported !== null && BigInt(reported) > ours ? BigInt(reported) : ours;

  const fromExchange = facts?.ladder && facts.ladder.length > 0 ? exchangeLadder(facts.ladder, table) : null;
  const ladder = sortLadder(fromExchange ?? tableLadder(table));
  const { step, name } = currentStep(ladder, facts, basis, fromExchange !== null);
  const next = nextTierAfter(ladder, step, basis);
  const exchangeSaid = facts !== null && (facts.tierName !== null || facts.takerRate !== null || facts.makerRate !== null || fromExchange !== null);
  return {
    ladder,
    ladderFromExchange: fromExchange !== null,
    windowDays,
    window,
    oursMicros: ours,
    basisMicros: basis,
    step,
    next,
    tierName: name ?? step?.name ?? null,
    makerRate: facts?.makerRate ?? step?.makerRate ?? null,
    takerRate: facts?.takerRate ?? step?.takerRate ?? null,
    source: exchangeSaid ? 'exchange' : 'perpvol',
  };
}

export function buildTierView(input: TierViewInput): TierView {
  const { facts, table, rule } = input;
  const placed = placeTier(input);
  const { windowDays, window, step, next, tierName } = placed;
  const ours = placed.oursMicros;
  const basis = placed.basisMicros;
  const reported = facts?.reportedVolumeMicros ?? null;
  const fromExchange = placed.ladderFromExchange;

  const standing = {
    today: input.today,
    windowDays,
    daily: input.daily,
    basisMicros: basis,
    currentThresholdMicros: step?.volumeMicros ?? null,
    nextThresholdMicros: next?.volumeMicros ?? null,
  };
  const schedule = rollOffSchedule(standing);
  const risk = tierRisk(standing, schedule);
  const keepEntry = schedule[Math.min(KEEP_HORIZON_DAYS, schedule.length) - 1];

  return {
    window,
    volumeUsd: usd(ours),
    kinds: [...rule.kinds],
    perpetualVolumeUsd: input.perpetualDaily ? usd(windowSum(input.perpetualDaily, window)) : usd(ours),
    // One step is the entry tier's rates, not a ladder: nothing above it is known.
    ladderKnown: placed.ladder.length > 1,
    tierTableFile: input.tableFilePath,
    source: placed.source,
    tier:
      tierName === null
        ? null
        : {
            name: tierName,
            makerRate: placed.makerRate,
            takerRate: placed.takerRate,
            volumeUsd: step ? usd(step.volumeMicros) : null,
          },
    nextTier: next ? { name: next.name, volumeUsd: usd(next.volumeMicros), makerRate: next.makerRate, takerRate: next.takerRate } : null,
    neededUsd: next ? usd(BigInt(next.volumeMicros) > basis ? BigInt(next.volumeMicros) - basis : 0n) : null,
    rollOff: schedule.map((entry) => ({
      date: entry.date,
      volumeUsd: usd(entry.micros),
      keepPerDayUsd: entry.keepPerDayMicros === null ? null : usd(entry.keepPerDayMicros),
      reachPerDayUsd: entry.reachPerDayMicros === null ? null : usd(entry.reachPerDayMicros),
    })),
    tierTableAsOf: fromExchange ? null : table.asOf,
    tierTableSource: fromExchange ? null : table.fromFile ? (input.tableFilePath ?? table.source) : table.source,
    counts: rule.counts,
    reportedVolumeUsd: reported === null ? null : usd(reported),
    keep:
      tierName !== null && keepEntry?.keepPerDayMicros != null && step && step.volumeMicros > 0
        ? { tierName, through: keepEntry.date, perDayUsd: usd(keepEntry.keepPerDayMicros) }
        : null,
    atRisk: risk && tierName !== null ? { tierName, date: risk.date, shortfallUsd: usd(risk.shortfallMicros), perDayUsd: usd(risk.perDayMicros) } : null,
    target:
      input.targetMicros === null
        ? null
        : {
            volumeUsd: usd(input.targetMicros),
            neededUsd: usd(BigInt(input.targetMicros) > basis ? BigInt(input.targetMicros) - basis : 0n),
            reached: basis >= BigInt(input.targetMicros),
          },
    exchangeError: input.factsError,
    docsUrl: rule.docsUrl,
  };
}
