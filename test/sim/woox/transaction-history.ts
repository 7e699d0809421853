/**
 * `GET /v3/trade/transactionHistory` as the simulator serves it
 * (https://developer.woox.io/api-reference/endpoint/trading/get_transactions): query symbol?,
 * startTime, endTime (ms), fromId, limit; rows oldest id first from `fromId` (inclusive — "Trade Id
 * to search from"), both time bounds inclusive, `limit` default 25; `meta` as the docs print it.
 * The docs give no maximum for `limit`; 500 (what CCXT pages with) is enforced here.
 */
import type { WooxLedger, WooxRow } from './ledger.ts';
import { SERVED_SPAN_MS } from './ledger.ts';

export interface Answer {
  status: number;
  body: string;
}

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 500;
const PARAMS = new Set(['symbol', 'startTime', 'endTime', 'fromId', 'limit']);

function invalid(message: string, code = -1005): Answer {
  return { status: 400, body: JSON.stringify({ success: false, code, message }) };
}

/** Integers are written bare, as the exchange does, even past 2^53. */
function rowJson(row: WooxRow): string {
  return (
    `{"id":${row.id},"symbol":${JSON.stringify(row.symbol)},"orderId":${row.orderId},"orderTag":"default",` +
    `"executedPrice":"${row.executedPrice}","executedQuantity":"${row.executedQuantity}","isMaker":${row.isMaker},` +
    `"side":${JSON.stringify(row.side)},"fee":${row.fee},"feeAsset":${JSON.stringify(row.feeAsset)},` +
    `"realizedPnl":null,"executedTimestamp":${row.executedTimestamp}}`
  );
}

/**
 * `silentPageCap`: serve at most this many rows whatever `limit` asks, without an error — what an
 * exchange does when its real maximum is below the documented (or here, undocumented) one.
 */
export function transactionHistoryAnswer(ledger: WooxLedger, query: URLSearchParams, now: number, silentPageCap = Infinity): Answer {
  for (const key of query.keys()) if (!PARAMS.has(key)) return invalid(`An unknown parameter was sent: ${key}`, -1004);
  const integer = (name: string): number | bigint | undefined | Answer => {
    const text = query.get(name);
    if (text === null) return undefined;
    if (!/^\d+$/.test(text)) return invalid(`${name} must be an integer`);
    return name === 'fromId' ? BigInt(text) : Number(text);
  };
  const startTime = integer('startTime');
  const endTime = integer('endTime');
  const fromId = integer('fromId');
  const limitValue = integer('limit');
  for (const value of [startTime, endTime, fromId, limitValue]) if (typeof value === 'object') return value;
  const limit = (limitValue as number | undefined) ?? DEFAULT_LIMIT;
  if (limit < 1 || limit > MAX_LIMIT) return invalid(`limit must be between 1 and ${MAX_LIMIT}`);
  const from = (startTime as number | undefined) ?? now - SERVED_SPAN_MS;
  const to = (endTime as number | undefined) ?? now;
  if (from > to) return invalid('startTime must not be after endTime');
  const symbol = query.get('symbol');
  const matching = ledger
    .served(now)
    .filter(
      (row) =>
        row.executedTimestamp >= from &&
        row.executedTimestamp <= to &&
        (fromId === undefined || row.id >= (fromId as bigint)) &&
        (symbol === null || row.symbol === symbol),
    )
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rows = matching.slice(0, Math.min(limit, silentPageCap)).map(rowJson).join(',');
  return {
    status: 200,
    body: `{"success":true,"data":{"rows":[${rows}],"meta":{"total":${matching.length},"recordsPerPage":${limit},"currentPage":1}},"timestamp":${now}}`,
  };
}
