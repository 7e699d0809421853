import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { baseCoinOfSymbol, canonicalUnderlying } from '../../src-main/core/underlying.ts';

describe('one asset, one name across exchanges', () => {
  it('reads the asset out of every exchange’s symbol', () => {
    const cases: [string, string][] = [
      ['BTCUSDT', 'BTC'], ['BTCPERP', 'BTC'], ['BTCUSD', 'BTC'], ['ETHUSDC', 'ETH'], ['BTC-USD-PERP', 'BTC'],
      ['PERP_BTC_USDT', 'BTC'], ['PERP_ETH_USDC', 'ETH'], ['BTC', 'BTC'],
      // dated futures
      ['BTC-26DEC25', 'BTC'], ['BTCUSDT-26DEC25', 'BTC'], ['BTCUSDZ25', 'BTC'], ['ETHUSDH26', 'ETH'],
      // contract multipliers
      ['1000PEPEUSDT', 'PEPE'], ['10000LADYSUSDT', 'LADYS'], ['1000000MOGUSDT', 'MOG'], ['SHIB1000USDT', 'SHIB'], ['PERP_1000PEPE_USDT', 'PEPE'],
      // a coin whose name starts with a digit keeps it
      ['1INCHUSDT', '1INCH'],
      // Hyperliquid HIP-3 builder-deployed perps
      ['xyz:TSLA', 'TSLA'],
    ];
    for (const [symbol, underlying] of cases) assert.equal(canonicalUnderlying(symbol), underlying, symbol);
  });

  it('prefers the exchange’s own base coin when the connector has it', () => {
    assert.equal(canonicalUnderlying('kPEPE', 'kPEPE'), 'PEPE');
    assert.equal(canonicalUnderlying('BTC', 'BTC'), 'BTC');
    // a Hyperliquid coin ending in letters a symbol parser would strip keeps them as a base coin
    assert.equal(canonicalUnderlying('AUSD', 'AUSD'), 'AUSD');
    assert.equal(canonicalUnderlying('dex:kBONK', 'dex:kBONK'), 'BONK');
    assert.equal(canonicalUnderlying('PERP_BTC_USDT', 'btc'), 'BTC');
  });

  it('finds the coin a fill’s quantity is counted in (for fees paid in it)', () => {
    assert.equal(baseCoinOfSymbol('BTCUSD'), 'BTC');
    assert.equal(baseCoinOfSymbol('BTCUSDZ25'), 'BTC');
    assert.equal(baseCoinOfSymbol('1000PEPEUSDT'), '1000PEPE');
    assert.equal(baseCoinOfSymbol('ETH-USD-PERP'), 'ETH');
  });
});

describe('a name no rule can take apart', () => {
  it('is its own underlying, never empty', () => {
    assert.equal(canonicalUnderlying('xyz:'), 'XYZ:');
    assert.equal(canonicalUnderlying('USD'), 'USD');
  });
});
