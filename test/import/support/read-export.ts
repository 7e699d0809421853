/**
 * A CSV export read the way an import reads it (csvRows, then the format's row plan), collected in
 * memory without a store: for an account whose sync has not served any fill, so every row counts.
 */
import type { ExchangeId } from '../../../src-main/core/exchange.ts';
import type { Fill } from '../../../src-main/core/fill.ts';
import type { ExchangeRegistry } from '../../../src-main/connectors/registry.ts';
import type { SyncedHistory } from '../../../src-main/connectors/kit/csv-format.ts';
import { csvRows, type CsvRow } from '../../../src-main/connectors/kit/csv/csv-table.ts';
import type { DateOrder } from '../../../src-main/connectors/kit/csv/csv-time.ts';
import { chooseFormat, csvFormatOf } from '../../../src-main/import/choose-format.ts';

const NEVER_SERVED: SyncedHistory = {
  state: async () => ({ backfillDone: true, coveredFrom: null, coveredTo: null, historyGaps: [] }),
  fills: async function* () {},
};

export interface ReadOptions {
  exchange: ExchangeId;
  format?: string;
  offsetMinutes?: number | null;
  dateOrder?: DateOrder;
  exchanges?: ExchangeRegistry;
}

export async function allRows(csv: string): Promise<CsvRow[]> {
  const rows: CsvRow[] = [];
  for await (const row of csvRows(csv)) rows.push(row);
  return rows;
}

export async function readExport(csv: string, options: ReadOptions): Promise<{ format: string; fills: Fill[]; skipped: number }> {
  csvFormatOf(options.exchange, options.exchanges);
  const [header, ...rows] = await allRows(csv);
  const format = chooseFormat(options.exchange, header!.cells, options.format, options.exchanges);
  const plan = await format.plan(header!.cells, { rows: () => csvRows(csv) }, {
    offsetMinutes: options.offsetMinutes ?? null,
    ...(options.dateOrder ? { dateOrder: options.dateOrder } : {}),
    synced: NEVER_SERVED,
    exchangeLabel: options.exchange,
  });
  const fills: Fill[] = [];
  let skipped = 0;
  for (const row of rows) {
    const result = plan.read(row);
    if (result === 'skipped') skipped++;
    else if (result !== null && (plan.take?.(result) ?? true)) fills.push(result);
  }
  plan.finish?.();
  return { format: format.format, fills, skipped };
}
