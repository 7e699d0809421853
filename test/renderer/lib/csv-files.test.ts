/**
 * The desktop app's CSV files are the server's, byte for byte: same columns, same exact amounts,
 * same spreadsheet-safe cells, same quoting and line ends as csv-stringify writes them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stringify } from 'csv-stringify/sync';
import { DAILY_CSV_COLUMNS, dailyCsvRows, FILLS_CSV_COLUMNS, fillRow } from '../../../src-main/service/csv-rows.ts';
import type { ApiFill, Daily } from '../../../src-shared/schemas.ts';
import { dailyCsv, dailyCsvFileName, fillsCsv } from '../../../src-renderer/src/lib/csv-files.ts';

const fills: ApiFill[] = [{
  id: 'f1', accountId: 'a1', exchange: 'bybit', tradeId: '@SUM(1)', orderId: '-1', symbol: '=HYPERLINK("x")', side: 'sell',
  price: '65000.5', qty: '0.001', notionalUsd: 65.0005, fee: '-0.039', feeCurrency: '+USDT', feeUsd: -0.039, liquidity: 'maker', ts: Date.parse('2026-01-02T03:04:05Z'),
  kind: 'perpetual', underlying: '=BTC',
}, {
  id: 'f2', accountId: 'a1', exchange: 'paradex', tradeId: 't2,with "comma"', orderId: null, symbol: 'BTC-USD-PERP', side: 'buy',
  price: '65000', qty: '0.001', notionalUsd: 0.1 + 0.2, fee: '0.5', feeCurrency: 'DIME', feeUsd: null, liquidity: null, ts: Date.parse('2026-01-02T03:04:05Z'),
  kind: 'dated_future', underlying: 'BTC',
}];

const day = (date: string, volumeUsd: number) => ({ date, volumeUsd, makerVolumeUsd: volumeUsd / 4, takerVolumeUsd: volumeUsd * 0.75, feesUsd: -0.000001, trades: 3 });
const daily: Daily = {
  from: '2026-01-01', to: '2026-01-02', currency: 'USD', kinds: ['perpetual', 'dated_future'],
  total: [day('2026-01-01', 10.5), day('2026-01-02', 0.1 + 0.2)],
  series: [{ key: 'acc-1', label: '-Desk, "main" (Bybit)', days: [day('2026-01-01', 10.5), day('2026-01-02', 0.3)] }],
};

describe('CSV files saved by the desktop app', () => {
  it('writes the fills file exactly as the server streams it', () => {
    const server = stringify(fills.map(fillRow), { header: true, columns: FILLS_CSV_COLUMNS });
    assert.equal(fillsCsv(fills), server);
    assert.equal(fillsCsv(fills).split('\n')[1], `f1,a1,bybit,'@SUM(1),'-1,"'=HYPERLINK(""x"")",sell,65000.5,0.001,65.000500,-0.039,'+USDT,-0.039000,maker,1767323045000,2026-01-02T03:04:05.000Z,perpetual,'=BTC`);
  });

  it('writes the daily file, grouped or not, exactly as the server streams it', () => {
    for (const grouped of [false, true]) {
      assert.equal(dailyCsv(daily, grouped), stringify(dailyCsvRows(daily, grouped), { header: true, columns: DAILY_CSV_COLUMNS }), `grouped ${grouped}`);
    }
    assert.equal(dailyCsv(daily, false).split('\n')[2], '2026-01-02,,,0.300000,0.075000,0.225000,-0.000001,3,perpetual+dated_future');
    assert.equal(dailyCsvFileName(daily), 'perpvol-daily-2026-01-01-2026-01-02.csv');
  });
});
