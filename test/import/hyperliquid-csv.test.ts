import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { hyperliquidRowReader, sideOfDirection } from '../../src-main/connectors/hyperliquid/csv-export.ts';
import type { DateOrder } from '../../src-main/connectors/kit/csv/csv-time.ts';
import { allRows, readExport } from './support/read-export.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const read = (csv: string, offsetMinutes = 0, dateOrder?: DateOrder) =>
  readExport(csv, { exchange: 'hyperliquid', format: 'hyperliquid', offsetMinutes, ...(dateOrder ? { dateOrder } : {}) });
const parse = (name: string, offsetMinutes = 0) => read(fixture(name), offsetMinutes);

describe("Hyperliquid's Trade History CSV", () => {
  test('perp rows become fills with the connector’s notional and fee rules; spot rows are skipped', async () => {
    const result = await parse('hyperliquid-trade-history.csv');
    assert.ok(result.fills.every((f) => f.exchange === 'hyperliquid'));
    assert.equal(result.skipped, 2, 'the @107 and PURR/USDC spot rows');
    assert.deepEqual(
      result.fills.map((f) => [f.symbol, f.side, f.notionalMicros, f.feeMicros, f.feeCurrency, f.liquidity, new Date(f.ts).toISOString()]),
      [
        ['BTC', 'buy', 34_000_000_000, 8_500_000, 'USDC', null, '2025-01-06T17:38:42.000Z'],
        ['BTC', 'buy', 34_000_000_000, 8_500_000, 'USDC', null, '2025-01-06T17:38:42.000Z'],
        ['ETH', 'sell', 6_201_000_000, -310_100, 'USDC', null, '2025-01-13T00:00:05.000Z'],
        ['SOL', 'sell', 601_000_000, 270_450, 'USDC', null, '2025-01-14T23:59:59.000Z'],
      ],
    );
  });

  test('the BOM, CRLF line ends and quoted thousands are read, and prices keep the file’s spelling', async () => {
    const [, , eth] = (await parse('hyperliquid-trade-history.csv')).fills;
    assert.equal(eth?.price, '3100.5');
    assert.equal(eth?.qty, '2');
  });

  test('derived trade ids are stable across imports and tell identical rows of one second apart', async () => {
    const first = (await parse('hyperliquid-trade-history.csv')).fills.map((f) => f.tradeId);
    const again = (await parse('hyperliquid-trade-history.csv')).fills.map((f) => f.tradeId);
    assert.deepEqual(first, again);
    assert.equal(new Set(first).size, first.length);
    assert.ok(first.every((id) => id.startsWith('hl-csv-')));
  });

  test('a file in time order gives the same trade ids when identical rows are counted per second only', async () => {
    const lines = ['time,coin,dir,px,sz,ntl,fee,closedPnl'];
    for (let second = 0; second < 50; second++) {
      for (let copy = 0; copy < 1 + (second % 3); copy++) lines.push(`13/01/2025 - 10:00:${String(second).padStart(2, '0')},BTC,Open Long,100,1,100,0.1,0`);
    }
    const [header, ...rows] = await allRows(`${lines.join('\n')}\n`);
    const ids = (sortedByTime: boolean) => {
      const read = hyperliquidRowReader(header!.cells, { offsetMinutes: 0, dateOrder: 'day-first', sortedByTime });
      return rows.map((row) => (read(row) as { tradeId: string }).tradeId);
    };
    assert.deepEqual(ids(true), ids(false));
    assert.equal(new Set(ids(true)).size, rows.length);
  });

  test('ISO times with milliseconds, a feeToken column and HIP-3 perps are read', async () => {
    const result = await parse('hyperliquid-iso-times.csv');
    assert.deepEqual(result.fills.map((f) => [f.symbol, f.side, f.ts, f.notionalMicros]), [
      ['BTC', 'sell', Date.UTC(2025, 0, 6, 13, 25, 38, 148), 6_700_000_000],
      ['xyz:TSLA', 'buy', Date.UTC(2025, 0, 6, 13, 25, 39, 500), 501_000_000],
    ]);
  });

  test('month-first dates are recognised from a day above 12, and times move by the given UTC offset', async () => {
    const result = await parse('hyperliquid-month-first.csv', 120);
    assert.deepEqual(result.fills.map((f) => new Date(f.ts).toISOString()), ['2025-09-18T12:59:56.000Z', '2025-09-01T00:00:00.000Z']);
  });

  test('a bad price names its line and column, and the whole file is refused', async () => {
    await assert.rejects(() => parse('hyperliquid-bad-price.csv'), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'import_invalid_row');
      assert.match(error.message, /^Line 3, column "px": expected a decimal number \(found "abc"\)/);
      assert.match(error.message, /Nothing from this file was imported/);
      return true;
    });
  });

  test('a direction Perpvol does not know is an error, not a guess', async () => {
    const csv = 'time,coin,dir,px,sz,ntl,fee,closedPnl\n2025-01-06 13:25:38,BTC,Sideways,1,1,1,0,0\n';
    await assert.rejects(() => read(csv), /Line 2, column "dir": unknown direction "Sideways"/);
  });

  test('dates that could be either day-first or month-first ask the user which', async () => {
    const csv = 'time,coin,dir,px,sz,ntl,fee,closedPnl\n06/01/2025 - 17:38:42,BTC,Open Long,1,1,1,0,0\n';
    await assert.rejects(() => read(csv), { code: 'import_date_order' });
    const fills = (await read(csv, 0, 'month-first')).fills;
    assert.equal(new Date(fills[0]!.ts).toISOString(), '2025-06-01T17:38:42.000Z');
  });

  test('a file mixing day-first and month-first dates is refused, unless the user says which', async () => {
    const csv = 'time,coin,dir,px,sz,ntl,fee,closedPnl\n13/01/2025 - 10:00:00,BTC,Open Long,1,1,1,0,0\n01/14/2025 - 10:00:00,BTC,Open Long,1,1,1,0,0\n';
    await assert.rejects(() => read(csv), { code: 'import_date_order', message: /mixes day-first and month-first/ });
    await assert.rejects(() => read(csv, 0, 'day-first'), { code: 'import_invalid_row', message: /Line 3, column "time"/ });
  });

  test('a missing column is named', async () => {
    await assert.rejects(() => read('time,coin,dir,px,sz\n'), { code: 'import_missing_columns', message: /"fee" is missing/ });
  });

  test('directions map to the side of the fill, liquidations included', () => {
    assert.deepEqual(
      ['Open Long', 'Close Short', 'Short > Long', 'Open Short', 'Close Long', 'Long > Short', 'Liquidated Cross Long', 'Buy', 'Sell'].map(sideOfDirection),
      ['buy', 'buy', 'buy', 'sell', 'sell', 'sell', 'sell', 'buy', 'sell'],
    );
  });
});
