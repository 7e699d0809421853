/**
 * What the volume cost (GET /api/v1/costs, docs/costs.md): reads the daily rollups (sums per day and
 * account, with each side's fees) and the unpriced fees per day, adds them up exactly per exchange,
 * account or day, and compares each exchange's fees with the tier you are at now.
 */
import type { CostGroupBy, CostRow, Costs, Cheapest } from '../../../src-shared/cost-schemas.ts';
import { addDays, daysBetween, utcDay } from '../../core/days.ts';
import type { ExchangeId } from '../../core/exchange.ts';
import { exchanges as appExchanges, type ExchangeRegistry } from '../../connectors/registry.ts';
import { exactRatio } from '../../core/fee-math.ts';
import type { InstrumentKind } from '../../core/instrument.ts';
import { tierFor } from '../../core/tier-standing.ts';
import { WindowSums } from './window-sums.ts';
import { microsToUsd } from '../../core/usd.ts';
import type { AccountRecord, CostSumsRow, ExchangeDayRow, Store } from '../../store/store.ts';
import type { ExchangePlacement, TierStandingService } from '../tiers/tier-standing-service.ts';
import { baseRow, rowAgainstTier, type TierComparison } from './cost-row.ts';
import { addDay, addUnpriced, emptySums, SumsByKey, type CostSums } from './cost-sums.ts';

/** The default range and the window the cheapest-exchange comparison looks at: the last 30 UTC days. */
export const COSTS_DEFAULT_DAYS = 30;

export interface CostsRequest {
  from: string;
  to: string;
  groupBy: CostGroupBy;
  kinds: InstrumentKind[];
}

export class CostsService {
  constructor(
    private readonly store: Store,
    private readonly tiers: TierStandingService,
    private readonly now: () => number,
    /** Whose labels and order the rows name exchanges in (default: the app's registry). */
    private readonly exchanges: ExchangeRegistry = appExchanges,
  ) {}

  /** The default range: the last 30 UTC days, today included (or the 30 days ending `to`). */
  defaultRange(from: string | undefined, to: string | undefined): { from: string; to: string } {
    const end = to ?? utcDay(this.now());
    return { from: from ?? addDays(end, -(COSTS_DEFAULT_DAYS - 1)), to: end };
  }

  async costs(request: CostsRequest): Promise<Costs> {
    const range = { from: request.from, to: request.to, kinds: request.kinds };
    // The database sums per account (or per day); only the chart and the tier-change check need days per exchange.
    const by = request.groupBy === 'day' ? 'day' : 'account';
    const [sums, unpriced, accounts, standings] = await Promise.all([
      this.store.volume.costSums(range, by),
      this.store.volume.unpricedFeesByDay(range),
      this.store.accounts.list({ includeRemoved: true }),
      this.tiers.placements(),
    ]);
    const longestWindow = Math.max(1, ...[...standings.values()].map((s) => s.placement.windowDays));
    const daily = await this.store.volume.dailyByExchange({ from: addDays(request.from, -(longestWindow - 1)), to: request.to, kinds: request.kinds });
    const comparisons = await this.comparisons(standings, daily, request);

    const groups = new SumsByKey();
    const keyOf = (row: { exchange: string; accountId: string; day: string }): string =>
      request.groupBy === 'exchange' ? row.exchange : request.groupBy === 'account' ? row.accountId : row.day;
    const total = emptySums();
    for (const row of sums) {
      addDay(groups.of(request.groupBy === 'exchange' ? row.exchange! : row.key), row);
      addDay(total, row);
    }
    for (const row of unpriced) {
      addUnpriced(groups.of(keyOf(row)), row);
      addUnpriced(total, row);
    }

    const exchangeRow = (exchange: ExchangeId, key: string, label: string, accountId: string | null, sums: CostSums): CostRow => {
      const identity = { key, label, exchange, accountId, date: null };
      const comparison = comparisons.get(exchange);
      return comparison ? rowAgainstTier(identity, sums, comparison) : baseRow(identity, sums);
    };
    const active = accounts.filter((account) => account.removedAt === null);
    let rows: CostRow[];
    if (request.groupBy === 'exchange') {
      const shown = this.exchanges.ids().filter((exchange) => groups.map.has(exchange) || active.some((account) => account.exchange === exchange));
      rows = shown.map((exchange) => exchangeRow(exchange, exchange, this.exchanges.label(exchange), null, groups.of(exchange)));
    } else if (request.groupBy === 'account') {
      const shown = accounts.filter((account) => groups.map.has(account.id) || account.removedAt === null);
      rows = shown
        .map((account) => exchangeRow(account.exchange, account.id, accountLabel(account, this.exchanges), account.id, groups.of(account.id)))
        .sort((a, b) => a.label.localeCompare(b.label) || a.key.localeCompare(b.key));
    } else {
      rows = daysBetween(request.from, request.to).map((date) => baseRow({ key: date, label: date, exchange: null, accountId: null, date }, groups.of(date)));
    }

    return {
      from: request.from,
      to: request.to,
      groupBy: request.groupBy,
      kinds: request.kinds,
      rows,
      total: baseRow({ key: 'total', label: 'Total', exchange: null, accountId: null, date: null }, total),
      chart: chartSeries(daily, request.from, request.to, this.exchanges),
      cheapest: await this.cheapest(request, by === 'account' ? sums : null, standings),
    };
  }

  /**
   * Per exchange with a known standing: on which days of the range (with fills) the window volume
   * put you at another tier than now, from our own daily volume of the kinds its ladder counts.
   */
  private async comparisons(standings: Map<ExchangeId, ExchangePlacement>, daily: ExchangeDayRow[], request: CostsRequest): Promise<Map<ExchangeId, TierComparison>> {
    const tradedDays = new Map<ExchangeId, Set<string>>();
    for (const row of daily) {
      if (row.trades > 0 && row.day >= request.from) tradedDays.set(row.exchange, (tradedDays.get(row.exchange) ?? new Set()).add(row.day));
    }
    const entries = await Promise.all(
      [...standings].map(async ([exchange, standing]): Promise<[ExchangeId, TierComparison]> => {
        const otherTierDays = new Map<string, number>();
        const { placement } = standing;
        const traded = tradedDays.get(exchange);
        if (traded && placement.step && placement.ladder.length >= 2) {
          const lookback = addDays(request.from, -(placement.windowDays - 1));
          // The days already read count the kinds asked; an exchange whose ladder counts other kinds is asked on its own.
          const history = sameSet(standing.rule.kinds, request.kinds)
            ? daily.filter((row) => row.exchange === exchange)
            : await this.store.volume.daily({ from: lookback, to: request.to, exchange, kinds: standing.rule.kinds }, 'none');
          const sums = new WindowSums(history.map((row) => ({ day: row.day, volumeMicros: row.volumeMicros })), lookback, request.to);
          for (const day of traded) {
            const then = tierFor(placement.ladder, sums.endingOn(day, placement.windowDays));
            // The exchange's own placement (reported volume, holdings) can sit above ours: only a lower step is a finding.
            if (then && then.volumeMicros < placement.step.volumeMicros) otherTierDays.set(then.name, (otherTierDays.get(then.name) ?? 0) + 1);
          }
        }
        return [exchange, { standing, exchangeLabel: this.exchanges.label(exchange), otherTierDays }];
      }),
    );
    return new Map(entries);
  }

  /** Your mix over the last 30 UTC days priced at each exchange's rates for you; cheapest first. */
  private async cheapest(request: CostsRequest, perAccount: CostSumsRow[] | null, standings: Map<ExchangeId, ExchangePlacement>): Promise<Cheapest | null> {
    const window = this.defaultRange(undefined, undefined);
    const sameWindow = window.from === request.from && window.to === request.to;
    const rows = sameWindow && perAccount ? perAccount : await this.store.volume.costSums({ ...window, kinds: request.kinds }, 'account');
    const byExchange = new SumsByKey();
    const all = emptySums();
    for (const row of rows) {
      addDay(byExchange.of(row.exchange!), row);
      addDay(all, row);
    }
    const share = exactRatio(all.maker, all.maker + all.taker);
    if (share === null) return null;
    const exchanges = this.exchanges.ids().flatMap((exchange) => {
      const sums = byExchange.map.get(exchange);
      const placement = standings.get(exchange)?.placement;
      if (!sums && !placement) return [];
      const paidMaker = sums ? exactRatio(sums.makerFees, sums.maker) : null;
      const paidTaker = sums ? exactRatio(sums.takerFees, sums.taker) : null;
      const makerRate = paidMaker ?? placement?.makerRate ?? null;
      const takerRate = paidTaker ?? placement?.takerRate ?? null;
      if (makerRate === null || takerRate === null) return [];
      const perMillion = (share * makerRate + (1 - share) * takerRate) * 1_000_000;
      return [{
        exchange,
        label: this.exchanges.label(exchange),
        feesPerMillionUsd: perMillion,
        makerRate,
        takerRate,
        ratesFrom: paidMaker !== null && paidTaker !== null ? ('paid' as const) : ('tier' as const),
      }];
    });
    exchanges.sort((a, b) => a.feesPerMillionUsd - b.feesPerMillionUsd || a.exchange.localeCompare(b.exchange));
    return { ...window, makerShare: share, exchanges };
  }
}

function sameSet<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item));
}

function accountLabel(account: AccountRecord, exchanges: ExchangeRegistry): string {
  return `${account.label} (${exchanges.label(account.exchange)}${account.removedAt === null ? '' : ', removed'})`;
}

/** Fees per $1M by exchange, day by day, dense over the range: one series per exchange with fills. */
function chartSeries(days: ExchangeDayRow[], from: string, to: string, exchanges: ExchangeRegistry): Costs['chart'] {
  const perExchange = new Map<ExchangeId, Map<string, { volume: bigint; fees: bigint }>>();
  for (const row of days) {
    if (row.day < from) continue; // the tier check's lead-in
    let byDay = perExchange.get(row.exchange);
    if (!byDay) perExchange.set(row.exchange, (byDay = new Map()));
    const day = byDay.get(row.day);
    if (day) {
      day.volume += row.volumeMicros;
      day.fees += row.feesMicros;
    } else byDay.set(row.day, { volume: row.volumeMicros, fees: row.feesMicros });
  }
  const dates = daysBetween(from, to);
  return exchanges.ids().filter((exchange) => perExchange.has(exchange)).map((exchange) => {
    const byDay = perExchange.get(exchange)!;
    return {
      exchange,
      label: exchanges.label(exchange),
      days: dates.map((date) => {
        const day = byDay.get(date);
        return day
          ? { date, volumeUsd: microsToUsd(day.volume), feesUsd: microsToUsd(day.fees), feesPerMillionUsd: exactRatio(day.fees, day.volume, 1_000_000n) }
          : { date, volumeUsd: 0, feesUsd: 0, feesPerMillionUsd: null };
      }),
    };
  });
}
