import { createWriteStream } from 'node:fs';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Command, Option } from 'commander';
import { stringify } from 'csv-stringify';
import { FILLS_PAGE_MAX, GroupBySchema } from '../../src-shared/schemas.ts';
import type { ExchangeId } from '../core/exchange.ts';
import { exchanges } from '../connectors/registry.ts';
import { DAILY_CSV_COLUMNS, FILLS_CSV_COLUMNS, dailyCsvRows, fillCsvRows } from '../service/csv-rows.ts';
import { DEFAULT_DAILY_DAYS, KINDS_FLAG, dailyQueryFromOptions, type DailyFilterOptions } from './daily-query.ts';
import { withReader } from './global-options.ts';

/** Column of `exchange` in FILLS_CSV_COLUMNS: the fills query has no exchange filter, so rows are filtered here. */
const FILL_EXCHANGE_COLUMN = FILLS_CSV_COLUMNS.indexOf('exchange');

interface ExportOptions extends DailyFilterOptions {
  out?: string;
}

/** Writes rows as CSV to --out (or stdout), the same bytes as the REST export. */
async function writeCsv(rows: Iterable<string[]> | AsyncIterable<string[]>, columns: string[], out: string | undefined): Promise<void> {
  const target: Writable = out ? createWriteStream(out) : process.stdout;
  await pipeline(Readable.from(rows), stringify({ header: true, columns }), target, { end: Boolean(out) });
}

async function* onlyExchange(rows: AsyncIterable<string[]>, exchange: ExchangeId | undefined): AsyncGenerator<string[]> {
  for await (const row of rows) if (!exchange || row[FILL_EXCHANGE_COLUMN] === exchange) yield row;
}

/** `perpvol export daily|fills`: the CSV files the REST API serves at /api/v1/export/*.csv. */
export function exportCommand(): Command {
  const exportCmd = new Command('export').description('write daily volume or fills as CSV (same columns as the REST export)');
  const common = (command: Command) =>
    command
      .option('--from <YYYY-MM-DD>', 'first day (UTC, inclusive)')
      .option('--to <YYYY-MM-DD>', 'last day (UTC, inclusive)')
      .option('--account <id>', 'only this account')
      .addOption(new Option('--exchange <id>', 'only this exchange').choices(exchanges.ids()))
      .option(...KINDS_FLAG)
      .option('--out <file>', 'write to this file instead of standard output');

  common(exportCmd.command('daily').description(`volume per UTC day (default: the last ${DEFAULT_DAILY_DAYS} days)`))
    .addOption(new Option('--group-by <what>', 'one row per day and group').choices([...GroupBySchema.options]))
    .action(async (options: ExportOptions, command: Command) => {
      await withReader(command, async (core) => {
        const daily = await core.service.dailyVolume(dailyQueryFromOptions(options));
        await writeCsv(dailyCsvRows(daily, Boolean(options.groupBy)), DAILY_CSV_COLUMNS, options.out);
      });
    });

  common(exportCmd.command('fills').description('every stored fill, oldest pages last (all of them by default)')).action(
    async (options: ExportOptions, command: Command) => {
      await withReader(command, async (core) => {
        const query = {
          ...(options.account ? { accountId: options.account } : {}),
          ...(options.from ? { from: options.from } : {}),
          ...(options.to ? { to: options.to } : {}),
          ...(options.kinds ? { kinds: options.kinds } : {}),
        };
        const first = await core.service.listFills({ ...query, limit: FILLS_PAGE_MAX });
        await writeCsv(onlyExchange(fillCsvRows(core.service, query, first), options.exchange), FILLS_CSV_COLUMNS, options.out);
      });
    },
  );
  return exportCmd;
}
