import { Command, Option } from 'commander';
import type { Summary, VolumeWindow } from '../../src-shared/schemas.ts';
import { GroupBySchema } from '../../src-shared/schemas.ts';
import type { ExchangeId } from '../core/exchange.ts';
import { exchanges } from '../connectors/registry.ts';
import { DEFAULT_DAILY_DAYS, KINDS_FLAG, dailyQueryFromOptions, type DailyFilterOptions } from './daily-query.ts';
import { printJson, withReader } from './global-options.ts';
import { watchSummaryCommand } from './summary-watch-command.ts';
import { formatCount, formatTable, formatUsd } from './table.ts';
import { escapeControl, printOut, terminalJson } from './terminal-text.ts';

interface DailyOptions extends DailyFilterOptions {
  json?: boolean;
}

const WINDOW_NAMES = ['today', 'd7', 'd14', 'd30', 'allTime'] as const;
const WINDOW_HEADERS: Record<(typeof WINDOW_NAMES)[number], string> = {
  today: 'TODAY',
  d7: '7 DAYS',
  d14: '14 DAYS',
  d30: '30 DAYS',
  allTime: 'ALL TIME',
};

function summaryTable(summary: Summary): string {
  const rows: { name: string; windows: Record<string, VolumeWindow> }[] = [
    ...Object.entries(summary.byExchange).map(([id, windows]) => ({ name: exchanges.label(id as ExchangeId), windows })),
    { name: 'Total', windows: summary },
  ];
  return formatTable(rows, [
    { header: 'VOLUME (USD)', value: (row) => row.name },
    ...WINDOW_NAMES.map((name) => ({ header: WINDOW_HEADERS[name], value: (row: (typeof rows)[number]) => formatUsd(row.windows[name]!.volumeUsd), align: 'right' as const })),
  ]);
}

/** One watched summary: a time line, then the table (or one JSON document per line with --json). */
function printWatched(summary: Summary, json: boolean): void {
  if (json) return void printOut(`${terminalJson(JSON.stringify(summary))}\n`);
  printOut(`\n${new Date(summary.asOf).toISOString().replace('T', ' ').slice(0, 19)} UTC\n${summaryTable(summary)}`);
}

export function volumeCommand(): Command {
  const volume = new Command('volume').description('your traded volume');

  volume
    .command('daily')
    .description(`volume per UTC day (default: the last ${DEFAULT_DAILY_DAYS} days)`)
    .option('--from <YYYY-MM-DD>', 'first day (UTC, inclusive)')
    .option('--to <YYYY-MM-DD>', 'last day (UTC, inclusive; default today)')
    .addOption(new Option('--exchange <id>', 'only this exchange').choices(exchanges.ids()))
    .option('--account <id>', 'only this account')
    .addOption(new Option('--group-by <what>', 'also split by').choices([...GroupBySchema.options]))
    .option(...KINDS_FLAG)
    .option('--json', 'print the API JSON')
    .action(async (options: DailyOptions, command: Command) => {
      await withReader(command, async (core) => {
        const daily = await core.service.dailyVolume(dailyQueryFromOptions(options));
        if (options.json) return printJson(daily);
        const seriesColumns = daily.series.map((series) => ({
          header: series.label,
          value: (row: { index: number }) => formatUsd(series.days[row.index]!.volumeUsd),
          align: 'right' as const,
        }));
        const rows = daily.total.map((day, index) => ({ day, index }));
        printOut(
          formatTable(rows, [
            { header: 'DATE', value: (row) => row.day.date },
            { header: 'VOLUME (USD)', value: (row) => formatUsd(row.day.volumeUsd), align: 'right' },
            { header: 'MAKER', value: (row) => formatUsd(row.day.makerVolumeUsd), align: 'right' },
            { header: 'TAKER', value: (row) => formatUsd(row.day.takerVolumeUsd), align: 'right' },
            { header: 'FEES', value: (row) => formatUsd(row.day.feesUsd), align: 'right' },
            { header: 'TRADES', value: (row) => formatCount(row.day.trades), align: 'right' },
            ...seriesColumns,
          ]),
        );
      });
    });

  volume
    .command('summary')
    .description('today, 7/14/30 days and all time, per exchange')
    .option(...KINDS_FLAG)
    .option('--json', 'print the API JSON')
    .option('--watch', 'print it again whenever your volume moves (live; Ctrl-C stops)')
    .option('--server <url>', 'with --watch: follow the server at this address (default: the one that owns the data folder, if any)')
    .action(async (options: { json?: boolean; kinds?: string; watch?: boolean; server?: string }, command: Command) => {
      if (options.watch) return watchSummaryCommand(command, { ...options, print: (summary) => printWatched(summary, options.json === true) });
      await withReader(command, async (core) => {
        const summary = await core.service.summary(options.kinds ? { kinds: options.kinds } : {});
        if (options.json) return printJson(summary);
        printOut(summaryTable(summary));
        for (const fee of summary.allTime.unpricedFees) {
          printOut(`unpriced fees: ${fee.amount} ${fee.currency} over ${formatCount(fee.fills)} fills (no USD price; not in FEES)\n`);
        }
        const { accounts } = await core.service.listAccounts({});
        for (const account of accounts) for (const warning of account.warnings) printOut(`warning (${escapeControl(account.label)}): ${warning}\n`);
      });
    });

  return volume;
}
