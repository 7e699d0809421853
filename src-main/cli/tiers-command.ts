import { Command, Option } from 'commander';
import type { Tiers, TierView } from '../../src-shared/tier-schemas.ts';
import { badInput } from '../core/errors.ts';
import type { ExchangeId } from '../core/exchange.ts';
import { exchanges } from '../connectors/registry.ts';
import { withWriter } from './folder-writer.ts';
import { printJson, withReader } from './global-options.ts';
import { formatTable, formatUsd } from './table.ts';
import { printOut } from './terminal-text.ts';

/** 0.000375 → "0.0375%". */
const percent = (rate: number | null): string => (rate === null ? '-' : `${(rate * 100).toFixed(4).replace(/0+$/, '').replace(/\.$/, '')}%`);

function tiersTable(tiers: Tiers): string {
  // in the order the service lists them
  const rows = (Object.keys(tiers.exchanges) as ExchangeId[]).flatMap((id) => (tiers.exchanges[id] ? [{ id, view: tiers.exchanges[id]! }] : []));
  const table = formatTable(rows, [
    { header: 'EXCHANGE', value: (row) => exchanges.label(row.id) },
    { header: 'WINDOW', value: (row) => `${row.view.window.days} d` , align: 'right' },
    { header: 'VOLUME (USD)', value: (row) => formatUsd(row.view.volumeUsd), align: 'right' },
    { header: 'TIER', value: (row) => row.view.tier?.name ?? '-' },
    { header: 'MAKER', value: (row) => percent(row.view.tier?.makerRate ?? null), align: 'right' },
    { header: 'TAKER', value: (row) => percent(row.view.tier?.takerRate ?? null), align: 'right' },
    // "-" read as "nothing above": say which it is, the top of a known ladder or no ladder at all.
    { header: 'NEXT', value: (row) => (!row.view.ladderKnown ? 'no ladder known' : row.view.nextTier?.name ?? 'top tier') },
    { header: 'NEEDED (USD)', value: (row) => (row.view.neededUsd === null ? '-' : formatUsd(row.view.neededUsd)), align: 'right' },
    { header: 'KEEP/DAY (7 d)', value: (row) => (row.view.keep ? formatUsd(row.view.keep.perDayUsd) : '-'), align: 'right' },
    { header: 'FROM', value: (row) => (row.view.source === 'exchange' ? 'exchange' : `table ${row.view.tierTableAsOf ?? ''}`.trim()) },
  ]);
  const notes = rows.flatMap(({ id, view }) => notesOf(id, view));
  if (tiers.tierTableError) notes.push(`warning: ${tiers.tierTableError.message}`);
  return table + notes.map((note) => `${note}\n`).join('');
}

function notesOf(id: ExchangeId, view: TierView): string[] {
  const notes: string[] = [];
  const name = exchanges.label(id);
  if (view.atRisk) {
    notes.push(`at risk: ${name} ${view.atRisk.tierName} falls ${formatUsd(view.atRisk.shortfallUsd)} short on ${view.atRisk.date} without trades; trade ${formatUsd(view.atRisk.perDayUsd)}/day to keep it`);
  }
  if (view.target) notes.push(`target: ${name} ${formatUsd(view.target.volumeUsd)} — ${view.target.reached ? 'reached' : `${formatUsd(view.target.neededUsd)} to go`}`);
  if (!view.ladderKnown) {
    notes.push(`note: Perpvol knows no volume ladder for ${name}; add the one that applies to you to ${view.tierTableFile ?? 'tier-tables.json in the data folder'} to see the next tier`);
  }
  if (view.exchangeError) notes.push(`note: ${name} did not tell your tier (${view.exchangeError.message})`);
  return notes;
}

export function tiersCommand(): Command {
  const tiers = new Command('tiers')
    .description('fee-tier standing per exchange: window, your volume, tier, next tier, what rolls off')
    .option('--json', 'print the API JSON (every field, roll-off included)')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withReader(command, async (core) => {
        const answer = await core.service.tiers({});
        if (options.json) return printJson(answer);
        printOut(tiersTable(answer));
      });
    });

  tiers
    .command('target')
    .description('set or clear your volume target for one exchange (over its fee-tier window)')
    .addArgument(new Command().createArgument('<exchange>', exchanges.ids().join(', ')).choices(exchanges.ids()))
    .argument('<usd|clear>', 'the target in USD, e.g. 25000000, or "clear"')
    .addOption(new Option('--json', 'print the API JSON'))
    .action(async (exchange: ExchangeId, amount: string, options: { json?: boolean }, command: Command) => {
      const volumeUsd = amount === 'clear' ? null : Number(amount.replace(/[,_]/g, ''));
      if (volumeUsd !== null && !Number.isFinite(volumeUsd)) throw badInput('invalid_input', `"${amount}" is not an amount; write e.g. 25000000, or "clear".`);
      // A write: through the server that owns the folder when one runs, else under the folder's lease.
      await withWriter(command, 'tiers target', async ({ api }) => {
        const target = await api.setTarget({ exchange, volumeUsd });
        if (options.json) return printJson(target);
        printOut(target.volumeUsd === null ? `${exchanges.label(exchange)}: target cleared\n` : `${exchanges.label(exchange)}: target ${formatUsd(target.volumeUsd)}\n`);
      });
    });
  return tiers;
}
