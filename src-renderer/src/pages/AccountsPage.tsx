/**
 * The user's accounts: add, watch sync progress, read errors with the next step, replace a key, sync,
 * remove, import the exchange's CSV export — and how each account's count compares with the exchange's own report.
 */
import { useState } from 'react';
import type { Account, AccountReconciliation, SyncStatus, Windows } from '../../../src-shared/schemas.ts';
import { toApiError, type ApiError } from '../api/api-client.ts';
import { AccountNotes } from '../components/AccountNotes.tsx';
import { AddAccountForm } from '../components/AddAccountForm.tsx';
import { ImportCsvForm } from '../components/ImportCsvForm.tsx';
import { ReconciliationBadge, ReconciliationPanel } from '../components/Reconciliation.tsx';
import { ReplaceKeyForm } from '../components/ReplaceKeyForm.tsx';
import { SyncStateBadge } from '../components/SyncStateBadge.tsx';
import { Button, cancelOnEscape, Card, EmptyState, ErrorNote, PageHeader, ProgressBar, Swatch } from '../components/ui.tsx';
import { useApi } from '../hooks/api-context.ts';
import { isVolumeChange, useApiQuery } from '../hooks/use-api-query.ts';
import { useSyncStatuses } from '../hooks/use-sync-statuses.ts';
import { credentialDescription, hasReplaceableKey } from '../lib/account-forms.ts';
import { canImportCsv } from '../lib/csv-import.ts';
import { useExchangeCatalog, useExchangeInfo } from '../hooks/exchanges-context.ts';
import { adviceOnAccount } from '../lib/error-advice.ts';
import { notesWorthShowing } from '../lib/reconciliation-view.ts';
import { formatDateTime, formatInteger, formatRelative, formatUsd, formatUsdExact } from '../lib/format.ts';
import { exchangeColor } from '../lib/exchange-catalog.ts';

function SyncLine({ status }: { status: SyncStatus | undefined }) {
  if (!status || status.state === 'idle') return null;
  if (status.state === 'running') {
    return (
      <div className="space-y-1" data-testid="sync-progress">
        <ProgressBar fraction={status.progress} label="Sync progress" />
        <p className="text-xs text-slate-500 tabular-nums">
          Syncing… {Math.round(status.progress * 100)}% · {formatInteger(status.fillsStored)} fills stored · {formatInteger(status.pagesFetched)} {status.pagesFetched === 1 ? 'page' : 'pages'}
        </p>
      </div>
    );
  }
  if (status.state === 'done') {
    return <p className="text-xs text-slate-500 tabular-nums">Synced {formatInteger(status.fillsStored)} fills{status.syncedFrom ? ` from ${formatDateTime(status.syncedFrom)}` : ''}.</p>;
  }
  return null;
}

const VOLUME_WINDOWS = [
  { key: 'today', label: 'Today' },
  { key: 'd7', label: '7 days' },
  { key: 'd30', label: '30 days' },
  { key: 'allTime', label: 'All time' },
] as const;

/** The account's own volume: what it adds to the totals. */
function AccountVolume({ windows, accountId }: { windows: Windows | undefined; accountId: string }) {
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm tabular-nums sm:flex sm:flex-wrap sm:gap-x-6" data-testid={`account-volume-${accountId}`}>
      {VOLUME_WINDOWS.map(({ key, label }) => {
        const usd = windows?.[key].volumeUsd ?? 0;
        return (
          <div key={key} className="flex items-baseline gap-1.5">
            <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
            <dd className="font-medium" title={formatUsdExact(usd)} data-usd={usd} data-window={key}>{windows ? formatUsd(usd) : '…'}</dd>
          </div>
        );
      })}
    </dl>
  );
}

function AccountRow({ account, status, reconciliation, windows, dark, onChanged, onImported }: {
  account: Account;
  status: SyncStatus | undefined;
  reconciliation: AccountReconciliation | undefined;
  windows: Windows | undefined;
  dark: boolean;
  onChanged: () => void;
  onImported: () => void;
}) {
  const catalog = useExchangeCatalog();
  const { client } = useApi();
  const exchangeInfo = useExchangeInfo(account.exchange);
  const [confirming, setConfirming] = useState(false);
  const [replacing, setReplacing] = useState(false);
  const [replaced, setReplaced] = useState(false);
  const [importing, setImporting] = useState(false);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const error = status?.state === 'error' ? status.error : account.lastError;
  const keyed = hasReplaceableKey(exchangeInfo);
  const run = (action: () => Promise<unknown>) => action().then(() => setActionError(null), (reason) => setActionError(toApiError(reason)));

  return (
    <li className="space-y-2 py-4" data-testid={`account-${account.id}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <div className="flex flex-wrap items-center gap-2">
            <Swatch color={exchangeColor(catalog, account.exchange, dark)} />
            <span className="font-medium [overflow-wrap:anywhere]">{account.label}</span>
            <span className="text-sm text-slate-500 [overflow-wrap:anywhere]">{catalog.name(account.exchange)}{account.baseUrl ? ` · ${account.baseUrl}` : ''}</span>
            <SyncStateBadge account={account} status={status} now={Date.now()} />
            {account.keyHint && <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300" title="The end of the API key in use" data-testid="key-hint">key {account.keyHint}</span>}
            {account.credentialKind && (
              <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300" data-testid="credential-kind"
                title={account.credentialExpiresAt ? `Stops working on ${formatDateTime(account.credentialExpiresAt)}` : undefined}>
                {credentialDescription(account)}
              </span>
            )}
            <ReconciliationBadge reconciliation={reconciliation} />
          </div>
          <div className="text-xs text-slate-500">
            {account.lastSyncAt ? <span title={formatDateTime(account.lastSyncAt)}>Last synced {formatRelative(account.lastSyncAt, Date.now())}</span> : 'Not synced yet'}
          </div>
        </div>
        {/* Tighter buttons on a phone: four of them fit one row instead of two. */}
        <div className="flex flex-wrap gap-1.5 max-sm:[&_button]:px-2 max-sm:[&_button]:text-xs sm:gap-2">
          <Button variant="secondary" disabled={status?.state === 'running'} onClick={() => void run(() => client.startSync({ accountIds: [account.id] }))} ariaLabel={`Sync ${account.label}`}>Sync</Button>
          {canImportCsv(exchangeInfo) && !importing && (
            <Button variant="secondary" onClick={() => setImporting(true)} ariaLabel={`Import a CSV export into ${account.label}`}><span className="sm:hidden">Import CSV…</span><span className="hidden sm:inline">Import CSV export…</span></Button>
          )}
          {keyed && !replacing && (
            <Button variant="secondary" onClick={() => { setReplacing(true); setReplaced(false); }} ariaLabel={`Replace the key of ${account.label}`}>Replace key</Button>
          )}
          {confirming ? (
            <div className="flex flex-wrap gap-2" role="group" aria-label={`Remove ${account.label}?`} onKeyDown={cancelOnEscape(() => setConfirming(false))}>
              <Button variant="danger" onClick={() => void run(async () => { await client.removeAccount({ id: account.id, purge: true }); onChanged(); })}>Remove with its fills</Button>
              <Button variant="secondary" autoFocus onClick={() => setConfirming(false)}>Keep</Button>
            </div>
          ) : (
            <Button variant="danger" onClick={() => setConfirming(true)} ariaLabel={`Remove ${account.label}`}>Remove</Button>
          )}
        </div>
      </div>
      <AccountVolume windows={windows} accountId={account.id} />
      <SyncLine status={status} />
      <AccountNotes notes={notesWorthShowing(account.notes, reconciliation)} unpricedAllTime={windows?.allTime.unpricedFees} />
      {error && !replaced && <ErrorNote code={error.code} message={error.message} advice={adviceOnAccount(error.code, keyed)} />}
      {actionError && <ErrorNote code={actionError.code} message={actionError.message} />}
      {replacing && (
        <ReplaceKeyForm account={account} onCancel={() => setReplacing(false)} onReplaced={() => {
          setReplacing(false);
          setReplaced(true);
          onChanged();
          // Sync with the new key right away, so a stale error clears and missed fills arrive.
          void client.startSync({ accountIds: [account.id] }).catch(() => {});
        }} />
      )}
      {importing && (
        <ImportCsvForm target={{ accountId: account.id, exchange: account.exchange, label: account.label }} onImported={onImported} onClose={() => setImporting(false)} />
      )}
      {replaced && (
        <p role="status" className="rounded-lg bg-emerald-50 p-2 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" data-testid="key-replaced">
          ✓ Key replaced{account.keyHint ? ` (now ${account.keyHint})` : ''}. Perpvol checked it with {catalog.name(account.exchange)} and is syncing with it.
        </p>
      )}
    </li>
  );
}

export function AccountsPage({ dark }: { dark: boolean }) {
  const { client } = useApi();
  const accounts = useApiQuery(() => client.listAccounts({}), [], (e) => e.type === 'account' || (e.type === 'sync' && e.status.state !== 'running'));
  const reconciliation = useApiQuery(() => client.reconciliation({}), [], (e) => isVolumeChange(e) || (e.type === 'sync' && e.status.state === 'done'));
  const summary = useApiQuery(() => client.summary({}), [], isVolumeChange);
  const statuses = useSyncStatuses();
  const [adding, setAdding] = useState(false);

  const list = accounts.data?.accounts ?? [];
  // The server also sends a volume event; reloading here shows the new numbers even if it is missed.
  const reloadAfterImport = () => {
    accounts.reload();
    reconciliation.reload();
  };
  const showForm = adding || (accounts.data !== null && list.length === 0);
  return (
    <div className="space-y-4">
      <PageHeader title="Accounts" subtitle="Volume of perpetuals over UTC days; each account adds to your totals" />
      {accounts.error && <ErrorNote code={accounts.error.code} message={accounts.error.message} />}
      {showForm && (
        <AddAccountForm onAdded={(account) => {
          setAdding(false);
          accounts.reload();
          // A new account's history is downloaded right away; progress arrives as sync events.
          void client.startSync({ accountIds: [account.id] }).catch(() => {});
        }} {...(list.length > 0 ? { onCancel: () => setAdding(false) } : {})} />
      )}
      {accounts.data && list.length === 0 ? (
        <EmptyState title="No accounts yet">
          <p>Add one above. Perpvol checks the key, then downloads your fill history; the first sync of a busy account can take a few minutes.</p>
        </EmptyState>
      ) : (
        <Card title="Accounts" actions={
          <div className="flex gap-2">
            <Button variant="secondary" onClick={() => void client.startSync({}).catch(() => {})}>Sync all</Button>
            {!adding && <Button onClick={() => setAdding(true)}>Add account</Button>}
          </div>}>
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {list.map((account) => (
              <AccountRow key={account.id} account={account} status={statuses.get(account.id)} windows={summary.data?.byAccount[account.id]} dark={dark}
                reconciliation={reconciliation.data?.accounts.find((r) => r.accountId === account.id)} onChanged={() => accounts.reload()} onImported={reloadAfterImport} />
            ))}
          </ul>
        </Card>
      )}
      {reconciliation.data && list.length > 0 && <ReconciliationPanel accounts={reconciliation.data.accounts} onImported={reloadAfterImport} />}
    </div>
  );
}
