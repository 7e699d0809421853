import { Command, Option } from 'commander';
import type { CostRow, Costs } from '../../src-shared/cost-schemas.ts';
import { CostGroupBySchema } from '../../src-shared/cost-schemas.ts';
import { KINDS_FLAG } from './daily-query.ts';
import { printJson, withReader } from './global-options.ts';
import { formatCount, formatTable, formatUsd } from './table.ts';

interface CostsOptions {
  from?: string;
  to?: string;
  groupBy?: 'exchange' | 'account' | 'day';
  kinds?: string;
  json?: boolean;
}

/** 0.000375 → "0.0375%"; rates are fractions of notional. */
const percent = (rate: number | null): string => (rate === null ? '-' : `${(rate * 100).toFixed(4).replace(/0+$/, '').replace(/\.$/, '')}%`);
const share = (value: number | null): string => (value === null ? '-' : `${(value * 100).toFixed(1)}%`);
const usdOrDash = (usd: number | null): string => (usd === null ? '-' : formatUsd(usd));
const signed = (usd: number | null): string => (usd === null ? '-' : `${usd > 0 ? '+' : ''}${formatUsd(usd)}`);

function costsTable(costs: Costs): string {
  const header = costs.groupBy === 'exchange' ? 'EXCHANGE' : costs.groupBy === 'account' ? 'ACCOUNT' : 'DATE';
  const rows = [...costs.rows, costs.total];
  return formatTable(rows, [
    { header, value: (row) => row.label },
    { header: 'VOLUME (USD)', value: (row) => formatUsd(row.volumeUsd), align: 'right' },
    { header: 'FEES (USD)', value: (row) => formatUsd(row.feesUsd), align: 'right' },
    { header: 'PER $1M', value: (row) => usdOrDash(row.feesPerMillionUsd), align: 'right' },
    { header: 'MAKER RATE', value: (row) => percent(row.makerRate), align: 'right' },
    { header: 'TAKER RATE', value: (row) => percent(row.takerRate), align: 'right' },
    { header: 'MAKER SHARE', value: (row) => share(row.makerShare), align: 'right' },
    { header: 'TIER', value: (row) => row.tier?.name ?? '-' },
    { header: 'VS TIER', value: (row) => signed(row.vsTierUsd), align: 'right' },
    { header: 'TRADES', value: (row) => formatCount(row.trades), align: 'right' },
  ]);
}

function notesOf(row: CostRow, range: string): string[] {
  const notes: string[] = [];
  for (const fee of row.unpricedFees) notes.push(`${row.label}: unpriced fees ${fee.amount} ${fee.currency} over ${formatCount(fee.fills)} fills (no USD price; not in FEES)`);
  if (row.unknownSideVolumeUsd !== 0) {
    notes.push(`${row.label}: ${formatUsd(row.unknownSideVolumeUsd)} of volume has no maker/taker side; its ${formatUsd(row.unknownSideFeesUsd)} of fees are in FEES, not in the maker or taker rate`);
  }
  if (row.tier) {
    notes.push(`${row.label}: at ${row.tier.name} (${row.tier.source === 'exchange' ? 'rates the exchange reports' : 'tier table'}) — maker ${percent(row.tier.makerRate)}, taker ${percent(row.tier.takerRate)}; your fills at those rates: ${usdOrDash(row.tierCostUsd)}`);
  }
  for (const cause of row.tierGap?.causes ?? []) notes.push(`${row.label}: gap ${signed(row.vsTierUsd)} — ${cause}`);
  if (row.tierNote) notes.push(`${row.label}: ${row.tierNote}`);
  for (const next of row.nextTiers) {
    const saved = next.savingsUsd === null ? 'rates unknown' : `would have saved ${formatUsd(next.savingsUsd)} ${range}`;
    const chase = next.chaseCostUsd === null ? '' : `, ≈ ${formatUsd(next.chaseCostUsd)} in fees at your ${usdOrDash(row.feesPerMillionUsd)} per $1M`;
    notes.push(`${row.label}: ${next.name} ${saved}; it needs ${formatUsd(next.neededVolumeUsd)} more volume${chase}`);
  }
  return notes;
}

export function costsCommand(): Command {
  return new Command('costs')
    .description('what your volume cost: fees per $1M, effective rates against your tier, what the next tier would save (default: the last 30 days)')
    .option('--from <YYYY-MM-DD>', 'first day (UTC, inclusive; default 29 days before --to)')
    .option('--to <YYYY-MM-DD>', 'last day (UTC, inclusive; default today)')
    .addOption(new Option('--group-by <what>', 'one row per').choices([...CostGroupBySchema.options]).default('exchange'))
    .option(...KINDS_FLAG)
    .option('--json', 'print the API JSON (every field)')
    .action(async (options: CostsOptions, command: Command) => {
      await withReader(command, async (core) => {
        const costs = await core.service.costs({
          ...(options.from ? { from: options.from } : {}),
          ...(options.to ? { to: options.to } : {}),
          ...(options.groupBy ? { groupBy: options.groupBy } : {}),
          ...(options.kinds ? { kinds: options.kinds } : {}),
        });
        if (options.json) return printJson(costs);
        process.stdout.write(`${costs.from} to ${costs.to} (UTC), ${costs.kinds.join(' + ')}\n${costsTable(costs)}`);
        const range = `over ${costs.from} to ${costs.to}`;
        // per exchange or account, each row says its own; per day, the range's total says it once
        const notes = costs.groupBy === 'day' ? notesOf(costs.total, range) : costs.rows.flatMap((row) => notesOf(row, range));
        if (costs.cheapest && costs.cheapest.exchanges.length > 0) {
          const best = costs.cheapest.exchanges[0]!;
          notes.push(
            `cheapest for your mix (${share(costs.cheapest.makerShare)} maker, ${costs.cheapest.from} to ${costs.cheapest.to}): ${best.label} at ${formatUsd(best.feesPerMillionUsd)} per $1M` +
              (costs.cheapest.exchanges.length > 1 ? ` (then ${costs.cheapest.exchanges.slice(1).map((e) => `${e.label} ${formatUsd(e.feesPerMillionUsd)}`).join(', ')})` : ''),
          );
        }
        process.stdout.write(notes.map((note) => `${note}\n`).join(''));
      });
    });
}
