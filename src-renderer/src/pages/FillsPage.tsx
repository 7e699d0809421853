/** Every stored fill, newest first, filtered by account and UTC days, a page at a time, exportable as CSV. */
import { useState } from 'react';
import type { FillsQuery } from '../../../src-shared/schemas.ts';
import { toApiError, type ApiError } from '../api/api-client.ts';
import { Button, Card, EmptyState, ErrorNote, inputClass } from '../components/ui.tsx';
import { useApi } from '../hooks/api-context.ts';
import { useApiQuery } from '../hooks/use-api-query.ts';
import { isDay } from '../lib/dates.ts';
import { EXCHANGE_NAMES } from '../lib/exchange-labels.ts';
import { formatDateTime, formatDecimalString, formatUsdExact } from '../lib/format.ts';

export const FILLS_PAGE_SIZE = 50;

export function FillsPage() {
  const { client, exportFillsCsv } = useApi();
  const [accountId, setAccountId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  /** Cursors of the pages before the current one (for "Previous"); the last entry is the current page's cursor. */
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [exportError, setExportError] = useState<ApiError | null>(null);
  const accounts = useApiQuery(() => client.listAccounts({}), [], (e) => e.type === 'account');

  const filters = {
    ...(accountId ? { accountId } : {}),
    ...(isDay(from) ? { from } : {}),
    ...(isDay(to) ? { to } : {}),
  };
  const cursor = cursors[cursors.length - 1];
  const query: FillsQuery = { ...filters, limit: FILLS_PAGE_SIZE, ...(cursor ? { cursor } : {}) };
  // Only the first page follows live events: later pages would shift under the reader.
  const page = useApiQuery(() => client.listFills(query), [accountId, from, to, cursor], (e) => e.type === 'volume' && cursors.length === 1);
  const resetPaging = () => setCursors([undefined]);
  const accountLabel = new Map((accounts.data?.accounts ?? []).map((a) => [a.id, a.label]));
  const fills = page.data?.fills ?? [];

  return (
    <div className="space-y-4">
      <Card>
        <form className="flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
          <div>
            <label htmlFor="fills-account" className="block text-xs">Account</label>
            <select id="fills-account" className={inputClass} value={accountId} onChange={(e) => { setAccountId(e.target.value); resetPaging(); }}>
              <option value="">All accounts</option>
              {(accounts.data?.accounts ?? []).map((a) => <option key={a.id} value={a.id}>{a.label} ({EXCHANGE_NAMES[a.exchange]})</option>)}
            </select>
          </div>
          <div><label htmlFor="fills-from" className="block text-xs">From (UTC)</label><input id="fills-from" type="date" className={inputClass} value={from} onChange={(e) => { setFrom(e.target.value); resetPaging(); }} /></div>
          <div><label htmlFor="fills-to" className="block text-xs">To (UTC)</label><input id="fills-to" type="date" className={inputClass} value={to} onChange={(e) => { setTo(e.target.value); resetPaging(); }} /></div>
          <Button variant="secondary" onClick={() => void exportFillsCsv(filters).then(() => setExportError(null), (r) => setExportError(toApiError(r)))}>Export CSV</Button>
        </form>
      </Card>
      {(page.error ?? exportError) && <ErrorNote code={(page.error ?? exportError)!.code} message={(page.error ?? exportError)!.message} />}
      {page.data && fills.length === 0 && cursors.length === 1 ? (
        <EmptyState title="No fills here">
          <p>{accountId || from || to ? 'Nothing matches these filters. Clear them to see all fills.' : 'Fills appear here once an account has synced. Add an account on the Accounts page.'}</p>
        </EmptyState>
      ) : (
        <Card>
          <div className="overflow-x-auto">
            <table className="w-full text-sm tabular-nums" data-testid="fills-table">
              <caption className="sr-only">Fills, newest first</caption>
              <thead>
                <tr className="text-left text-slate-500">
                  {['Time (your time zone)', 'Account', 'Symbol', 'Side', 'Price', 'Quantity', 'Notional', 'Fee', 'Role'].map((h) => (
                    <th key={h} scope="col" className={`py-1 pr-3 font-medium ${['Price', 'Quantity', 'Notional', 'Fee'].includes(h) ? 'text-right' : ''}`}>{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {fills.map((fill) => (
                  <tr key={fill.id} className="border-t border-slate-100 dark:border-slate-800">
                    <td className="py-1 pr-3 whitespace-nowrap">{formatDateTime(fill.ts)}</td>
                    <td className="py-1 pr-3 whitespace-nowrap">{accountLabel.get(fill.accountId) ?? fill.accountId} <span className="text-slate-500">{EXCHANGE_NAMES[fill.exchange]}</span></td>
                    <td className="py-1 pr-3 whitespace-nowrap">{fill.symbol}</td>
                    <td className={`py-1 pr-3 ${fill.side === 'buy' ? 'text-emerald-600 dark:text-emerald-400' : 'text-red-600 dark:text-red-400'}`}>{fill.side}</td>
                    <td className="py-1 pr-3 text-right">{formatDecimalString(fill.price)}</td>
                    <td className="py-1 pr-3 text-right">{formatDecimalString(fill.qty)}</td>
                    <td className="py-1 pr-3 text-right">{formatUsdExact(fill.notionalUsd)}</td>
                    <td className="py-1 pr-3 text-right" title={`${fill.fee} ${fill.feeCurrency}`}>
                      {fill.feeUsd === null ? <span title={`${fill.fee} ${fill.feeCurrency}: no USD price for this token`}>unpriced ({fill.fee} {fill.feeCurrency})</span> : formatUsdExact(fill.feeUsd)}
                    </td>
                    <td className="py-1 pr-3">{fill.liquidity ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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
