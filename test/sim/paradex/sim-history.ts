/**
 * A Paradex account's fills as GET /v1/fills lists them (field names from the API spec,
 * https://docs.paradex.trade/api/prod/account/list-fills), seeded and deterministic, with the rows
 * a volume counter must skip mixed in: perpetual-option fills and position TRANSFER /
 * SETTLE_MARKET rows. Taker fees are positive, maker fees are rebates (negative) or zero.
 */
import { generateHistory, mulberry32, type GeneratedTrade } from '../random-history.ts';
import type { SimKind, SimTruthDay } from '../simulator.ts';
import { multiply, notionalOf, plain, readDecimal, usdMicros, type Fixed } from '../truth/decimal.ts';
import { TruthLedger } from '../truth/ledger.ts';

export interface SimFillRow {
  id: string;
  account: string;
  market: string;
  side: 'BUY' | 'SELL';
  liquidity: 'MAKER' | 'TAKER';
  price: string;
  size: string;
  fee: string;
  fee_currency: string;
  order_id: string;
  client_id: string;
  fill_type: 'FILL' | 'LIQUIDATION' | 'RPI' | 'BLOCK_TRADE' | 'TRANSFER' | 'SETTLE_MARKET';
  flags: string[];
  realized_pnl: string;
  realized_funding: string;
  remaining_size: string;
  created_at: number;
  /** Not sent: listing order within one millisecond. */
  seq: number;
  /** Not sent: the market's asset kind for the `asset_kind` filter. */
  assetKind: 'PERP' | 'PERP_OPTION';
}

const TAKER_RATE = '0.0002';
const MAKER_REBATE = '-0.00005';
const COUNTED_TYPES = new Set(['FILL', 'LIQUIDATION', 'RPI', 'BLOCK_TRADE']);

/** a × b × c exactly, as a plain decimal string without trailing zeros. */
function multiplyDecimals(...values: string[]): string {
  return plain(values.reduce<Fixed>((product, value) => multiply(product, readDecimal(value)), { digits: 1n, places: 0 }));
}

export function isCountedRow(row: SimFillRow): boolean {
  return row.market.endsWith('-PERP') && COUNTED_TYPES.has(row.fill_type);
}

export class SimFillBook {
  readonly rows: SimFillRow[] = [];
  private nextSeq = 0;
  private readonly random: () => number;

  constructor(
    readonly account: string,
    seed: number,
  ) {
    this.random = mulberry32(seed ^ 0x5eed);
  }

  /** Adds generated trades, plus the occasional option fill and non-trade row beside them. */
  addTrades(trades: GeneratedTrade[]): number {
    for (const trade of trades) {
      const roll = this.random();
      const fillType = roll < 0.01 ? 'TRANSFER' : roll < 0.015 ? 'SETTLE_MARKET' : roll < 0.04 ? 'LIQUIDATION' : roll < 0.05 ? 'RPI' : 'FILL';
      this.push(trade, `${trade.market.base}-USD-PERP`, 'PERP', fillType);
      if (this.random() < 0.03) {
        const strike = Math.round(trade.market.price * 1.1);
        const option: GeneratedTrade = { ...trade, price: (trade.market.price * 0.02).toFixed(2), qty: '1' };
        this.push(option, `${trade.market.base}-USD-${strike}-C`, 'PERP_OPTION', 'FILL');
      }
    }
    return trades.length;
  }

  private push(trade: GeneratedTrade, market: string, assetKind: SimFillRow['assetKind'], fillType: SimFillRow['fill_type']): void {
    const seq = this.nextSeq++;
    const notional = multiplyDecimals(trade.price, trade.qty);
    const fee = trade.maker ? (seq % 3 === 0 ? '0' : multiplyDecimals(notional, MAKER_REBATE)) : multiplyDecimals(notional, TAKER_RATE);
    this.rows.push({
      id: `${trade.ts}${String(seq).padStart(10, '0')}`,
      account: this.account,
      market,
      side: trade.side === 'buy' ? 'BUY' : 'SELL',
      liquidity: trade.maker ? 'MAKER' : 'TAKER',
      price: trade.price,
      size: trade.qty,
      fee,
      fee_currency: 'USDC',
      order_id: `${trade.ts}${String(seq).padStart(10, '0')}1`,
      client_id: seq % 4 === 0 ? `pv-${seq}` : '',
      fill_type: fillType,
      flags: fillType === 'RPI' ? ['rpi'] : [],
      realized_pnl: '0',
      realized_funding: '0',
      remaining_size: '0',
      created_at: trade.ts,
      seq,
      assetKind,
    });
  }

  get size(): number {
    return this.rows.length;
  }

  /** The `count` rows added last, in the order they were added. */
  newest(count: number): SimFillRow[] {
    return count <= 0 ? [] : this.rows.slice(-count);
  }

  /** Newest first, as Paradex lists them; ties by insertion order, newest first. */
  sorted(): SimFillRow[] {
    return [...this.rows].sort((a, b) => b.created_at - a.created_at || b.seq - a.seq);
  }

  truth(kinds?: readonly SimKind[]): Map<string, SimTruthDay> {
    const ledger = new TruthLedger();
    for (const row of this.rows) {
      if (!isCountedRow(row)) continue;
      const fee = row.fee_currency === 'USDC' ? { usdMicros: usdMicros(row.fee) } : { token: row.fee_currency, amount: row.fee };
      ledger.add({ ts: row.created_at, kind: 'perpetual', notionalMicros: notionalOf(row.price, row.size), maker: row.liquidity === 'MAKER', fee });
    }
    return ledger.perDay(kinds);
  }
}

export function seededTrades(seed: number, count: number, endMs: number, days: number): GeneratedTrade[] {
  return generateHistory({ seed, count, endMs, days });
}
