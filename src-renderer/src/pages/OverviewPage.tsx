/**
 * "Where do I stand": today / 7 / 14 / 30 days / all time with fees and maker share; per exchange
 * the same with its fee tier and a 30-day sparkline; each account's sync state and last sync; the
 * fee-tier cards. While an account's first sync runs, the windows it has not reached yet are
 * marked partial instead of showing a silent $0.
 */
import { useExchanges } from '../hooks/exchanges-context.ts';
import { useMemo } from 'react';
import type { ExchangeIdValue } from '../../../src-shared/schemas.ts';
import { AccountsStanding } from '../components/AccountsStanding.tsx';
import { ExchangeStanding, exchangeRows, WINDOWS } from '../components/ExchangeStanding.tsx';
import { KindsSwitch } from '../components/KindsSwitch.tsx';
import { HistoryNotice } from '../components/Reconciliation.tsx';
import { TiersSection } from '../components/TiersSection.tsx';
import { Button, Card, EmptyState, ErrorNote, PageHeader, Stat } from '../components/ui.tsx';
import { useApi } from '../hooks/api-context.ts';
import { useRoute } from '../hooks/route-context.ts';
import { isVolumeChange, useApiQuery } from '../hooks/use-api-query.ts';
import { useSyncStatuses } from '../hooks/use-sync-statuses.ts';
import { lastDays } from '../lib/dates.ts';
import { formatDateTime, formatInteger, formatPercent, formatUnpricedFees, formatUsd, formatUsdExact, unpricedFeesExact } from '../lib/format.ts';
import { makerShare } from '../lib/maker-share.ts';
import { coverageOf, windowPartiality, type WindowKey } from '../lib/partial-windows.ts';
import { historyCertainlyIncomplete } from '../lib/reconciliation-view.ts';
import { syncStateOf } from '../lib/sync-state.ts';
import { KINDS_QUERY, readOverviewView, writeOverviewView } from '../lib/view-state.ts';

export function OverviewPage({ dark }: { dark: boolean }) {
  const { client } = useApi();
  const route = useRoute();
  const view = readOverviewView(route.params);
  const kinds = KINDS_QUERY[view.kinds];
  const query = kinds ? { kinds } : {};
  const summary = useApiQuery(() => client.summary(query), [kinds], isVolumeChange);
  const accounts = useApiQuery(() => client.listAccounts({}), [], (e) => e.type === 'account' || (e.type === 'sync' && e.status.state !== 'running'));
  const statuses = useSyncStatuses();
  const range = useMemo(() => lastDays(30, Date.now()), []);
  const daily = useApiQuery(() => client.dailyVolume({ ...range, groupBy: 'exchange', ...query }), [range.from, range.to, kinds], isVolumeChange);
  const tiers = useApiQuery(() => client.tiers({}), [], isVolumeChange);
  // Totals below miss fills the exchange no longer serves: say so right above them.
  const exchanges = useExchanges();
  const reconciliation = useApiQuery(() => client.reconciliation({}), [], (e) => e.type === 'account' || (e.type === 'sync' && e.status.state === 'done'));
  const limited = reconciliation.data?.accounts.filter((r) => historyCertainlyIncomplete(r, exchanges.find((info) => info.id === r.exchange))) ?? [];
  const now = Date.now();

  const list = accounts.data?.accounts ?? [];
  const coverages = list.map((account) => coverageOf(account, statuses.get(account.id)));
  const partialOf = (key: WindowKey, exchange?: ExchangeIdValue) => windowPartiality(exchange ? coverages.filter((c) => c.exchange === exchange) : coverages, key, now);
  const backfilling = list.filter((account) => syncStateOf(account, statuses.get(account.id), now).backfilling);

  if (accounts.data && list.length === 0) {
    return (
      <div className="space-y-4">
        <PageHeader title="Where you stand" />
        <EmptyState title="Welcome to Perpvol" action={<Button onClick={() => route.navigate('accounts')}>Add your first account</Button>}>
          <p>Perpvol reads your own fills from Bybit, WOO X, Hyperliquid and Paradex and adds up your volume, on this machine only.</p>
          <p className="mt-2">Start by adding an account. Hyperliquid needs only your wallet address; the others need a read-only API key.</p>
        </EmptyState>
      </div>
    );
  }
  const error = summary.error ?? daily.error;
  const data = summary.data;
  const share = daily.data ? makerShare(daily.data.total) : null;
  const rows = data ? exchangeRows(data, daily.data, tiers.data?.exchanges ?? {}, (id, key) => partialOf(key, id)) : [];

  return (
    <div className="space-y-4">
      <PageHeader title="Where you stand" subtitle={data ? `USD over UTC calendar days · as of ${formatDateTime(data.asOf, undefined, { seconds: false })} · updates live` : 'USD over UTC calendar days'}>
        <KindsSwitch value={view.kinds} onChange={(kinds) => route.setParams(writeOverviewView({ ...view, kinds }))} />
      </PageHeader>
      {error && <ErrorNote code={error.code} message={error.message} />}
      {backfilling.length > 0 && (
        <p role="status" className="rounded-lg border border-indigo-200 bg-indigo-50 p-3 text-sm text-indigo-950 dark:border-indigo-900 dark:bg-indigo-950 dark:text-indigo-100" data-testid="backfill-notice">
          {backfilling.map((a) => `${a.label} (${syncStateOf(a, statuses.get(a.id), now).label.toLowerCase()})`).join(', ')}: {backfilling.length === 1 ? 'its' : 'their'} history is still downloading.
          Figures marked <strong>partial</strong> grow as it arrives.
        </p>
      )}
      {limited.map((r) => <HistoryNotice key={r.accountId} reconciliation={r} showLabel />)}
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6" aria-label="Your volume">
        {WINDOWS.map(({ key, label }) => {
          const unpriced = data ? formatUnpricedFees(data[key].unpricedFees) : null;
          return (
            <Stat key={key} label={label} value={data ? formatUsd(data[key].volumeUsd) : '…'} usd={data?.[key].volumeUsd}
              detail={data ? `${key === 'today' ? `so far, to ${data.asOf.slice(11, 16)} UTC · ` : ''}fees ${formatUsdExact(data[key].feesUsd)} · ${formatInteger(data[key].trades)} trades` : undefined}
              extra={unpriced ? <span className="text-amber-800 dark:text-amber-300" data-testid={`unpriced-${key}`}>+ <span title={`${unpricedFeesExact(data![key].unpricedFees)} (exact)`}>{unpriced}</span></span> : undefined}
              partialNote={partialOf(key).note} />
          );
        })}
        <Stat label="Maker share (30 d)" value={share === null ? '—' : formatPercent(share)} detail={share === null ? 'no volume yet' : 'of 30-day volume'} />
      </dl>
      <Card title="By exchange">
        <ExchangeStanding rows={rows} dark={dark} />
      </Card>
      {list.length > 0 && (
        <Card title="Accounts" actions={<a href="#/accounts" onClick={(e) => { e.preventDefault(); route.navigate('accounts'); }} className="text-sm text-indigo-600 underline dark:text-indigo-400">Manage</a>}>
          <AccountsStanding accounts={list} statuses={statuses} summary={data} now={now} dark={dark} />
        </Card>
      )}
      <TiersSection />
    </div>
  );
}
