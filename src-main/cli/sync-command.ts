import { Command } from 'commander';
import cliProgress from 'cli-progress';
import type { SyncStatus } from '../../src-shared/schemas.ts';
import { exchanges as appExchanges, type ExchangeRegistry } from '../connectors/registry.ts';
import { withWriter, type FolderWriter } from './folder-writer.ts';
import { printJson } from './global-options.ts';
import { formatCount } from './table.ts';
import { escapeControl, printOut } from './terminal-text.ts';

type ProgressView = { update(status: SyncStatus): void; finish(): void };

/** One bar per account on a terminal; one line per committed page when piped (logs, CI). */
function progressView(labels: Map<string, string>, interactive: boolean): ProgressView {
  if (!interactive) {
    const printedPages = new Map<string, number>(); // a polled status repeats itself between pages
    return {
      update(status) {
        if (status.state !== 'running' || status.pagesFetched === 0 || printedPages.get(status.accountId) === status.pagesFetched) return;
        printedPages.set(status.accountId, status.pagesFetched);
        const percent = Math.round(status.progress * 100);
        printOut(`${labels.get(status.accountId)}: page ${status.pagesFetched}, ${formatCount(status.fillsStored)} fills stored (${percent}%)\n`);
      },
      finish() {},
    };
  }
  const bars = new cliProgress.MultiBar(
    { format: ' {bar} {percentage}% | {label} | {fills} fills', hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  const byAccount = new Map([...labels].map(([id, label]) => [id, bars.create(100, 0, { label, fills: '0' })]));
  return {
    update(status) {
      byAccount.get(status.accountId)?.update(Math.round(status.progress * 100), { fills: formatCount(status.fillsStored) });
    },
    finish: () => bars.stop(),
  };
}

/** How often a sync running in the owning server is looked at. */
const REMOTE_POLL_MS = 500;

/**
 * Syncs the accounts and resolves with their final statuses, reporting progress on the way: in this
 * process (the CLI holds the lease), or in the server that owns the folder, watched through its API.
 */
async function syncAndWait(writer: FolderWriter, ids: string[], onStatus: (status: SyncStatus) => void): Promise<SyncStatus[]> {
  if (writer.kind === 'local') {
    const unsubscribe = writer.core.bus.subscribe((event) => {
      if (event.type === 'sync') onStatus(event.status);
    });
    try {
      return await writer.core.engine.syncAccounts(ids);
    } finally {
      unsubscribe();
    }
  }
  await writer.api.startSync({ accountIds: ids });
  for (;;) {
    const chosen = (await writer.api.syncStatus({})).accounts.filter((status) => ids.includes(status.accountId));
    for (const status of chosen) onStatus(status);
    if (chosen.every((status) => status.state !== 'running')) return chosen;
    await new Promise((resolve) => setTimeout(resolve, REMOTE_POLL_MS));
  }
}

async function runSync(writer: FolderWriter, accountIds: string[], options: { json?: boolean }, exchanges: ExchangeRegistry): Promise<boolean> {
  const { accounts } = await writer.api.listAccounts({});
  const chosen = accountIds.length > 0 ? accountIds : accounts.map((account) => account.id);
  for (const id of chosen) await writer.api.getAccount({ id }); // unknown id → not_found before any work
  const labels = new Map(accounts.map((a) => [a.id, `${escapeControl(a.label)} (${exchanges.label(a.exchange)})`]));
  if (chosen.length === 0) {
    printOut('no accounts to sync: add one with `perpvol accounts add`\n');
    return true;
  }
  const view = options.json ? null : progressView(labels, process.stdout.isTTY === true);
  let results: SyncStatus[];
  try {
    results = await syncAndWait(writer, chosen, (status) => view?.update(status));
  } finally {
    view?.finish();
  }
  if (options.json) printJson({ accounts: results });
  else {
    for (const status of results) {
      const label = labels.get(status.accountId) ?? status.accountId;
      printOut(
        status.state === 'error'
          ? `${label}: error — ${status.error?.message}\n`
          : `${label}: done — ${formatCount(status.fillsStored)} fills stored\n`,
      );
    }
  }
  return results.every((status) => status.state !== 'error');
}

/** `perpvol sync`; `exchanges` names the exchanges in its lines (default: the app's registry). */
export function syncCommand(exchanges: ExchangeRegistry = appExchanges): Command {
  return new Command('sync')
    .description('fetch new fills for all accounts (or the given ones) and wait until done')
    .argument('[accountIds...]', 'account ids (default: all)')
    .option('--json', 'print the final statuses as JSON')
    .action(async (accountIds: string[], options: { json?: boolean }, command: Command) => {
      const ok = await withWriter(command, 'sync', (writer) => runSync(writer, accountIds, options, exchanges), exchanges);
      if (!ok) process.exitCode = 1;
    });
}
