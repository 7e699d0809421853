/**
 * One simulated WOO X account: its API key, its executions (perp and spot) as
 * `GET /v3/trade/transactionHistory` serves them, and the truth Perpvol must reach.
 *
 * Row fields follow https://developer.woox.io/api-reference/endpoint/trading/get_transactions:
 * integer `id`/`orderId` (large: the docs' example trade id is 1954766344355779056, past 2^53),
 * string `executedPrice`/`executedQuantity`, number `fee`, `isMaker` 0|1, ms `executedTimestamp`,
 * `side` BUY/SELL (or OPEN LONG… in hedge mode). Perp fees are in USDT; maker rebates are negative.
 */
import { DEFAULT_MARKETS, generateHistory, mulberry32, type GeneratedTrade } from '../random-history.ts';
import type { SimKind, SimTruthDay } from '../simulator.ts';
import { microsText, notionalOf, usdMicros } from '../truth/decimal.ts';
import { TruthLedger } from '../truth/ledger.ts';
import { DAY_MS } from '../truth/utc-day.ts';

/** "Get transaction history (in the past 2 years)": older rows are not served. */
export const SERVED_SPAN_MS = 730 * DAY_MS;

export interface WooxRow {
  id: bigint;
  symbol: string;
  orderId: bigint;
  executedPrice: string;
  executedQuantity: string;
  isMaker: 0 | 1;
  side: string;
  /** Decimal text printed as a JSON number. */
  fee: string;
  feeAsset: string;
  executedTimestamp: number;
}

/** Perps quoted in these are dollars (WOO X perps are USDT- or USDC-margined). */
const DOLLAR_QUOTES = new Set(['USDT', 'USDC']);
const TAKER_RATE_PPM = 500; // 5 bp
const MAKER_RATE_PPM = 200; // 2 bp
const MAKER_REBATE_PPM = -50; // −0.5 bp: a market-maker rebate
const SPOT_SHARE = 0.15;
const HEDGE_MODE_SHARE = 0.1;
const REBATE_SHARE = 0.4;

/** Trimmed decimal text of micro-dollars, e.g. -12500 → "-0.0125". */
function plainDecimal(micros: number): string {
  const text = microsText(micros);
  const trimmed = text.replace(/\.?0+$/, '');
  return trimmed === '-0' || trimmed === '' ? '0' : trimmed;
}

export class WooxLedger {
  readonly rows: WooxRow[] = [];
  private readonly random: () => number;
  private nextId: bigint;
  private nextOrderId: bigint;

  constructor(
    readonly applicationId: string,
    readonly apiKey: string,
    readonly apiSecret: string,
    readonly permissions: string[],
    seed: number,
    firstId: bigint,
  ) {
    this.random = mulberry32(seed ^ 0x3a0c);
    this.nextId = firstId;
    this.nextOrderId = firstId / 3n;
  }

  seed(trades: GeneratedTrade[]): void {
    for (const trade of trades) this.rows.push(this.build(trade));
  }

  private build(trade: GeneratedTrade): WooxRow {
    const spot = this.random() < SPOT_SHARE;
    const base = trade.market.base;
    const symbol = `${spot ? 'SPOT' : 'PERP'}_${base}_USDT`;
    const notional = Number(notionalOf(trade.price, trade.qty));
    let side = trade.side === 'buy' ? 'BUY' : 'SELL';
    if (!spot && this.random() < HEDGE_MODE_SHARE) {
      const opening = this.random() < 0.5;
      side = trade.side === 'buy' ? (opening ? 'OPEN LONG' : 'CLOSE SHORT') : opening ? 'OPEN SHORT' : 'CLOSE LONG';
    }
    const ratePpm = !trade.maker ? TAKER_RATE_PPM : this.random() < REBATE_SHARE ? MAKER_REBATE_PPM : MAKER_RATE_PPM;
    let fee = plainDecimal(Math.round((notional * ratePpm) / 1_000_000));
    let feeAsset = 'USDT';
    if (spot && trade.side === 'buy') {
      // Spot buys pay the fee in the coin bought — never perp volume, but it must not break parsing.
      fee = (Number(trade.qty) * 0.001).toFixed(8).replace(/\.?0+$/, '') || '0';
      feeAsset = base;
    }
    const id = this.nextId;
    this.nextId += 3n; // ids are increasing but not contiguous, as on the exchange
    this.nextOrderId += BigInt(1 + Math.floor(this.random() * 3));
    return {
      id,
      symbol,
      orderId: this.nextOrderId,
      executedPrice: trade.price,
      executedQuantity: trade.qty,
      isMaker: trade.maker ? 1 : 0,
      side,
      fee,
      feeAsset,
      executedTimestamp: trade.ts,
    };
  }

  /** Appends `count` perp-or-spot executions at `at`, with new, higher ids. */
  trade(count: number, at: number): number {
    for (let i = 0; i < count; i++) {
      const market = DEFAULT_MARKETS[Math.floor(this.random() * DEFAULT_MARKETS.length)]!;
      const qty = Math.max(market.typicalQty * (0.1 + this.random()), 10 ** -market.qtyDecimals);
      this.rows.push(
        this.build({
          seq: -1,
          ts: at,
          market,
          side: this.random() < 0.5 ? 'buy' : 'sell',
          price: market.price.toFixed(market.priceDecimals),
          qty: qty.toFixed(market.qtyDecimals),
          maker: this.random() < 0.4,
        }),
      );
    }
    return count;
  }

  /**
   * One execution on a market a client cannot count as dollars or does not know — a perp quoted in
   * EUR (PERP_BTC_EUR), a type of symbol WOO X may add (FUTURE_BTC_USDT) — which it must keep aside,
   * without refusing the page around it.
   */
  tradeOdd(symbol: string, at: number): WooxRow {
    const row = { ...this.build({ seq: -1, ts: at, market: DEFAULT_MARKETS[0]!, side: 'buy', price: '60000.5', qty: '0.01', maker: false }), symbol, feeAsset: 'USDT' };
    this.rows.push(row);
    return row;
  }

  /** Served executions a client must keep aside: raw type (as the connector words it) → how many. */
  unclassifiedTruth(now: number): Map<string, number> {
    const counts = new Map<string, number>();
    for (const row of this.served(now)) {
      const [type, , quote] = row.symbol.split('_');
      const rawType = type === 'SPOT' || (type === 'PERP' && DOLLAR_QUOTES.has(quote ?? '')) ? null : type === 'PERP' ? `PERP_ quoted in ${quote}` : `${type}_ market`;
      if (rawType) counts.set(rawType, (counts.get(rawType) ?? 0) + 1);
    }
    return counts;
  }

  /** Rows the exchange still serves at `now`. */
  served(now: number): WooxRow[] {
    return this.rows.filter((row) => row.executedTimestamp >= now - SERVED_SPAN_MS && row.executedTimestamp <= now);
  }

  truth(now: number, kinds?: readonly SimKind[]): Map<string, SimTruthDay> {
    return this.truthLedger(now).perDay(kinds);
  }

  /** Underlying (the symbol's middle part) → all-time volume of the served perp executions. */
  truthByUnderlying(now: number, kinds?: readonly SimKind[]): Map<string, bigint> {
    return this.truthLedger(now).volumeByUnderlying(kinds);
  }

  private truthLedger(now: number): TruthLedger {
    const ledger = new TruthLedger();
    for (const row of this.served(now)) {
      if (!row.symbol.startsWith('PERP_') || !DOLLAR_QUOTES.has(row.symbol.split('_')[2] ?? '')) continue;
      // Perp fees are in USDT here, at par (the simulator charges perps nothing else).
      const fee = row.feeAsset === 'USDT' ? { usdMicros: usdMicros(row.fee) } : { token: row.feeAsset, amount: row.fee };
      ledger.add({
        ts: row.executedTimestamp,
        kind: 'perpetual',
        notionalMicros: notionalOf(row.executedPrice, row.executedQuantity),
        maker: row.isMaker === 1,
        fee,
        underlying: row.symbol.split('_')[1]!,
      });
    }
    return ledger;
  }
}

export function seededLedger(
  index: number,
  seed: number,
  count: number,
  now: number,
  days: number,
  permissions: string[],
): WooxLedger {
  const random = mulberry32(seed * 31 + index);
  const token = (n: number): string => Array.from({ length: n }, () => 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'[Math.floor(random() * 31)]).join('');
  const ledger = new WooxLedger(
    `${token(8)}-${token(4)}-${token(4)}-${token(12)}`.toLowerCase(),
    `${token(22)}==`,
    token(28),
    permissions,
    seed + index,
    1_954_766_344_355_779_056n + BigInt(index) * 1_000_000_000_000n,
  );
  // A few executions older than two years: real, but no longer served (not in the truth).
  ledger.seed(generateHistory({ seed: seed + index + 7, count: 5, endMs: now - SERVED_SPAN_MS - DAY_MS, days: 20 }));
  ledger.seed(generateHistory({ seed: seed + index, count, endMs: now, days }));
  return ledger;
}
