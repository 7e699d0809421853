import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { readExport } from './support/read-export.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const read = (csv: string) => readExport(csv, { exchange: 'bybit', format: 'bybit' });
const parse = (name: string) => read(fixture(name));

describe("Bybit's derivatives Trade History CSV", () => {
  test('trade rows become fills whose trade id is the execution id the API uses; funding rows are skipped', async () => {
    const result = await parse('bybit-usdt-perp-trade-history.csv');
    assert.equal(result.skipped, 1);
    assert.deepEqual(
      result.fills.map((f) => [f.tradeId, f.orderId, f.symbol, f.side, f.notionalMicros, f.feeMicros, f.feeCurrency]),
      [
        ['e5f1c2d0-1111-4aaa-8bbb-000000000001', '1a2b3c', 'BTCUSDT', 'buy', 600_005_000, 120_001, 'USDT'],
        ['e5f1c2d0-1111-4aaa-8bbb-000000000002', '4d5e6f', 'ETHUSDT', 'sell', 4_500_000_000, 2_475_000, 'USDT'],
        ['e5f1c2d0-1111-4aaa-8bbb-000000000004', '7a8b9c', 'SOLUSDT', 'buy', 2_001_000_000, -200_100, 'USDT'],
      ],
    );
  });

  test('times are read in the zone the header names (UTC+10), so the UTC day is right', async () => {
    const [btc, , sol] = (await parse('bybit-usdt-perp-trade-history.csv')).fills;
    assert.equal(new Date(btc!.ts).toISOString(), '2024-11-15T23:30:00.000Z');
    assert.equal(new Date(sol!.ts).toISOString(), '2024-11-16T22:59:00.000Z');
  });

  test('inverse contracts count their USD contracts and value the coin fee at the fill price; options are skipped', async () => {
    const result = await parse('bybit-inverse-trade-history.csv');
    assert.equal(result.skipped, 1);
    assert.deepEqual(
      result.fills.map((f) => [f.symbol, f.notionalMicros, f.fee, f.feeCurrency, f.feeMicros, new Date(f.ts).toISOString()]),
      [['BTCUSD', 1_000_000_000, '0.00001500000000000000', 'BTC', 750_000, '2023-05-02T23:59:30.000Z']],
    );
  });

  test('a side that is neither buy nor sell names its line and column, and nothing is read', async () => {
    await assert.rejects(() => parse('bybit-bad-side.csv'), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'import_invalid_row');
      assert.match(error.message, /^Line 3, column "Direction": expected Buy or Sell \(found "HOLD"\)/);
      return true;
    });
  });

  test('the API’s own column names are accepted too', async () => {
    const csv = 'symbol,side,execQty,execPrice,execFee,execId,execType,execTime\nBTCUSDT,Buy,0.5,100,0.05,abc,Trade,1700000000123\n';
    const [fill] = (await read(csv)).fills;
    assert.deepEqual([fill?.tradeId, fill?.notionalMicros, fill?.ts], ['abc', 50_000_000, 1_700_000_000_123]);
  });

  test('dated futures are imported as such, with the perp’s underlying; a fee in another coin stays unpriced', async () => {
    const csv = [
      'symbol,side,execQty,execPrice,execFee,feeCurrency,execId,execType,execTime',
      'BTCUSDT-26DEC25,Buy,0.5,100,0.05,USDT,f1,Trade,1700000000123',
      'BTCUSDZ25,Sell,1000,50000,0.000001,BTC,f2,Trade,1700000000124',
      '1000PEPEUSDT,Buy,10,0.01,0.3,MNT,f3,Trade,1700000000125',
    ].join('\n');
    const fills = (await read(csv)).fills;
    assert.deepEqual(
      fills.map((f) => [f.tradeId, f.kind, f.underlying, f.notionalMicros, f.feeMicros]),
      [['f1', 'dated_future', 'BTC', 50_000_000, 50_000], ['f2', 'dated_future', 'BTC', 1_000_000_000, 50_000], ['f3', 'perpetual', 'PEPE', 100_000, null]],
    );
  });

  test('a number with a huge exponent is refused at once, naming its line and column', async () => {
    const csv = 'symbol,side,execQty,execPrice,execFee,execId,execType,execTime\nBTCUSDT,Buy,1e10000000,100,0.05,abc,Trade,1700000000123\n';
    await assert.rejects(() => read(csv), (error: Error & { code?: string; kind?: string }) => {
      assert.deepEqual([error.code, error.kind], ['import_invalid_row', 'bad_input']);
      assert.match(error.message, /^Line 2, column "execQty": expected a decimal number \(found "1e10000000"\)/);
      assert.ok(error.message.length < 300);
      return true;
    });
  });

  test('a missing execution id column is named', async () => {
    await assert.rejects(() => read('Contracts,Direction,Filled Qty,Filled Price,Fees Paid,Transaction Time(UTC)\n'), {
      code: 'import_missing_columns',
      message: /"execId" is missing/,
    });
  });
});
