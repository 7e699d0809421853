/** Today / 7 / 14 / 30 days / all time, fees, maker share, per exchange, and the fee tiers. */
import { useMemo } from 'react';
import { EXCHANGE_NAMES as EXCHANGE_LABELS } from '../lib/exchange-labels.ts';
import { ExchangeIdSchema, type VolumeWindow } from '../../../src-shared/schemas.ts';
import { Button, Card, EmptyState, ErrorNote, Stat } from '../components/ui.tsx';
import { HistoryNotice } from '../components/Reconciliation.tsx';
import { TiersSection } from '../components/TiersSection.tsx';
import { useApi } from '../hooks/api-context.ts';
import { isVolumeChange, useApiQuery } from '../hooks/use-api-query.ts';
import { lastDays } from '../lib/dates.ts';
import { historyCertainlyIncomplete } from '../lib/reconciliation-view.ts';
import { formatDateTime, formatInteger, formatPercent, formatUsd, formatUsdExact } from '../lib/format.ts';
import { makerShare } from '../lib/maker-share.ts';
import type { Page } from '../App.tsx';

const WINDOWS = [
  { key: 'today', label: 'Today' },
  { key: 'd7', label: '7 days' },
  { key: 'd14', label: '14 days' },
  { key: 'd30', label: '30 days' },
  { key: 'allTime', label: 'All time' },
] as const;

function windowDetail(window: VolumeWindow): string {
  return `fees ${formatUsdExact(window.feesUsd)} · ${formatInteger(window.trades)} trades`;
}

export function OverviewPage({ onNavigate }: { onNavigate: (page: Page) => void }) {
  const { client } = useApi();
  const summary = useApiQuery(() => client.summary({}), [], isVolumeChange);
  const accounts = useApiQuery(() => client.listAccounts({}), [], (e) => e.type === 'account');
  const range = useMemo(() => lastDays(30, Date.now()), []);
  const daily = useApiQuery(() => client.dailyVolume(range), [range.from, range.to], isVolumeChange);
  // Totals below miss fills the exchange no longer serves: say so right above them.
  const reconciliation = useApiQuery(() => client.reconciliation({}), [], (e) => e.type === 'account' || (e.type === 'sync' && e.status.state === 'done'));
  const limited = reconciliation.data?.accounts.filter(historyCertainlyIncomplete) ?? [];

  if (accounts.data && accounts.data.accounts.length === 0) {
    return (
      <EmptyState title="Welcome to Perpvol" action={<Button onClick={() => onNavigate('accounts')}>Add your first account</Button>}>
        <p>Perpvol reads your own fills from Bybit, WOO X, Hyperliquid and Paradex and adds up your volume, on this machine only.</p>
        <p className="mt-2">Start by adding an account. Hyperliquid needs only your wallet address; the others need a read-only API key.</p>
      </EmptyState>
    );
  }
  const error = summary.error ?? daily.error;
  const data = summary.data;
  const share = daily.data ? makerShare(daily.data.total) : null;
  const exchanges = data ? ExchangeIdSchema.options.filter((id) => data.byExchange[id]) : [];

  return (
    <div className="space-y-4">
      {error && <ErrorNote code={error.code} message={error.message} />}
      {limited.map((r) => <HistoryNotice key={r.accountId} reconciliation={r} showLabel />)}
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        {WINDOWS.map(({ key, label }) => (
          <Stat key={key} label={label} value={data ? formatUsd(data[key].volumeUsd) : '…'} detail={data ? windowDetail(data[key]) : undefined} usd={data?.[key].volumeUsd} />
        ))}
        <Stat label="Maker share (30 d)" value={share === null ? '—' : formatPercent(share)} detail={share === null ? 'no volume yet' : 'of 30-day volume'} />
      </div>
      <Card title="By exchange">
        {exchanges.length === 0 ? (
          <p className="text-sm text-slate-500">No volume yet. It appears here as soon as the first sync stores fills.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm tabular-nums">
              <thead>
                <tr className="text-left text-slate-500">
                  <th scope="col" className="py-1 pr-4 font-medium">Exchange</th>
                  {WINDOWS.map((w) => <th key={w.key} scope="col" className="py-1 pr-4 text-right font-medium">{w.label}</th>)}
                </tr>
              </thead>
              <tbody>
                {exchanges.map((id) => (
                  <tr key={id} className="border-t border-slate-100 dark:border-slate-800">
                    <th scope="row" className="py-1.5 pr-4 text-left font-medium">{EXCHANGE_LABELS[id]}</th>
                    {WINDOWS.map((w) => (
                      <td key={w.key} className="py-1.5 pr-4 text-right" title={formatUsdExact(data!.byExchange[id]![w.key].volumeUsd)}>
                        {formatUsd(data!.byExchange[id]![w.key].volumeUsd)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <TiersSection />
      {data && <p className="text-xs text-slate-500">As of {formatDateTime(data.asOf)} · days are UTC calendar days · updates live as fills arrive</p>}
    </div>
  );
}
