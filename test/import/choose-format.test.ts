import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseCsvTime, parseUtcOffset } from '../../src-main/connectors/kit/csv/csv-time.ts';
import { allRows, readExport } from './support/read-export.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('choosing the parser for a CSV export', () => {
  test('auto detection tells the exports apart by their header', async () => {
    assert.equal((await readExport(fixture('hyperliquid-trade-history.csv'), { exchange: 'hyperliquid' })).format, 'hyperliquid');
    assert.equal((await readExport(fixture('bybit-usdt-perp-trade-history.csv'), { exchange: 'bybit', format: 'auto' })).format, 'bybit');
  });

  test("a file of another exchange than the account's is refused", async () => {
    await assert.rejects(() => readExport(fixture('bybit-usdt-perp-trade-history.csv'), { exchange: 'hyperliquid' }), {
      code: 'import_exchange_mismatch',
      message: /a bybit export, but the account is on Hyperliquid/,
    });
    await assert.rejects(() => readExport('a,b\n1,2\n', { exchange: 'bybit' }), { code: 'import_exchange_mismatch', message: /not an export Perpvol recognizes/ });
  });

  test('WOO X and Paradex exports say they are not supported yet, and why', async () => {
    await assert.rejects(() => readExport('x\n', { exchange: 'woox' }), { code: 'import_format_unsupported', message: /WOO X CSV exports is not supported yet/ });
    await assert.rejects(() => readExport('x\n', { exchange: 'paradex' }), { code: 'import_format_unsupported', message: /serves your whole fill history/ });
  });

  test('unreadable CSV names the line, and an empty file says so', async () => {
    await assert.rejects(() => allRows('time,coin\n1,2,3\n'), { code: 'import_invalid_csv', message: /line 2/ });
    await assert.rejects(() => allRows('time,coin\n1,"2\n'), { code: 'import_invalid_csv', message: /line 2/ });
    await assert.rejects(() => allRows(''), { code: 'import_empty_file' });
  });

  test('rows remember the line they start on, even after a quoted field spanning lines', async () => {
    const [, ...rows] = await allRows('a,b\n"x\ny",1\n\nz,2\n');
    assert.deepEqual(rows.map((r) => r.line), [2, 5]);
  });
});

describe('times in exports', () => {
  const utc = { offsetMinutes: 0, dateOrder: null };
  test('zoned and epoch times are absolute; zone-less ones are read in the given offset', () => {
    assert.equal(parseCsvTime('2025-01-06T13:25:38.148+02:00', utc), Date.UTC(2025, 0, 6, 11, 25, 38, 148));
    assert.equal(parseCsvTime('1700000000', utc), 1_700_000_000_000);
    assert.equal(parseCsvTime('14:35 2024-11-16', { offsetMinutes: -300, dateOrder: null }), Date.UTC(2024, 10, 16, 19, 35));
    assert.equal(parseCsvTime('25/09/2025 13:33:06', { offsetMinutes: 0, dateOrder: 'day-first' }), Date.UTC(2025, 8, 25, 13, 33, 6));
  });

  test('impossible dates are not times', () => {
    assert.equal(parseCsvTime('31/04/2025 - 10:00:00', { offsetMinutes: 0, dateOrder: 'day-first' }), null);
    assert.equal(parseCsvTime('yesterday', utc), null);
  });

  test('UTC offsets are read in the usual spellings and nonsense is refused', () => {
    assert.deepEqual(['+02:00', '-0530', 'UTC+10', '0', 'UTC'].map(parseUtcOffset), [120, -330, 600, 0, 0]);
    assert.throws(() => parseUtcOffset('Europe/Paris'), { code: 'invalid_utc_offset' });
    assert.throws(() => parseUtcOffset('+15:00'), { code: 'invalid_utc_offset' });
  });
});
