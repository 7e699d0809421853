/**
 * `GET /v3/trade/transactionHistory` as the simulator serves it
 * (https://developer.woox.io/api-reference/endpoint/trading/get_transactions): query symbol?,
 * startTime (inclusive), endTime, fromId, limit (default 25, as the docs' example meta says
 * recordsPerPage 25) and the undocumented page; rows and meta as the docs print them. Every point
 * the docs leave open follows the simulator's dialect (dialect.ts).
 */
import type { WooxDialect } from './dialect.ts';
import type { WooxLedger, WooxRow } from './ledger.ts';
import { SERVED_SPAN_MS } from './ledger.ts';

export interface Answer {
  status: number;
  body: string;
}

const DEFAULT_LIMIT = 25;
const DOCUMENTED_PARAMS = ['symbol', 'startTime', 'endTime', 'fromId', 'limit'];

function invalid(message: string, code = -1005): Answer {
  return { status: 400, body: JSON.stringify({ success: false, code, message }) };
}

/** ms since the epoch as the "1752055173.630" seconds text live answers carry. */
function secondsText(ms: number): string {
  return `${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, '0')}`;
}

/** Integers are written bare, as the exchange does, even past 2^53. */
function rowJson(row: WooxRow, dialect: WooxDialect): string {
  const time = dialect.timestamps === 'ms' ? String(row.executedTimestamp) : `"${secondsText(row.executedTimestamp)}"`;
  return (
    `{"id":${row.id},"symbol":${JSON.stringify(row.symbol)},"orderId":${row.orderId},"orderTag":"default",` +
    `"executedPrice":"${row.executedPrice}","executedQuantity":"${row.executedQuantity}","isMaker":${row.isMaker},` +
    `"side":${JSON.stringify(row.side)},"fee":${row.fee},"feeAsset":${JSON.stringify(row.feeAsset)},` +
    `"realizedPnl":null,"executedTimestamp":${time}}`
  );
}

const byTime = (a: WooxRow, b: WooxRow): number =>
  a.executedTimestamp - b.executedTimestamp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byId = (a: WooxRow, b: WooxRow): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export interface HistoryFaults {
  /** Rows the exchange counts in meta.total but never serves: a count that disagrees with the rows. */
  hidden?: ReadonlySet<bigint>;
}

export function transactionHistoryAnswer(
  ledger: WooxLedger,
  query: URLSearchParams,
  now: number,
  dialect: WooxDialect,
  faults: HistoryFaults = {},
): Answer {
  const known = dialect.page === 'refused' ? DOCUMENTED_PARAMS : [...DOCUMENTED_PARAMS, 'page'];
  for (const key of query.keys()) if (!known.includes(key)) return invalid(`An unknown parameter was sent: ${key}`, -1004);
  const integer = (name: string): number | bigint | undefined | Answer => {
    const text = query.get(name);
    if (text === null) return undefined;
    if (!/^\d+$/.test(text)) return invalid(`${name} must be an integer`);
    return name === 'fromId' ? BigInt(text) : Number(text);
  };
  const values = ['startTime', 'endTime', 'fromId', 'limit', 'page'].map(integer);
  for (const value of values) if (typeof value === 'object') return value;
  const [startTime, endTime, fromId, limitValue, pageValue] = values as [number?, number?, bigint?, number?, number?];
  const limit = limitValue ?? DEFAULT_LIMIT;
  if (limit < 1) return invalid('limit must be at least 1');
  if (limit > dialect.maxLimit && dialect.overLimit === 'refuse') return invalid(`limit must not exceed ${dialect.maxLimit}`);
  const served = Math.min(limit, dialect.maxLimit);
  const page = pageValue ?? 1;
  if (page < 1) return invalid('page must be at least 1');
  const from = startTime ?? now - SERVED_SPAN_MS;
  const to = endTime ?? now;
  if (from > to) return invalid('startTime must not be after endTime');
  const symbol = query.get('symbol');

  const usesFromId = fromId !== undefined && dialect.fromId !== 'ignored';
  const matching = ledger.served(now).filter((row) => {
    const ts = row.executedTimestamp;
    if (ts < from || ts > to || (ts === to && !dialect.endTimeInclusive)) return false;
    if (symbol !== null && row.symbol !== symbol) return false;
    if (!usesFromId) return true;
    if (row.id === fromId) return dialect.fromIdInclusive;
    return dialect.fromId === 'ascending' ? row.id > fromId! : row.id < fromId!;
  });
  if (usesFromId) {
    matching.sort(byId);
    if (dialect.fromId === 'descending') matching.reverse();
  } else {
    matching.sort(byTime);
    if (dialect.orderWithoutFromId === 'newest-first') matching.reverse();
  }
  const visible = faults.hidden ? matching.filter((row) => !faults.hidden!.has(row.id)) : matching;
  const offset = dialect.page === 'honoured' ? (page - 1) * served : 0;
  const rows = visible.slice(offset, offset + served).map((row) => rowJson(row, dialect)).join(',');
  const currentPage = dialect.page === 'honoured' || dialect.page === 'ignored-echoes' ? page : 1;
  const meta = dialect.meta ? `,"meta":{"total":${matching.length},"recordsPerPage":${served},"currentPage":${currentPage}}` : '';
  return { status: 200, body: `{"success":true,"data":{"rows":[${rows}]${meta}},"timestamp":${now}}` };
}
