/**
 * The overview's accounts: each one's sync state (backfilling 49% / live / up to date / error),
 * when it last synced, and its own volume. A table on wide screens, cards on a phone.
 */
import type { Account, Summary, SyncStatus, Windows } from '../../../src-shared/schemas.ts';
import { formatDateTime, formatRelative, formatUsd, formatUsdExact } from '../lib/format.ts';
import { exchangeColor } from '../lib/exchange-catalog.ts';
import { SyncStateBadge } from './SyncStateBadge.tsx';
import { Swatch } from './ui.tsx';
import { useExchangeCatalog } from '../hooks/exchanges-context.ts';

const COLUMNS = [
  { key: 'today', label: 'Today' },
  { key: 'd30', label: '30 days' },
  { key: 'allTime', label: 'All time' },
] as const;

function LastSync({ account, now }: { account: Account; now: number }) {
  if (!account.lastSyncAt) return <span className="text-slate-500">not yet</span>;
  return <time dateTime={account.lastSyncAt} title={formatDateTime(account.lastSyncAt)}>{formatRelative(account.lastSyncAt, now)}</time>;
}

function Usd({ windows, column }: { windows: Windows | undefined; column: (typeof COLUMNS)[number]['key'] }) {
  const value = windows?.[column].volumeUsd ?? 0;
  return <span title={formatUsdExact(value)} data-usd={value}>{formatUsd(value)}</span>;
}

export function AccountsStanding({ accounts, statuses, summary, now, dark }: { accounts: Account[]; statuses: Map<string, SyncStatus>; summary: Summary | null; now: number; dark: boolean }) {
  const catalog = useExchangeCatalog();
  const name = (account: Account) => (
    <span className="inline-flex min-w-0 items-center gap-2"><Swatch color={exchangeColor(catalog, account.exchange, dark)} /><span className="truncate">{account.label}</span></span>
  );
  return (
    <>
      <div className="hidden overflow-x-auto md:block">
        <table className="w-full text-sm tabular-nums" data-testid="accounts-table">
          <caption className="sr-only">Each account’s sync state, last sync and volume</caption>
          <thead>
            <tr className="text-left text-xs text-slate-500 dark:text-slate-400">
              <th scope="col" className="py-1 pr-3 font-medium">Account</th>
              <th scope="col" className="py-1 pr-3 font-medium">Exchange</th>
              <th scope="col" className="py-1 pr-3 font-medium">Sync</th>
              <th scope="col" className="py-1 pr-3 font-medium">Last sync</th>
              {COLUMNS.map((c) => <th key={c.key} scope="col" className="py-1 pr-3 text-right font-medium">{c.label}</th>)}
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <tr key={account.id} className="border-t border-slate-100 dark:border-slate-800" data-testid={`account-row-${account.id}`}>
                <th scope="row" className="max-w-56 py-2 pr-3 text-left font-medium">{name(account)}</th>
                <td className="py-2 pr-3 text-slate-600 dark:text-slate-300">{catalog.name(account.exchange)}</td>
                <td className="py-2 pr-3"><SyncStateBadge account={account} status={statuses.get(account.id)} now={now} /></td>
                <td className="whitespace-nowrap py-2 pr-3"><LastSync account={account} now={now} /></td>
                {COLUMNS.map((c) => <td key={c.key} className="py-2 pr-3 text-right"><Usd windows={summary?.byAccount[account.id]} column={c.key} /></td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="space-y-2 md:hidden" aria-label="Accounts">
        {accounts.map((account) => (
          <li key={account.id} className="min-w-0 rounded-lg border border-slate-100 p-3 dark:border-slate-800">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span className="min-w-0 font-medium">{name(account)}</span>
              <SyncStateBadge account={account} status={statuses.get(account.id)} now={now} />
            </div>
            <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{catalog.name(account.exchange)} · last sync <LastSync account={account} now={now} /></p>
            <dl className="mt-2 grid grid-cols-3 gap-2 text-sm tabular-nums">
              {COLUMNS.map((c) => <div key={c.key}><dt className="text-xs text-slate-500 dark:text-slate-400">{c.label}</dt><dd><Usd windows={summary?.byAccount[account.id]} column={c.key} /></dd></div>)}
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
