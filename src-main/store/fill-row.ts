import type { Selectable } from 'kysely';
import type { ExchangeId } from '../core/exchange.ts';
import type { Liquidity, Side } from '../core/fill.ts';
import type { InstrumentKind } from '../core/instrument.ts';
import type { StoredFill } from './store.ts';
import type { FillsTable } from './schema.ts';

/** A fills row as the rest of Perpvol sees it (also what a bust subtracts from the rollups). */
export function toStoredFill(row: Selectable<FillsTable>): StoredFill {
  return {
    id: String(row.id),
    accountId: row.account_id,
    exchange: row.exchange as ExchangeId,
    tradeId: row.trade_id,
    orderId: row.order_id,
    symbol: row.symbol,
    kind: row.kind as InstrumentKind,
    underlying: row.underlying,
    side: row.side as Side,
    price: row.price,
    qty: row.qty,
    notionalMicros: row.notional_micros,
    fee: row.fee,
    feeCurrency: row.fee_currency,
    feeMicros: row.fee_micros,
    liquidity: row.liquidity as Liquidity | null,
    ts: row.ts,
  };
}
