/**
 * Volume over time: stacked by exchange, asset, symbol, account or kind, in daily, weekly or
 * monthly bars with a trend line, or cumulative; every series in its fixed colour; a tap or click
 * on a bar opens it below; the range's breakdown in a table; the view's daily CSV. The whole view
 * lives in the address bar, so a reload or a shared link shows the same chart.
 */
import { useEffect, useMemo, useState } from 'react';
import type { DailyQuery } from '../../../src-shared/schemas.ts';
import { toApiError, type ApiError } from '../api/api-client.ts';
import { ChartControls } from '../components/chart/ChartControls.tsx';
import { ChartInspector } from '../components/chart/ChartInspector.tsx';
import { ChartLegend } from '../components/chart/ChartLegend.tsx';
import { SeriesTable } from '../components/chart/SeriesTable.tsx';
import { VolumeChart } from '../components/chart/VolumeChart.tsx';
import { Button, Card, EmptyState, ErrorNote, PageHeader, Segmented } from '../components/ui.tsx';
import { useApi } from '../hooks/api-context.ts';
import { useExchangeCatalog } from '../hooks/exchanges-context.ts';
import { useRoute } from '../hooks/route-context.ts';
import { isVolumeChange, useApiQuery } from '../hooks/use-api-query.ts';
import { leadFrom, resolveGranularity, snapRange, type Granularity } from '../lib/buckets.ts';
import { buildDailyChartData, describeDailyChart } from '../lib/chart-data.ts';
import { daysBetween, isDay, lastDays, RANGE_PRESETS } from '../lib/dates.ts';
import { formatDay, formatUsd } from '../lib/format.ts';
import { saveBlob } from '../lib/save-blob.ts';
import { seriesTotals } from '../lib/series-table.ts';
import { isServerDailyExport, viewCsv, viewCsvFileName, viewExportKind } from '../lib/view-csv.ts';
import { KINDS_QUERY, readChartView, writeChartView, type ChartViewState, type TableGroup } from '../lib/view-state.ts';

/** The API's longest daily range (3 × 366 days): the trend line's lead-in is dropped rather than asked beyond it. */
const MAX_QUERY_DAYS = 3 * 366;

const TABLE_GROUPS: { id: TableGroup; label: string; header: string }[] = [
  { id: 'underlying', label: 'Asset', header: 'Asset' },
  { id: 'symbol', label: 'Symbol', header: 'Symbol' },
  { id: 'exchange', label: 'Exchange', header: 'Exchange' },
  { id: 'account', label: 'Account', header: 'Account' },
  { id: 'kind', label: 'Kind', header: 'Kind' },
];

interface ChartRequest {
  query: DailyQuery;
  /** The first day drawn (the query may start earlier for the trend line). */
  from: string;
  granularity: Granularity;
}

/** What to ask the API for this view: the picked range, widened to whole bars, plus the trend line's lead-in. */
function chartRequest(view: ChartViewState, now: number): { request: ChartRequest; customValid: boolean } {
  const customValid = view.from !== null && view.to !== null && isDay(view.from) && isDay(view.to) && view.from <= view.to;
  const days = RANGE_PRESETS.find((p) => p.id === view.range)?.days ?? null;
  const picked = days ? lastDays(days, now) : customValid ? { from: view.from!, to: view.to! } : lastDays(30, now);
  const granularity = resolveGranularity(view.bars, picked.from, picked.to);
  const shown = snapRange(picked, granularity);
  const lead = view.average && !view.cumulative ? leadFrom(shown.from, granularity) : shown.from;
  const from = daysBetween(lead, shown.to).length <= MAX_QUERY_DAYS ? lead : shown.from;
  const kinds = KINDS_QUERY[view.kinds];
  const query: DailyQuery = {
    from,
    to: shown.to,
    ...(view.group === 'none' ? {} : { groupBy: view.group }),
    ...(kinds ? { kinds } : {}),
    ...(view.exchange ? { exchange: view.exchange } : {}),
    ...(view.accountId ? { accountId: view.accountId } : {}),
  };
  return { request: { query, from: shown.from, granularity }, customValid };
}

export function DailyChartPage({ dark }: { dark: boolean }) {
  const { client, exportDailyCsv } = useApi();
  const catalog = useExchangeCatalog();
  const route = useRoute();
  const view = readChartView(route.params);
  const update = (patch: Partial<ChartViewState>) => route.setParams(writeChartView({ ...view, ...patch }));
  const { request, customValid } = useMemo(() => chartRequest(view, Date.now()), [route.params]); // eslint-disable-line react-hooks/exhaustive-deps
  const key = JSON.stringify(request);
  const accounts = useApiQuery(() => client.listAccounts({}), [], (e) => e.type === 'account');
  // The answer keeps its request: while a new range loads, the title and bars still describe each other.
  const daily = useApiQuery(async () => ({ request, answer: await client.dailyVolume(request.query) }), [key], isVolumeChange);
  const tableQuery: DailyQuery = { ...request.query, from: request.from, groupBy: view.table };
  const table = useApiQuery(() => client.dailyVolume(tableQuery), [JSON.stringify(tableQuery)], isVolumeChange);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [selected, setSelected] = useState<number | null>(null);
  const [exportError, setExportError] = useState<ApiError | null>(null);

  const accountRefs = accounts.data?.accounts;
  const maxSeries = view.series === 'auto' ? 'auto' : Number(view.series);
  const build = (cumulative: boolean) => {
    if (!daily.data) return null;
    const { request: made, answer } = daily.data;
    return buildDailyChartData(answer, { from: made.from, to: made.query.to, granularity: made.granularity, cumulative, groupBy: made.query.groupBy ?? null, dark, maxSeries, exchanges: catalog, accounts: accountRefs ?? [],
      today: new Date().toISOString().slice(0, 10) });
  };
  const chart = useMemo(() => build(view.cumulative), [daily.data, view.cumulative, dark, maxSeries, accountRefs, catalog]); // eslint-disable-line react-hooks/exhaustive-deps
  const bars = useMemo(() => (chart && view.cumulative ? build(false) : chart), [chart, view.cumulative]); // eslint-disable-line react-hooks/exhaustive-deps
  const summary = bars ? describeDailyChart(bars) : '';
  const rows = useMemo(() => (table.data ? seriesTotals(table.data, view.table, dark, catalog, accountRefs ?? []) : []), [table.data, view.table, dark, accountRefs, catalog]);
  useEffect(() => setSelected(null), [key]);
  useEffect(() => setHidden(new Set()), [view.group]);

  const index = chart ? Math.min(selected ?? chart.buckets.length - 1, chart.buckets.length - 1) : 0;
  const toggle = (seriesKey: string) => setHidden((previous) => {
    const next = new Set(previous);
    if (!next.delete(seriesKey)) next.add(seriesKey);
    return next;
  });
  // Export what the view shows: the server's daily file for daily bars, else the bars drawn (weekly, monthly, running totals).
  const exportKind = viewExportKind(request.granularity, view.cumulative);
  const exportCsv = async () => {
    if (isServerDailyExport(request.granularity, view.cumulative)) {
      return exportDailyCsv({ ...request.query, from: request.from }).then(() => setExportError(null), (reason) => setExportError(toApiError(reason)));
    }
    if (chart) saveBlob(new Blob([viewCsv(chart, view.cumulative)], { type: 'text/csv' }), viewCsvFileName(chart, view.cumulative));
  };
  const error = daily.error ?? exportError;
  const range = daily.data ? { from: daily.data.request.from, to: daily.data.request.query.to } : null;
  const tableGroup = TABLE_GROUPS.find((g) => g.id === view.table)!;

  return (
    <div className="space-y-4">
      <PageHeader title="Volume chart" subtitle="USD over UTC days; weeks start on Monday">
        <Button variant="secondary" onClick={() => void exportCsv()} ariaLabel={`Export this view's ${exportKind} volume as CSV`}>Export {exportKind} CSV</Button>
      </PageHeader>
      <Card>
        <ChartControls view={view} update={update} accounts={accounts.data?.accounts ?? []} granularity={request.granularity} customValid={customValid}
          seriesShown={chart?.series.length ?? null} shown={{ from: request.from, to: request.query.to }} />
      </Card>
      {error && <ErrorNote code={error.code} message={error.message} />}
      {chart && chart.grandTotal === 0 && range ? (
        <div data-testid="chart-empty">
          {accounts.data && accounts.data.accounts.length === 0 ? (
            <EmptyState title="No accounts yet" action={<Button onClick={() => route.navigate('accounts')}>Add an account</Button>}>
              <p>The chart shows the volume of the accounts you add. Add an account: Perpvol downloads its fills and draws them here.</p>
            </EmptyState>
          ) : (
            <EmptyState title="No volume in this range">
              <p>No fills between {formatDay(range.from)} and {formatDay(range.to)}{view.exchange || view.accountId ? ' for this filter' : ''}. Pick a longer range, or check on the Accounts page that your accounts have synced.</p>
            </EmptyState>
          )}
        </div>
      ) : (
        <Card title={chart && range ? `Total ${formatUsd(chart.grandTotal)} · ${formatDay(range.from)} – ${formatDay(range.to)} (UTC)` : 'Loading…'}>
          {chart ? (
            <>
              <VolumeChart chart={chart} cumulative={view.cumulative} showAverage={view.average} hidden={hidden} dark={dark} selected={selected} onSelect={setSelected} describedBy="daily-chart-summary" />
              <ChartLegend chart={chart} hidden={hidden} onToggle={toggle} />
              <ChartInspector chart={chart} index={index} cumulative={view.cumulative} hidden={hidden} onSelect={setSelected} />
              <p id="daily-chart-summary" className="mt-3 text-xs text-slate-500 tabular-nums dark:text-slate-400" data-testid="daily-chart-summary">{summary}</p>
            </>
          ) : <div className="h-[300px] sm:h-[420px]" />}
        </Card>
      )}
      <Card title={`By ${tableGroup.label.toLowerCase()}`} actions={
        <Segmented label="Break the range down by" value={view.table} options={TABLE_GROUPS.map((g) => ({ id: g.id, label: g.label }))} onChange={(t) => update({ table: t })} testId="table-group" />
      }>
        {table.error ? <ErrorNote code={table.error.code} message={table.error.message} /> : <SeriesTable rows={rows} caption={`Volume by ${tableGroup.label.toLowerCase()} over the range`} nameHeader={tableGroup.header} />}
        <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">Fees in USD; fees paid in a token Perpvol cannot price (such as Paradex’s DIME) are not in them: the overview lists them.</p>
      </Card>
    </div>
  );
}
