/**
 * An exchange's own CSV trade-history export, as its adapter reads it inside an import
 * (service/csv-import.ts). Fills are normalized exactly like the exchange's connector would (same
 * symbol, notional and fee rules, and where the export carries the exchange's execution id, the
 * same trade id), so a fill imported and later fetched is one fill.
 */
import type { HistoryGap } from '../../core/history-gap.ts';
import type { Fill } from '../../core/fill.ts';
import type { DateOrder } from './csv/csv-time.ts';
import type { CsvRow } from './csv/csv-table.ts';

/** A CSV export Perpvol reads, named like its exchange (`CsvFormat.format`); `auto` picks by the header. */
export type ImportFormat = string;

export interface CsvReadOptions {
  /** Zone of times written without one, minutes east of UTC; null: the format's default (UTC). */
  offsetMinutes: number | null;
  dateOrder?: DateOrder;
}

/** What the account already holds from its sync, for a format that must not import what the API serves. */
export interface SyncedHistory {
  state(): Promise<{ backfillDone: boolean; coveredFrom: number | null; coveredTo: number | null; historyGaps: HistoryGap[] } | null>;
  fills(fromMs: number, toMs: number): AsyncIterable<Pick<Fill, 'tradeId' | 'ts' | 'symbol' | 'side' | 'price' | 'qty'>>;
}

/**
 * Reads one row of a file whose header has been checked: a perp fill; 'skipped' for a row that is
 * not a perp trade (spot, funding, settlement: counted as skipped); null for a row the exchange's
 * own rules leave out without counting it. A row that does not fit its format throws.
 */
export type RowReader = (row: CsvRow) => Fill | 'skipped' | null;

/** How an import reads the rows of one file: each row to a fill, and which fills to keep. */
export interface RowPlan {
  read: RowReader;
  /** Whether to import this fill (false: the API serves it, the sync stores it). */
  take?(fill: Fill): boolean;
  /** After the last row, inside the import's transaction: throws when the file does not line up. */
  finish?(): void;
}

export interface CsvFormat {
  /** The format's name, as `format` of an import request: the exchange id. */
  format: string;
  /** For the person choosing a file: what to export, and where. */
  guidance: string;
  looksLike(headers: readonly string[]): boolean;
  plan(
    headers: string[],
    file: { rows(): AsyncIterable<{ cells: string[] }> },
    options: CsvReadOptions & { synced: SyncedHistory; exchangeLabel: string },
  ): Promise<RowPlan>;
}
