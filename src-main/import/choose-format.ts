/** Which exchange's reader takes a file: each exchange's descriptor says whether Perpvol reads its export (`csv`) and, when not, why (`csvRefusal`). */
import { badInput } from '../core/errors.ts';
import type { ExchangeId } from '../core/exchange.ts';
import { exchanges as appExchanges, type ExchangeRegistry } from '../connectors/registry.ts';
import type { CsvFormat, ImportFormat } from '../connectors/kit/csv-format.ts';

/** Before reading a byte: the exchange's export reader, or the refusal when Perpvol reads none. */
export function csvFormatOf(exchange: ExchangeId, exchanges: ExchangeRegistry = appExchanges): CsvFormat {
  const descriptor = exchanges.get(exchange);
  if (descriptor.csv) return descriptor.csv;
  const readable = exchanges.all().flatMap((other) => (other.csv ? [other.csv.format] : []));
  throw badInput(
    'import_format_unsupported',
    `Importing ${descriptor.info.label} CSV exports is not supported yet: ${descriptor.csvRefusal ?? 'no parser exists for it'}. Perpvol reads ${readable.join(' and ')} exports.`,
  );
}

/** The file's format (asked for, or told by its header), which must be the account's exchange's. */
export function chooseFormat(
  exchange: ExchangeId,
  headers: readonly string[],
  requested: ImportFormat | 'auto' | undefined,
  exchanges: ExchangeRegistry = appExchanges,
): CsvFormat {
  const expected = csvFormatOf(exchange, exchanges);
  const label = exchanges.get(exchange).info.label;
  const format = !requested || requested === 'auto' ? (exchanges.all().find((other) => other.csv?.looksLike(headers))?.csv?.format ?? null) : requested;
  if (format !== expected.format) {
    throw badInput(
      'import_exchange_mismatch',
      `This is ${format ? `a ${format} export` : 'not an export Perpvol recognizes'}, but the account is on ${label}. Import the file into a ${format ?? expected.format} account, or export your ${label} trade history. Nothing was imported.`,
    );
  }
  return expected;
}
