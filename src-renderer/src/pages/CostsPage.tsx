/**
 * What your volume costs: fees per $1M, the effective maker and taker rates you paid against the
 * rates of the tier you are at now, what each higher tier would have saved beside what chasing it
 * costs, fees per $1M by exchange over time, and the cheapest exchange for your own mix. The view
 * lives in the address bar.
 */
import { useMemo } from 'react';
import type { Cheapest } from '../../../src-shared/cost-schemas.ts';
import { CostRows, formatRate } from '../components/costs/CostRows.tsx';
import { FeesPerMillionChart } from '../components/costs/FeesPerMillionChart.tsx';
import { KindsSwitch } from '../components/KindsSwitch.tsx';
import { Card, EmptyState, ErrorNote, PageHeader, Segmented, Stat, Swatch } from '../components/ui.tsx';
import { useApi } from '../hooks/api-context.ts';
import { useRoute } from '../hooks/route-context.ts';
import { isVolumeChange, useApiQuery } from '../hooks/use-api-query.ts';
import { buildCostChart, COST_RANGES, costRange, describeCostChart, readCostView, writeCostView, type CostViewState } from '../lib/cost-view.ts';
import { formatDay, formatPercent, formatUsdExact } from '../lib/format.ts';
import { exchangeColor } from '../lib/exchange-catalog.ts';
import { KINDS_QUERY } from '../lib/view-state.ts';
import { useExchangeCatalog } from '../hooks/exchanges-context.ts';

const GROUPS = [
  { id: 'exchange', label: 'Exchange', header: 'Exchange' },
  { id: 'account', label: 'Account', header: 'Account' },
  { id: 'day', label: 'Day', header: 'Day' },
] as const;

const BARS = [
  { id: 'auto', label: 'Auto' },
  { id: 'day', label: 'Daily' },
  { id: 'week', label: 'Weekly' },
  { id: 'month', label: 'Monthly' },
] as const;

function CheapestCard({ cheapest, dark }: { cheapest: Cheapest; dark: boolean }) {
  const catalog = useExchangeCatalog();
  const best = cheapest.exchanges[0];
  return (
    <Card title="Cheapest for your mix">
      <p className="text-sm" data-testid="cheapest">
        {best
          ? <>Trading your mix ({formatPercent(cheapest.makerShare)} maker, {formatDay(cheapest.from)} – {formatDay(cheapest.to)}) is cheapest on <strong>{best.label}</strong>, at {formatUsdExact(best.feesPerMillionUsd)} per $1M.</>
          : 'No exchange has known rates for your mix yet.'}
      </p>
      <ol className="mt-2 space-y-1 text-sm tabular-nums">
        {cheapest.exchanges.map((e) => (
          <li key={e.exchange} className="flex flex-wrap items-center justify-between gap-x-3">
            <span className="inline-flex items-center gap-2"><Swatch color={exchangeColor(catalog, e.exchange, dark)} />{e.label}</span>
            <span>
              {formatUsdExact(e.feesPerMillionUsd)} per $1M
              <span className="text-xs text-slate-500 dark:text-slate-400"> · maker {formatRate(e.makerRate)}, taker {formatRate(e.takerRate)} ({e.ratesFrom === 'paid' ? 'what you paid' : 'incl. tier rates'})</span>
            </span>
          </li>
        ))}
      </ol>
    </Card>
  );
}

export function CostsPage({ dark }: { dark: boolean }) {
  const { client } = useApi();
  const catalog = useExchangeCatalog();
  const route = useRoute();
  const view = readCostView(route.params);
  const update = (patch: Partial<CostViewState>) => route.setParams(writeCostView({ ...view, ...patch }));
  const range = useMemo(() => costRange(view, Date.now()), [route.params]); // eslint-disable-line react-hooks/exhaustive-deps
  const kinds = KINDS_QUERY[view.kinds];
  const query = { from: range.from, to: range.to, groupBy: view.group, ...(kinds ? { kinds } : {}) };
  const costs = useApiQuery(() => client.costs(query), [JSON.stringify(query)], isVolumeChange);
  const chart = useMemo(() => (costs.data ? buildCostChart(costs.data, range.granularity, dark, catalog) : null), [costs.data, range.granularity, dark, catalog]);
  const data = costs.data;
  const group = GROUPS.find((g) => g.id === view.group)!;
  const rangeWords = data ? `over ${formatDay(data.from)} – ${formatDay(data.to)}` : '';

  return (
    <div className="space-y-4">
      <PageHeader title="What your volume costs" subtitle="Fees net of rebates, in USD, over UTC days; rates are fractions of notional">
        <KindsSwitch value={view.kinds} onChange={(k) => update({ kinds: k })} />
      </PageHeader>
      <Card>
        <div className="flex flex-wrap items-center gap-2">
          <Segmented label="Range" value={view.range} options={COST_RANGES.map((r) => ({ id: r.id, label: r.label }))} onChange={(r) => update({ range: r })} testId="cost-range" />
          <Segmented label="One row per" value={view.group} options={GROUPS} onChange={(g) => update({ group: g })} testId="cost-group" />
          <Segmented label="Bars" value={view.bars} options={BARS} onChange={(b) => update({ bars: b })} testId="cost-bars" />
        </div>
      </Card>
      {costs.error && <ErrorNote code={costs.error.code} message={costs.error.message} />}
      {data && data.total.trades === 0 && data.total.unpricedFees.length === 0 ? (
        <EmptyState title="No fills in this range">
          <p>Nothing traded between {formatDay(data.from)} and {formatDay(data.to)}. Pick a longer range, or check on the Accounts page that your accounts have synced.</p>
        </EmptyState>
      ) : (
        <>
          <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
            <Stat label="Fees per $1M" value={data?.total.feesPerMillionUsd == null ? '—' : formatUsdExact(data.total.feesPerMillionUsd)} detail={rangeWords} />
            <Stat label="Fees, net of rebates" value={data ? formatUsdExact(data.total.feesUsd) : '—'} detail={data ? `on ${formatUsdExact(data.total.volumeUsd)} of volume` : ''} />
            <Stat label="Maker share" value={data?.total.makerShare == null ? '—' : formatPercent(data.total.makerShare)} detail="of volume with a known side" />
            <Stat label="Effective rates" value={data ? `${formatRate(data.total.makerRate)} / ${formatRate(data.total.takerRate)}` : '—'} detail="maker / taker" />
          </div>
          <Card title={`Per ${group.label.toLowerCase()}`}>
            {data ? <CostRows rows={data.rows} total={data.total} range={rangeWords} dark={dark} nameHeader={group.header} notesOn={view.group === 'day' ? 'total' : 'rows'} /> : <div className="h-40" />}
          </Card>
          <div className="grid gap-4 lg:grid-cols-3">
            <div className="lg:col-span-2">
              <Card title="Fees per $1M by exchange">
                {chart ? (
                  <>
                    <FeesPerMillionChart chart={chart} dark={dark} describedBy="cost-chart-summary" />
                    <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label="Exchanges in the chart">
                      {chart.series.map((s) => <li key={s.key} className="inline-flex items-center gap-2"><Swatch color={s.color} />{s.label}</li>)}
                    </ul>
                    <p id="cost-chart-summary" className="mt-2 text-xs text-slate-500 tabular-nums dark:text-slate-400" data-testid="cost-chart-summary">{describeCostChart(chart, formatUsdExact)}</p>
                  </>
                ) : <div className="h-[260px] sm:h-[340px]" />}
              </Card>
            </div>
            {data?.cheapest ? <CheapestCard cheapest={data.cheapest} dark={dark} /> : null}
          </div>
        </>
      )}
    </div>
  );
}
