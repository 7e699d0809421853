/**
 * Every stored fill, newest first, filtered by account, UTC days and kinds (kept in the address
 * bar), a page at a time, exportable as CSV. Times are UTC like the filters. A table on wide
 * screens; a card per fill on a phone.
 */
import { useState } from 'react';
import type { ApiFill, FillsQuery } from '../../../src-shared/schemas.ts';
import { toApiError, type ApiError } from '../api/api-client.ts';
import { DayInput } from '../components/DayInput.tsx';
import { KindsSwitch } from '../components/KindsSwitch.tsx';
import { Button, Card, EmptyState, ErrorNote, inputClass, PageHeader } from '../components/ui.tsx';
import { useApi } from '../hooks/api-context.ts';
import { useRoute } from '../hooks/route-context.ts';
import { useApiQuery } from '../hooks/use-api-query.ts';
import { formatDateTime, formatDecimalString, formatUsdExact } from '../lib/format.ts';
import { KINDS_QUERY, readFillsView, writeFillsView, type FillsViewState } from '../lib/view-state.ts';
import { useExchangeCatalog } from '../hooks/exchanges-context.ts';

export const FILLS_PAGE_SIZE = 50;

function Fee({ fill }: { fill: ApiFill }) {
  if (fill.feeUsd === null) return <span title={`${fill.fee} ${fill.feeCurrency}: no USD price for this token`}>unpriced ({formatDecimalString(fill.fee)} {fill.feeCurrency})</span>;
  return <span title={`${fill.fee} ${fill.feeCurrency}`}>{formatUsdExact(fill.feeUsd)}</span>;
}

const side = (fill: ApiFill) => (fill.side === 'buy' ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-700 dark:text-red-400');
const kindTag = (fill: ApiFill) => (fill.kind === 'dated_future' ? ' · dated' : '');

export function FillsPage() {
  const catalog = useExchangeCatalog();
  const { client, exportFillsCsv } = useApi();
  const route = useRoute();
  const view = readFillsView(route.params);
  const update = (patch: Partial<FillsViewState>) => {
    route.setParams(writeFillsView({ ...view, ...patch }));
    setCursors([undefined]);
  };
  /** Cursors of the pages before the current one (for "Newer"); the last entry is the current page's cursor. */
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [exportError, setExportError] = useState<ApiError | null>(null);
  const accounts = useApiQuery(() => client.listAccounts({}), [], (e) => e.type === 'account');

  const kinds = KINDS_QUERY[view.kinds];
  const filters = {
    ...(view.accountId ? { accountId: view.accountId } : {}),
    ...(view.from ? { from: view.from } : {}),
    ...(view.to ? { to: view.to } : {}),
    ...(kinds ? { kinds } : {}),
  };
  const cursor = cursors[cursors.length - 1];
  const query: FillsQuery = { ...filters, limit: FILLS_PAGE_SIZE, ...(cursor ? { cursor } : {}) };
  // Only the first page follows live events: later pages would shift under the reader.
  const page = useApiQuery(() => client.listFills(query), [JSON.stringify(query)], (e) => e.type === 'volume' && cursors.length === 1);
  const accountLabel = new Map((accounts.data?.accounts ?? []).map((a) => [a.id, a.label]));
  const fills = page.data?.fills ?? [];
  const error = page.error ?? exportError;
  const filtered = Boolean(view.accountId || view.from || view.to);

  return (
    <div className="space-y-4">
      <PageHeader title="Fills" subtitle="Newest first; times and days in UTC">
        <Button variant="secondary" onClick={() => void exportFillsCsv(filters).then(() => setExportError(null), (r) => setExportError(toApiError(r)))}>Export CSV</Button>
      </PageHeader>
      <Card>
        <form className="grid grid-cols-2 gap-3 sm:flex sm:flex-wrap sm:items-end" onSubmit={(e) => e.preventDefault()}>
          <div className="col-span-2 min-w-0 sm:col-span-1">
            <label htmlFor="fills-account" className="block text-xs">Account</label>
            <select id="fills-account" className={inputClass} value={view.accountId ?? ''} onChange={(e) => update({ accountId: e.target.value || null })}>
              <option value="">All accounts</option>
              {(accounts.data?.accounts ?? []).map((a) => <option key={a.id} value={a.id}>{a.label} ({catalog.name(a.exchange)})</option>)}
            </select>
          </div>
          <DayInput id="fills-from" label="From (UTC)" value={view.from} onChange={(from) => update({ from })} placeholder="Any day" />
          <DayInput id="fills-to" label="To (UTC)" value={view.to} onChange={(to) => update({ to })} placeholder="Today" />
          <div className="col-span-2 sm:col-span-1"><KindsSwitch value={view.kinds} onChange={(k) => update({ kinds: k })} /></div>
        </form>
      </Card>
      {error && <ErrorNote code={error.code} message={error.message} />}
      {page.data && fills.length === 0 && cursors.length === 1 ? (
        <EmptyState title="No fills here">
          <p>{filtered ? 'Nothing matches these filters. Clear them to see all fills.' : 'Fills appear here once an account has synced. Add an account on the Accounts page.'}</p>
        </EmptyState>
      ) : (
        <Card>
          <div className="hidden overflow-x-auto md:block">
            <table className="w-full text-sm tabular-nums" data-testid="fills-table">
              <caption className="sr-only">Fills, newest first, times in UTC</caption>
              <thead>
                <tr className="text-left text-slate-500">
                  {['Time (UTC)', 'Account', 'Symbol', 'Side', 'Price', 'Quantity', 'Notional', 'Fee', 'Role'].map((h) => (
                    <th key={h} scope="col" className={`py-1 pr-3 font-medium ${['Price', 'Quantity', 'Notional', 'Fee'].includes(h) ? 'text-right' : ''}`}>{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {fills.map((fill) => (
                  <tr key={fill.id} className="border-t border-slate-100 dark:border-slate-800">
                    <td className="py-1 pr-3 whitespace-nowrap" data-testid="fill-time">{formatDateTime(fill.ts)}</td>
                    <td className="py-1 pr-3 whitespace-nowrap">{accountLabel.get(fill.accountId) ?? fill.accountId} <span className="text-slate-500">{catalog.name(fill.exchange)}</span></td>
                    <td className="py-1 pr-3 whitespace-nowrap">{fill.symbol}{fill.kind === 'dated_future' && <span className="ml-1 text-xs text-slate-500">dated</span>}</td>
                    <td className={`py-1 pr-3 ${side(fill)}`}>{fill.side}</td>
                    <td className="py-1 pr-3 text-right">{formatDecimalString(fill.price)}</td>
                    <td className="py-1 pr-3 text-right">{formatDecimalString(fill.qty)}</td>
                    <td className="py-1 pr-3 text-right">{formatUsdExact(fill.notionalUsd)}</td>
                    <td className="py-1 pr-3 text-right"><Fee fill={fill} /></td>
                    <td className="py-1 pr-3">{fill.liquidity ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ul className="divide-y divide-slate-100 md:hidden dark:divide-slate-800" aria-label="Fills, newest first, times in UTC" data-testid="fills-list">
            {fills.map((fill) => (
              <li key={fill.id} className="py-2 text-sm tabular-nums">
                <div className="flex items-baseline justify-between gap-2">
                  <span className="font-medium">{fill.symbol} <span className={side(fill)}>{fill.side}</span></span>
                  <span className="font-medium">{formatUsdExact(fill.notionalUsd)}</span>
                </div>
                <div className="flex flex-wrap justify-between gap-x-2 text-xs text-slate-500 dark:text-slate-400">
                  <span>{formatDecimalString(fill.qty)} @ {formatDecimalString(fill.price)} · {fill.liquidity ?? 'role unknown'}{kindTag(fill)}</span>
                  <span>fee <Fee fill={fill} /></span>
                </div>
                <div className="text-xs text-slate-500 dark:text-slate-400">{formatDateTime(fill.ts)} · {accountLabel.get(fill.accountId) ?? fill.accountId} ({catalog.name(fill.exchange)})</div>
              </li>
            ))}
          </ul>
          <nav className="mt-3 flex items-center justify-between" aria-label="Fill pages">
            <Button variant="secondary" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>← Newer</Button>
            <span className="text-xs text-slate-500">Page {cursors.length}</span>
            <Button variant="secondary" disabled={!page.data?.nextCursor} onClick={() => page.data?.nextCursor && setCursors([...cursors, page.data.nextCursor])}>Older →</Button>
          </nav>
        </Card>
      )}
    </div>
  );
}
