import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvCell, fillsToCsv } from '../../../src-renderer/src/lib/fills-csv.ts';

describe('fills CSV', () => {
  it('writes a header and one exact row per fill', () => {
    const csv = fillsToCsv([{
      id: 'f1', accountId: 'a1', exchange: 'bybit', tradeId: 't1', orderId: null, symbol: 'BTCUSDT', side: 'buy',
      price: '65000.5', qty: '0.001', notionalUsd: 65.0005, fee: '0.039', feeCurrency: 'USDT', feeUsd: 0.039, liquidity: 'taker', ts: Date.parse('2026-01-02T03:04:05Z'),
      kind: 'perpetual', underlying: 'BTC',
    }, {
      id: 'f2', accountId: 'a1', exchange: 'paradex', tradeId: 't2', orderId: null, symbol: 'BTC-USD-PERP', side: 'sell',
      price: '65000', qty: '0.001', notionalUsd: 65, fee: '0.5', feeCurrency: 'DIME', feeUsd: null, liquidity: null, ts: Date.parse('2026-01-02T03:04:05Z'),
      kind: 'perpetual', underlying: 'BTC',
    }]);
    assert.equal(csv,
      'id,accountId,exchange,tradeId,orderId,symbol,side,price,qty,notionalUsd,fee,feeCurrency,feeUsd,liquidity,ts,time,kind,underlying\r\n' +
      'f1,a1,bybit,t1,,BTCUSDT,buy,65000.5,0.001,65.0005,0.039,USDT,0.039,taker,1767323045000,2026-01-02T03:04:05.000Z,perpetual,BTC\r\n' +
      'f2,a1,paradex,t2,,BTC-USD-PERP,sell,65000,0.001,65,0.5,DIME,,,1767323045000,2026-01-02T03:04:05.000Z,perpetual,BTC\r\n');
  });

  it('writes text a spreadsheet would run as a formula with a leading apostrophe, and negative amounts as numbers', () => {
    const csv = fillsToCsv([{
      id: 'f1', accountId: 'a1', exchange: 'bybit', tradeId: '@SUM(1)', orderId: '-1', symbol: '=HYPERLINK("x")', side: 'sell',
      price: '65000.5', qty: '0.001', notionalUsd: 65.0005, fee: '-0.039', feeCurrency: '+USDT', feeUsd: -0.039, liquidity: 'maker', ts: Date.parse('2026-01-02T03:04:05Z'),
      kind: 'perpetual', underlying: '=BTC',
    }]);
    assert.equal(csv.split('\r\n')[1], `f1,a1,bybit,'@SUM(1),'-1,"'=HYPERLINK(""x"")",sell,65000.5,0.001,65.0005,-0.039,'+USDT,-0.039,maker,1767323045000,2026-01-02T03:04:05.000Z,perpetual,'=BTC`);
  });

  it('quotes cells with commas, quotes or line breaks', () => {
    assert.equal(csvCell('PURR/USDC'), 'PURR/USDC');
    assert.equal(csvCell('a,"b"'), '"a,""b"""');
    assert.equal(csvCell('line\nbreak'), '"line\nbreak"');
  });
});
