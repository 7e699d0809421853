/**
 * The user's accounts: add, watch sync progress, read errors with the next step, replace a key, sync,
 * remove, import the exchange's CSV export — and how each account's count compares with the exchange's own report.
 */
import { useEffect, useState } from 'react';
import type { Account, AccountReconciliation, SyncStatus } from '../../../src-shared/schemas.ts';
import { toApiError, type ApiError } from '../api/api-client.ts';
import { AddAccountForm } from '../components/AddAccountForm.tsx';
import { ImportCsvForm } from '../components/ImportCsvForm.tsx';
import { LiveBadge } from '../components/LiveBadge.tsx';
import { ReconciliationBadge, ReconciliationPanel } from '../components/Reconciliation.tsx';
import { ReplaceKeyForm } from '../components/ReplaceKeyForm.tsx';
import { Button, cancelOnEscape, Card, EmptyState, ErrorNote, ProgressBar } from '../components/ui.tsx';
import { useApi } from '../hooks/api-context.ts';
import { isVolumeChange, useApiQuery } from '../hooks/use-api-query.ts';
import { credentialDescription, hasReplaceableKey } from '../lib/account-forms.ts';
import { canImportCsv } from '../lib/csv-import.ts';
import { adviceOnAccount } from '../lib/error-advice.ts';
import { EXCHANGE_NAMES } from '../lib/exchange-labels.ts';
import { warningsToShow } from '../lib/reconciliation-view.ts';
import { formatDateTime, formatInteger, formatRelative } from '../lib/format.ts';

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

function AccountRow({ account, status, reconciliation, onChanged, onImported }: {
  account: Account;
  status: SyncStatus | undefined;
  reconciliation: AccountReconciliation | undefined;
  onChanged: () => void;
  onImported: () => void;
}) {
  const { client } = useApi();
  const [confirming, setConfirming] = useState(false);
  const [replacing, setReplacing] = useState(false);
  const [replaced, setReplaced] = useState(false);
  const [importing, setImporting] = useState(false);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const error = status?.state === 'error' ? status.error : account.lastError;
  const keyed = hasReplaceableKey(account.exchange);
  const run = (action: () => Promise<unknown>) => action().then(() => setActionError(null), (reason) => setActionError(toApiError(reason)));

  return (
    <li className="space-y-2 py-4" data-testid={`account-${account.id}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{account.label}</span>
            <span className="text-sm text-slate-500">{EXCHANGE_NAMES[account.exchange]}{account.baseUrl ? ` · ${account.baseUrl}` : ''}</span>
            {account.keyHint && <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300" title="The end of the API key in use" data-testid="key-hint">key {account.keyHint}</span>}
            {account.credentialKind && (
              <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300" data-testid="credential-kind"
                title={account.credentialExpiresAt ? `Stops working on ${formatDateTime(account.credentialExpiresAt)}` : undefined}>
                {credentialDescription(account)}
              </span>
            )}
            <ReconciliationBadge reconciliation={reconciliation} />
            <LiveBadge live={account.live} />
          </div>
          <div className="text-xs text-slate-500">
            {account.lastSyncAt ? `Last synced ${formatRelative(account.lastSyncAt, Date.now())}` : 'Not synced yet'}
          </div>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" disabled={status?.state === 'running'} onClick={() => void run(() => client.startSync({ accountIds: [account.id] }))} ariaLabel={`Sync ${account.label}`}>Sync</Button>
          {canImportCsv(account.exchange) && !importing && (
            <Button variant="secondary" onClick={() => setImporting(true)} ariaLabel={`Import a CSV export into ${account.label}`}>Import CSV export…</Button>
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
      <SyncLine status={status} />
      {warningsToShow(account.warnings, reconciliation).map((w) => (
        <p key={w} role="note" className="rounded-lg bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200" data-testid="account-warning">⚠ {w}</p>
      ))}
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
          ✓ Key replaced{account.keyHint ? ` (now ${account.keyHint})` : ''}. Perpvol checked it with {EXCHANGE_NAMES[account.exchange]} and is syncing with it.
        </p>
      )}
    </li>
  );
}

export function AccountsPage() {
  const { client } = useApi();
  const accounts = useApiQuery(() => client.listAccounts({}), [], (e) => e.type === 'account' || (e.type === 'sync' && e.status.state !== 'running'));
  const initialStatus = useApiQuery(() => client.syncStatus({}), []);
  const reconciliation = useApiQuery(() => client.reconciliation({}), [], (e) => isVolumeChange(e) || (e.type === 'sync' && e.status.state === 'done'));
  const [statuses, setStatuses] = useState<Map<string, SyncStatus>>(new Map());
  const [adding, setAdding] = useState(false);

  useEffect(() => {
    if (initialStatus.data) setStatuses(new Map(initialStatus.data.accounts.map((s) => [s.accountId, s])));
  }, [initialStatus.data]);
  useEffect(() => client.subscribe((event) => {
    if (event.type === 'sync') setStatuses((previous) => new Map(previous).set(event.status.accountId, event.status));
  }), [client]);

  const list = accounts.data?.accounts ?? [];
  // The server also sends a volume event; reloading here shows the new numbers even if it is missed.
  const reloadAfterImport = () => {
    accounts.reload();
    reconciliation.reload();
  };
  const showForm = adding || (accounts.data !== null && list.length === 0);
  return (
    <div className="space-y-4">
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
              <AccountRow key={account.id} account={account} status={statuses.get(account.id)}
                reconciliation={reconciliation.data?.accounts.find((r) => r.accountId === account.id)} onChanged={() => accounts.reload()} onImported={reloadAfterImport} />
            ))}
          </ul>
        </Card>
      )}
      {reconciliation.data && list.length > 0 && <ReconciliationPanel accounts={reconciliation.data.accounts} onImported={reloadAfterImport} />}
    </div>
  );
}
