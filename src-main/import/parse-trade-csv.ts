/**
 * The dispatcher: which parser reads a file, chosen by the user or by the file's header, checked
 * against the account's exchange. WOO X and Paradex exports are not read (yet): their CSV formats
 * could not be confirmed from public documentation, and their APIs serve the history a trader
 * needs (WOO X two years, Paradex all of it), so a sync already fills what an import would.
 */
import { badInput } from '../core/errors.ts';
import { EXCHANGE_LABELS, type ExchangeId } from '../core/exchange.ts';
import { looksLikeBybit, parseBybitCsv } from './bybit-csv.ts';
import { readCsv } from './csv-table.ts';
import type { DateOrder } from './csv-time.ts';
import { looksLikeHyperliquid, parseHyperliquidCsv } from './hyperliquid-csv.ts';
import { IMPORT_FORMATS, type ImportFormat, type ParsedImport } from './parsed-import.ts';

export interface ParseOptions {
  /** The account's exchange: the file must be its export. */
  exchange: ExchangeId;
  format?: ImportFormat | 'auto';
  /** Zone of times written without one, minutes east of UTC (null: the format's default, UTC). */
  offsetMinutes?: number | null;
  dateOrder?: DateOrder;
}

const FORMAT_OF_EXCHANGE: Partial<Record<ExchangeId, ImportFormat>> = { hyperliquid: 'hyperliquid', bybit: 'bybit' };

const WHY_NOT: Partial<Record<ExchangeId, string>> = {
  woox: "its export format could not be confirmed; WOO X's API serves your last two years of fills, which a sync already stores",
  paradex: "its export format could not be confirmed; Paradex's API serves your whole fill history, which a sync already stores",
};

/** The whole file at once (small files, tests); imports read files row by row (stream-import.ts). */
export function parseTradeCsv(csv: string, options: ParseOptions): ParsedImport {
  refuseUnsupportedExchange(options.exchange);
  const table = readCsv(csv);
  const format = chooseFormat(options.exchange, table.headers, options.format);
  const offsetMinutes = options.offsetMinutes ?? null;
  return format === 'hyperliquid'
    ? parseHyperliquidCsv(table, { offsetMinutes: offsetMinutes ?? 0, ...(options.dateOrder ? { dateOrder: options.dateOrder } : {}) })
    : parseBybitCsv(table, { offsetMinutes });
}

/** Before reading a byte: an account on an exchange whose exports Perpvol does not read is refused. */
export function refuseUnsupportedExchange(exchange: ExchangeId): void {
  if (FORMAT_OF_EXCHANGE[exchange]) return;
  throw badInput(
    'import_format_unsupported',
    `Importing ${EXCHANGE_LABELS[exchange]} CSV exports is not supported yet: ${WHY_NOT[exchange] ?? 'no parser exists for it'}. Perpvol reads ${IMPORT_FORMATS.join(' and ')} exports.`,
  );
}

/** The file's format (asked for, or told by its header), which must be the account's exchange's. */
export function chooseFormat(exchange: ExchangeId, headers: readonly string[], requested: ImportFormat | 'auto' | undefined): ImportFormat {
  refuseUnsupportedExchange(exchange);
  const expected = FORMAT_OF_EXCHANGE[exchange]!;
  const format = !requested || requested === 'auto' ? detect(headers) : requested;
  if (format !== expected) {
    throw badInput(
      'import_exchange_mismatch',
      `This is ${format ? `a ${format} export` : 'not an export Perpvol recognizes'}, but the account is on ${EXCHANGE_LABELS[exchange]}. Import the file into a ${format ?? expected} account, or export your ${EXCHANGE_LABELS[exchange]} trade history. Nothing was imported.`,
    );
  }
  return format;
}

function detect(headers: readonly string[]): ImportFormat | null {
  if (looksLikeHyperliquid(headers)) return 'hyperliquid';
  if (looksLikeBybit(headers)) return 'bybit';
  return null;
}
