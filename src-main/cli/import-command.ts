import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { badInput } from '../core/errors.ts';
import type { ApiInput } from '../../src-shared/contract.ts';
import { exchanges } from '../connectors/registry.ts';
import { withWriter } from './folder-writer.ts';
import { printJson } from './global-options.ts';
import { formatCount } from './table.ts';
import { printOut } from './terminal-text.ts';

interface ImportOptions {
  format?: ApiInput<'importFills'>['format'];
  utcOffset?: string;
  dateOrder?: 'day-first' | 'month-first';
  json?: boolean;
}

/** `perpvol import <accountId> <file.csv>`: the exchange's own trade-history export, for history its API no longer serves. */
export function importCommand(): Command {
  return new Command('import')
    .description(`import an exchange's CSV trade-history export into an account (${exchanges.all().flatMap((exchange) => (exchange.csv ? [exchange.info.label] : [])).join(', ')})`)
    .argument('<accountId>', 'the account the trades belong to (see `perpvol accounts list`)')
    .argument('<file>', 'the CSV file as the exchange exported it')
    .addOption(new Option('--format <format>', 'which export the file is').choices(['auto', ...exchanges.all().flatMap((exchange) => (exchange.csv ? [exchange.csv.format] : []))]).default('auto'))
    .option('--utc-offset <offset>', 'zone of times written without one, e.g. +02:00 (default UTC)')
    .addOption(new Option('--date-order <order>', 'for dates like 06/01/2025 when no day is above 12').choices(['day-first', 'month-first']))
    .option('--json', 'print the API JSON')
    .action(async (accountId: string, file: string, options: ImportOptions, command: Command) => {
      const csv = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw badInput('import_file_unreadable', `Cannot read ${file} (${error.code ?? error.message}). Check the path.`);
      });
      await withWriter(command, 'import', async ({ api }) => {
        const result = await api.importFills({
          id: accountId,
          csv,
          ...(options.format ? { format: options.format } : {}),
          ...(options.utcOffset ? { utcOffset: options.utcOffset } : {}),
          ...(options.dateOrder ? { dateOrder: options.dateOrder } : {}),
        });
        if (options.json) return printJson(result);
        const span = result.from && result.to ? ` (the file covers ${result.from.slice(0, 10)} to ${result.to.slice(0, 10)})` : '';
        printOut(
          `Imported ${formatCount(result.imported)} fills${span}; ${formatCount(result.duplicates)} already stored or served by the API, ` +
            `${formatCount(result.skipped)} non-perp rows skipped; ${formatCount(result.days.length)} days updated.\n`,
        );
      });
    });
}
