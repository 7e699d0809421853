import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exchanges } from '../../src-main/connectors/registry.ts';
import { kindsFromList } from '../../src-main/core/instrument.ts';

describe('what a market’s name says it is', () => {
  it('Bybit: perps, dated futures by their expiry, options never volume', () => {
    for (const symbol of ['BTCUSDT', 'BTCPERP', 'BTCUSD', '1000PEPEUSDT']) assert.equal(exchanges.get('bybit').classifySymbol(symbol), 'perpetual', symbol);
    for (const symbol of ['BTC-26DEC25', 'BTCUSDT-26DEC25', 'BTCUSDZ25', 'ETHUSDH26', 'ETH-7MAR26']) assert.equal(exchanges.get('bybit').classifySymbol(symbol), 'dated_future', symbol);
    for (const symbol of ['BTC-27DEC24-60000-C', 'ETH-28MAR25-3000-P-USDT']) assert.equal(exchanges.get('bybit').classifySymbol(symbol), 'not_volume', symbol);
  });

  it('WOO X: PERP_ is a perp, SPOT_ is not volume, anything else is unknown', () => {
    assert.equal(exchanges.get('woox').classifySymbol('PERP_BTC_USDT'), 'perpetual');
    assert.equal(exchanges.get('woox').classifySymbol('SPOT_BTC_USDT'), 'not_volume');
    assert.equal(exchanges.get('woox').classifySymbol('MOVE_BTC_USDT'), 'unknown');
  });

  it('Hyperliquid: plain and HIP-3 coins are perps; spot and outcome markets are not volume', () => {
    for (const coin of ['BTC', 'kPEPE', 'xyz:XYZ100']) assert.equal(exchanges.get('hyperliquid').classifySymbol(coin), 'perpetual', coin);
    for (const coin of ['@107', 'PURR/USDC', '#14730']) assert.equal(exchanges.get('hyperliquid').classifySymbol(coin), 'not_volume', coin);
  });

  it('Paradex: -PERP markets are perps, options and perpetual options are not volume, the rest unknown', () => {
    assert.equal(exchanges.get('paradex').classifySymbol('BTC-USD-PERP'), 'perpetual');
    assert.equal(exchanges.get('paradex').classifySymbol('BTC-USD-110000-C'), 'not_volume');
    assert.equal(exchanges.get('paradex').classifySymbol('BTC-USD-PERP-110000-P'), 'not_volume');
    assert.equal(exchanges.get('paradex').classifySymbol('BTC-USD-26DEC25'), 'dated_future');
    assert.equal(exchanges.get('paradex').classifySymbol('BTC-USD'), 'unknown');
  });

  it('reads a kinds list: perpetuals by default, both on request, anything else refused', () => {
    assert.deepEqual(kindsFromList(undefined), ['perpetual']);
    assert.deepEqual(kindsFromList(''), ['perpetual']);
    assert.deepEqual(kindsFromList('dated_future,perpetual,perpetual'), ['perpetual', 'dated_future']);
    assert.throws(() => kindsFromList('perpetual,spot'), { code: 'invalid_kinds', kind: 'bad_input' });
  });
});
