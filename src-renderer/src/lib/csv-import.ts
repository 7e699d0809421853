/**
 * The words and checks around "Import CSV export…": which exchanges have an importable export and
 * where to download it, the checks made before uploading (size, offset), the result as one
 * sentence, and the one-click retries a refusal suggests. Pure, so it is tested without a browser.
 */
import type { ExchangeInfo } from '../../../src-shared/exchange-info.ts';
import { IMPORT_CSV_MAX_BYTES, type ImportFillsResult } from '../../../src-shared/schemas.ts';
import { formatDay, formatInteger, userLocale } from './format.ts';

export type DateOrder = 'day-first' | 'month-first';

/** Whether Perpvol can import this exchange's own trade-history export (its description says where it lives). */
export function canImportCsv(exchange: ExchangeInfo | undefined): boolean {
  return exchange?.csvImport != null;
}

/** "On app.hyperliquid.xyz open …", or null when the exchange's export cannot be imported. */
export function whereToExport(exchange: ExchangeInfo | undefined): string | null {
  return exchange?.csvImport?.guidance ?? null;
}

const MB = 1024 * 1024;

/** Why a chosen file cannot be uploaded, or null when it may be. Checked before reading it at all. */
export function checkImportFile(file: { name: string; size: number }, maxBytes = IMPORT_CSV_MAX_BYTES): string | null {
  if (file.size === 0) return `${file.name} is empty: export your trade history from the exchange again and choose that file.`;
  if (file.size > maxBytes) {
    const size = (file.size / MB).toFixed(1);
    return `${file.name} is ${size} MB; Perpvol imports files up to ${Math.floor(maxBytes / MB)} MB. Export a shorter period at a time (or split the file) and import the parts one after another: nothing is counted twice.`;
  }
  return null;
}

/** Same shapes the service accepts: "+02:00", "-5", "+0530", "UTC", "0"; at most ±14 hours. */
const OFFSET = /^(?:UTC|GMT)?\s*([+-])?(\d{1,2})(?::?(\d{2}))?$/i;

/** Why the UTC-offset field is not an offset, or null when it is (or is left empty, meaning UTC). */
export function utcOffsetProblem(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '' || /^(UTC|GMT|Z)$/i.test(trimmed)) return null;
  const match = OFFSET.exec(trimmed);
  const minutes = match ? Number(match[2]) * 60 + Number(match[3] ?? 0) : NaN;
  if (!match || minutes > 14 * 60 || Number(match[3] ?? 0) >= 60 || (match[1] === undefined && minutes !== 0)) {
    return 'Write the offset like +02:00 or -05:00 (leave it empty for UTC).';
  }
  return null;
}

const count = (n: number, one: string, many: string, locale: string) => `${formatInteger(n, locale)} ${n === 1 ? one : many}`;

/**
 * "Imported 2,000 fills from a file spanning Jan 3, 2025 to Mar 1, 2025; 311 already stored;
 * 4 non-perp rows skipped." The span is the file's (its older rows are the ones imported, when
 * the API still serves the newer ones).
 */
export function importSummary(result: ImportFillsResult, locale = userLocale()): string {
  const span = result.from && result.to
    ? `${formatDay(result.from.slice(0, 10), locale)} to ${formatDay(result.to.slice(0, 10), locale)}`
    : null;
  const parts: string[] = [];
  if (result.imported > 0) {
    parts.push(`Imported ${count(result.imported, 'fill', 'fills', locale)}${span ? ` from a file spanning ${span}` : ''}`);
    if (result.duplicates > 0) parts.push(`${formatInteger(result.duplicates, locale)} already stored`);
  } else if (result.duplicates > 0) {
    parts.push(`Nothing new: ${result.duplicates === 1 ? 'the file’s only fill was' : `all ${formatInteger(result.duplicates, locale)} fills of the file were`} already stored${span ? ` (${span})` : ''}`);
  } else {
    parts.push('The file holds no perpetual-futures fills, so nothing was imported');
  }
  if (result.skipped > 0) parts.push(`${count(result.skipped, 'non-perp row', 'non-perp rows', locale)} skipped`);
  return `${parts.join('; ')}.`;
}

/** What a refusal lets the user retry with, one click each. */
export interface ImportRetry {
  label: string;
  options: { utcOffset?: string; dateOrder?: DateOrder };
}

/** The offset a times-mismatch refusal names ("… import again with --utc-offset +02:00 …"), or null. */
export function suggestedUtcOffset(error: { code: string; message: string }): string | null {
  if (error.code !== 'import_times_mismatch') return null;
  const match = /--utc-offset\s+([+-]\d{2}:\d{2})\b/.exec(error.message);
  return match ? match[1]! : null;
}

/**
 * The retries a refusal suggests: the offset the service found (times mismatch), or both date
 * orders when no date in the file decides between them. Empty when retrying would not help.
 */
export function importRetries(error: { code: string; message: string }): ImportRetry[] {
  const offset = suggestedUtcOffset(error);
  if (offset) return [{ label: `Retry with ${offset}`, options: { utcOffset: offset } }];
  if (error.code === 'import_date_order' && error.message.includes('--date-order')) {
    return [
      { label: 'Retry reading dates day-first', options: { dateOrder: 'day-first' } },
      { label: 'Retry reading dates month-first', options: { dateOrder: 'month-first' } },
    ];
  }
  return [];
}

/** A line under the service's message that says what to do in the dashboard (its message speaks of CLI flags). */
export function importAdvice(error: { code: string; message: string }): string | null {
  const offset = suggestedUtcOffset(error);
  if (offset) return `“Retry with ${offset}” imports the same file again, reading its times as UTC${offset}.`;
  if (error.code === 'import_times_mismatch') return 'If your browser was not on UTC when you exported, enter its offset under advanced options and import again.';
  if (error.code === 'import_needs_sync') return 'Press Sync on this account, wait until it has finished, then import the file again.';
  if (importRetries(error).length > 0) return 'Pick the order your browser writes dates in: day first (31/01) or month first (01/31).';
  return null;
}
