import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IMPORT_CSV_MAX_BYTES, type ImportFillsResult } from '../../../src-shared/schemas.ts';
import {
  canImportCsv,
  checkImportFile,
  importAdvice,
  importRetries,
  importSummary,
  suggestedUtcOffset,
  utcOffsetProblem,
  whereToExport,
} from '../../../src-renderer/src/lib/csv-import.ts';
import { served } from './served-exchanges.ts';

const result = (overrides: Partial<ImportFillsResult> = {}): ImportFillsResult => ({
  imported: 2_000,
  duplicates: 311,
  skipped: 4,
  days: ['2025-01-03', '2025-03-01'],
  from: '2025-01-03T08:15:02.000Z',
  to: '2025-03-01T23:59:59.000Z',
  ...overrides,
});

// The service's own wording (src-main/import/hyperliquid-overlap.ts), so a change there shows up here.
const timesMismatch = {
  code: 'import_times_mismatch',
  message: '40 of 50 rows in the period Perpvol already synced from Hyperliquid match no synced fill. Its times look +02:00 off UTC — your browser\'s time zone, probably: import again with --utc-offset +02:00 (REST "utcOffset"). Nothing from this file was imported.',
};

describe('which accounts offer "Import CSV export…"', () => {
  it('offers it on Hyperliquid and Bybit, whose exports Perpvol reads, with where to download them', () => {
    assert.equal(canImportCsv(served('hyperliquid')), true);
    assert.equal(canImportCsv(served('bybit')), true);
    assert.match(whereToExport(served('hyperliquid')) ?? '', /Trade History.*Export as CSV/);
    assert.match(whereToExport(served('bybit')) ?? '', /Derivatives → Trade History/);
  });

  it('does not offer it on WOO X or Paradex, whose exports are not supported', () => {
    assert.equal(canImportCsv(served('woox')), false);
    assert.equal(canImportCsv(served('paradex')), false);
    assert.equal(whereToExport(served('paradex')), null);
  });
});

describe('checking a file before uploading it', () => {
  it('accepts a file up to 50 MB, the most the server takes', () => {
    assert.equal(checkImportFile({ name: 'trades.csv', size: 1_234 }), null);
    assert.equal(checkImportFile({ name: 'trades.csv', size: IMPORT_CSV_MAX_BYTES }), null);
  });

  it('refuses a larger file, saying its size, the limit, and to import it in parts', () => {
    const problem = checkImportFile({ name: 'all-trades.csv', size: IMPORT_CSV_MAX_BYTES + 1 });
    assert.match(problem ?? '', /^all-trades\.csv is 50\.0 MB; Perpvol imports files up to 50 MB\./);
    assert.match(problem ?? '', /parts/);
    assert.match(checkImportFile({ name: 'x.csv', size: 73 * 1024 * 1024 }) ?? '', /is 73\.0 MB/);
  });

  it('refuses an empty file', () => {
    assert.match(checkImportFile({ name: 'empty.csv', size: 0 }) ?? '', /empty/);
  });
});

describe('the UTC offset field', () => {
  it('accepts what the service accepts, and an empty field for UTC', () => {
    for (const ok of ['', '  ', '+02:00', '-05:00', '+0530', '+2', 'UTC', 'utc+01:00', '0', '+14:00']) assert.equal(utcOffsetProblem(ok), null, ok);
  });

  it('explains how to write it when it is not an offset', () => {
    for (const bad of ['2', '+15:00', 'CET', '+02:75', 'two']) assert.match(utcOffsetProblem(bad) ?? '', /like \+02:00/, bad);
  });
});

describe('the result summary', () => {
  it('says how many fills were imported, over which days, how many were already stored and how many rows skipped', () => {
    assert.equal(
      importSummary(result(), 'en-US'),
      'Imported 2,000 fills from a file spanning Jan 3, 2025 to Mar 1, 2025; 311 already stored; 4 non-perp rows skipped.',
    );
  });

  it('leaves out the counts that are zero and speaks of one fill in the singular', () => {
    assert.equal(importSummary(result({ imported: 1, duplicates: 0, skipped: 0 }), 'en-US'), 'Imported 1 fill from a file spanning Jan 3, 2025 to Mar 1, 2025.');
    assert.equal(importSummary(result({ skipped: 1, duplicates: 0 }), 'en-US'), 'Imported 2,000 fills from a file spanning Jan 3, 2025 to Mar 1, 2025; 1 non-perp row skipped.');
  });

  it('says plainly that nothing was new when the same file is imported again', () => {
    assert.equal(
      importSummary(result({ imported: 0, duplicates: 2_311, skipped: 4, days: [] }), 'en-US'),
      'Nothing new: all 2,311 fills of the file were already stored (Jan 3, 2025 to Mar 1, 2025); 4 non-perp rows skipped.',
    );
  });

  it('says the file held no perp fills when it had only spot or funding rows', () => {
    assert.equal(
      importSummary(result({ imported: 0, duplicates: 0, skipped: 12, days: [], from: null, to: null }), 'en-US'),
      'The file holds no perpetual-futures fills, so nothing was imported; 12 non-perp rows skipped.',
    );
  });

  it('writes counts and dates in the user’s locale', () => {
    assert.equal(importSummary(result({ duplicates: 0, skipped: 0 }), 'de-DE'), 'Imported 2.000 fills from a file spanning 3. Jan. 2025 to 1. März 2025.');
  });
});

describe('retrying a refused import', () => {
  it('reads the offset a times mismatch names, and offers "Retry with" it', () => {
    assert.equal(suggestedUtcOffset(timesMismatch), '+02:00');
    assert.deepEqual(importRetries(timesMismatch), [{ label: 'Retry with +02:00', options: { utcOffset: '+02:00' } }]);
    const west = { ...timesMismatch, message: timesMismatch.message.replaceAll('+02:00', '-05:30') };
    assert.deepEqual(importRetries(west), [{ label: 'Retry with -05:30', options: { utcOffset: '-05:30' } }]);
  });

  it('offers no retry when the mismatch names no offset, or the error is another one', () => {
    const unknown = { code: 'import_times_mismatch', message: 'Check that the file is this account\'s export and that its times are UTC (or pass the offset they are in with --utc-offset, REST "utcOffset").' };
    assert.equal(suggestedUtcOffset(unknown), null);
    assert.deepEqual(importRetries(unknown), []);
    assert.equal(suggestedUtcOffset({ code: 'import_invalid_row', message: 'Line 12, column "px": --utc-offset +02:00' }), null);
    assert.deepEqual(importRetries({ code: 'import_needs_sync', message: 'Sync this Hyperliquid account once before importing its CSV.' }), []);
  });

  it('offers both date orders when no date in the file decides, but not when the file mixes them', () => {
    const ambiguous = { code: 'import_date_order', message: 'Every date in the file could be read day-first or month-first (no day is above 12). Say which with --date-order day-first|month-first (REST: "dateOrder").' };
    assert.deepEqual(importRetries(ambiguous).map((r) => r.options.dateOrder), ['day-first', 'month-first']);
    assert.deepEqual(importRetries({ code: 'import_date_order', message: 'The file mixes day-first and month-first dates; export it again from one browser.' }), []);
  });

  it('says what to do in the dashboard, where the service’s message speaks of command-line flags', () => {
    assert.equal(importAdvice(timesMismatch), '“Retry with +02:00” imports the same file again, reading its times as UTC+02:00.');
    assert.match(importAdvice({ code: 'import_times_mismatch', message: 'times are UTC' }) ?? '', /under advanced options/);
    assert.match(importAdvice({ code: 'import_needs_sync', message: 'Sync this Hyperliquid account once' }) ?? '', /Press Sync/);
    assert.equal(importAdvice({ code: 'import_invalid_row', message: 'Line 12, column "px": expected a decimal number (found "abc").' }), null);
  });
});
