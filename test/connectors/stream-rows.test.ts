/**
 * A streamed row is decided exactly as the same row in a REST page: a trade counts (with the kind
 * and asset the exchange's own instrument list gives it), an execution the connector cannot
 * classify is kept aside as unclassified, and a row that is not volume (funding, settlement) is
 * left out — never counted because it came through the stream.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bybitStream } from '../../src-main/connectors/bybit/fill-stream.ts';
import { normalizeExecution, type PerpCategory } from '../../src-main/connectors/bybit/normalize.ts';
import type { ExecutionRow } from '../../src-main/connectors/bybit/schemas.ts';
import { InstrumentCatalog, type ListedMarket } from '../../src-main/connectors/kit/instrument-catalog.ts';
import type { NormalizedRow } from '../../src-main/connectors/kit/normalized-row.ts';
import { paradexStream } from '../../src-main/connectors/paradex/fill-stream.ts';
import { MARKETS_KEY } from '../../src-main/connectors/paradex/markets.ts';
import { normalizeParadexFill } from '../../src-main/connectors/paradex/normalize.ts';
import type { ParadexFillRow } from '../../src-main/connectors/paradex/schemas.ts';
import { streamedRows, type FillStreamProtocol, type StreamedRows } from '../../src-main/connectors/stream/fill-stream.ts';

const T = Date.UTC(2026, 10, 30, 12);

/** What the stream session hands over for one text frame: the rows, and how many it could not read. */
function streamed(protocol: FillStreamProtocol, text: string): { rows: StreamedRows; unreadable: number } {
  const frame = protocol.read(JSON.parse(text));
  assert.equal(frame?.kind, 'rows', `a rows frame: ${JSON.stringify(frame)}`);
  return streamedRows(protocol, frame.kind === 'rows' ? frame.rows : []);
}

/** What a REST page makes of the same rows (sync-engine commits `fills` and `unclassified`). */
function restOutcome(rows: NormalizedRow[]): { fills: unknown[]; unclassified: unknown[] } {
  return {
    fills: rows.flatMap((row) => ('fill' in row ? [row.fill] : [])),
    unclassified: rows.flatMap((row) => ('unclassified' in row ? [row.unclassified] : [])),
  };
}

function bybitRow(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    category: 'linear', symbol: 'BTCUSDT', orderId: 'o-1', orderLinkId: '', side: 'Buy', orderPrice: '64000', orderQty: '0.05', leavesQty: '0',
    orderType: 'Market', stopOrderType: 'UNKNOWN', execFee: '1.76', feeCurrency: 'USDT', execId: 'e-1', execPrice: '64000', execQty: '0.05',
    execType: 'Trade', execValue: '3200', execTime: String(T), isMaker: false, feeRate: '0.00055', markPrice: '64000', closedSize: '0', ...fields,
  };
}

function paradexRow(fields: Partial<ParadexFillRow>): ParadexFillRow {
  return {
    id: 'f-1', market: 'BTC-USD-PERP', side: 'BUY', liquidity: 'TAKER', price: '64000', size: '0.05', fee: '0.8', fee_currency: 'USDC',
    order_id: 'o-1', fill_type: 'FILL', created_at: T, ...fields,
  };
}

/** The catalog as a REST pass leaves it after reading the exchange's list. */
async function listed<K extends string>(catalog: InstrumentCatalog<K>, key: K, markets: Record<string, ListedMarket>): Promise<void> {
  await catalog.lookup(key, async () => new Map(Object.entries(markets)), new AbortController().signal, T);
}

describe('a streamed row is decided as the same row in a REST page', () => {
  it('Bybit: trades count with instruments-info’s kind and asset, unknown execution types and market kinds are kept aside, funding is left out', async () => {
    const catalog = new InstrumentCatalog<PerpCategory>();
    await listed(catalog, 'linear', {
      BTCUSDT: { kind: 'perpetual', rawKind: 'contractType LinearPerpetual', underlying: 'BTC' },
      // a future whose name alone would read as a perpetual: the list decides, as on the REST path
      BTCUSDTQ: { kind: 'dated_future', rawKind: 'contractType LinearFutures', underlying: 'BTC' },
      ODDUSDT: { kind: null, rawKind: 'contractType SomethingNew', underlying: 'ODD' },
    });
    const rows = [
      bybitRow({ execId: 'e-trade' }),
      bybitRow({ execId: 'e-future', symbol: 'BTCUSDTQ' }),
      bybitRow({ execId: 'e-funding', execType: 'Funding' }),
      bybitRow({ execId: 'e-new-type', execType: 'Rebalance' }),
      bybitRow({ execId: 'e-odd-market', symbol: 'ODDUSDT' }),
    ];
    const session = bybitStream('ws://127.0.0.1:9/v5/private', 'key', 'secret', () => T, catalog);
    const { rows: streamedFills, unreadable } = streamed(session, JSON.stringify({ topic: 'execution', id: 'x', creationTime: T, data: rows }));
    const rest = restOutcome(rows.map((row) => normalizeExecution('linear', row as unknown as ExecutionRow, catalog.known('linear'))));
    assert.deepEqual({ fills: streamedFills.fills, unclassified: streamedFills.unclassified }, rest);
    assert.deepEqual(streamedFills.fills.map((fill) => [fill.tradeId, fill.kind, fill.underlying]), [
      ['e-trade', 'perpetual', 'BTC'],
      ['e-future', 'dated_future', 'BTC'],
    ]);
    assert.deepEqual(streamedFills.unclassified.map((row) => [row.executionId, row.rawType]), [
      ['e-new-type', 'Rebalance'],
      ['e-odd-market', 'contractType SomethingNew'],
    ]);
    assert.equal(unreadable, 0, 'every row was read');
  });

  it('Paradex: fill types and markets as GET /v1/markets says; settlements left out, unknown types and asset kinds kept aside, ids per fill type', async () => {
    const catalog = new InstrumentCatalog();
    await listed(catalog, MARKETS_KEY, {
      'BTC-USD-PERP': { kind: 'perpetual', rawKind: 'asset_kind PERP', underlying: 'BTC' },
      'BTC-USD-27MAR26': { kind: 'dated_future', rawKind: 'asset_kind FUTURE', underlying: 'BTC' },
      'ODD-USD-X': { kind: null, rawKind: 'asset_kind SOMETHING_NEW', underlying: 'ODD' },
    });
    const rows = [
      paradexRow({ id: '7' }),
      paradexRow({ id: '7', fill_type: 'LIQUIDATION' }),
      paradexRow({ id: '8', market: 'BTC-USD-27MAR26' }),
      paradexRow({ id: '9', fill_type: 'SETTLE_MARKET' }),
      paradexRow({ id: '10', fill_type: 'SOMETHING_NEW' }),
      paradexRow({ id: '11', market: 'ODD-USD-X' }),
    ];
    const session = paradexStream('ws://127.0.0.1:9/v1', 'bearer', catalog);
    const all = { fills: [] as unknown[], unclassified: [] as unknown[] };
    for (const row of rows) {
      const { rows: one } = streamed(session, JSON.stringify({ jsonrpc: '2.0', method: 'subscription', params: { channel: 'fills.ALL', data: row } }));
      all.fills.push(...one.fills);
      all.unclassified.push(...one.unclassified);
    }
    assert.deepEqual(all, restOutcome(rows.map((row) => normalizeParadexFill(row, catalog.known(MARKETS_KEY)))));
    assert.deepEqual(
      (all.fills as { tradeId: string; kind: string }[]).map((fill) => [fill.tradeId, fill.kind]),
      [['7', 'perpetual'], ['LIQUIDATION:7', 'perpetual'], ['8', 'dated_future']],
    );
    assert.deepEqual(
      (all.unclassified as { executionId: string; rawType: string }[]).map((row) => [row.executionId, row.rawType]),
      [['SOMETHING_NEW:10', 'SOMETHING_NEW'], ['11', 'asset_kind SOMETHING_NEW']],
    );
  });
});
