/**
 * GET /v5/execution/list as Bybit answers it (https://bybit-exchange.github.io/docs/v5/order/execution):
 * category required; at most 7 days between startTime and endTime, 7 days by default; limit 1–100
 * (default 50); an opaque, percent-encoded nextPageCursor; optional settleCoin (2026-01-13
 * changelog); only the last 730 days served. Every point the docs leave open follows the dialect.
 */
import type { BybitDialect } from './dialect.ts';
import type { BybitCategory, BybitExecRow } from './history.ts';

export const SEVEN_DAYS_MS = 7 * 86_400_000;
export const HISTORY_MS = 730 * 86_400_000;
const CATEGORIES: ReadonlySet<string> = new Set(['linear', 'inverse', 'spot', 'option']);
const MAX_LIMIT = 100;
const DEFAULT_LIMIT = 50;

export type ApiAnswer = { retCode: number; retMsg: string; result: unknown };

const paramError = (retMsg: string): ApiAnswer => ({ retCode: 10001, retMsg, result: {} });

function integer(value: string | null): number | null | 'bad' {
  if (value === null) return null;
  return /^\d{1,16}$/.test(value) ? Number(value) : 'bad';
}

/** The coin a row settles in: the quote of linear contracts, the base coin of inverse ones. */
function settleCoinOf(row: BybitExecRow): string {
  if (row.category === 'option') return 'USDC';
  return row.feeCurrency;
}

/** The time range a request asks for, per the documented defaults, or the error it earns. */
function timeRange(params: URLSearchParams, now: number, dialect: BybitDialect): { from: number; to: number } | ApiAnswer {
  const start = integer(params.get('startTime'));
  const end = integer(params.get('endTime'));
  if (start === 'bad' || end === 'bad') return paramError('params error: startTime or endTime is not a timestamp');
  let from: number;
  let to: number;
  if (start === null && end === null) [from, to] = [now - SEVEN_DAYS_MS, now];
  else if (end === null) [from, to] = [start!, start! + SEVEN_DAYS_MS];
  else if (start === null) [from, to] = [end - SEVEN_DAYS_MS, end];
  else [from, to] = [start, end];
  if (to < from) return paramError('params error: endTime must be greater than startTime');
  if (to - from > SEVEN_DAYS_MS) {
    if (dialect.overlongSpan === 'error') return paramError('params error: The time range between startTime and endTime cannot exceed 7 days');
    to = from + SEVEN_DAYS_MS;
  }
  return { from, to };
}

export function listExecutions(rows: readonly BybitExecRow[], params: URLSearchParams, now: number, dialect: BybitDialect): ApiAnswer {
  const category = params.get('category');
  if (category === null || !CATEGORIES.has(category)) return paramError('Illegal category');
  const range = timeRange(params, now, dialect);
  if ('retCode' in range) return range;
  const { from, to } = range;
  const limitText = params.get('limit');
  let limit = limitText === null ? DEFAULT_LIMIT : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1) return paramError('params error: limit must be in [1, 100]');
  if (limit > MAX_LIMIT) {
    if (dialect.limitAbove100 === 'error') return paramError('params error: limit must be in [1, 100]');
    limit = MAX_LIMIT;
  }
  const execType = params.get('execType');
  const symbol = params.get('symbol');
  const settleCoin = params.get('settleCoin');
  if (settleCoin !== null && category === 'spot') return paramError('params error: settleCoin is not supported for spot');
  // Without settleCoin, a server that defaults it to USDT serves linear USDT contracts only.
  const coin = settleCoin ?? (category === 'linear' && dialect.linearWithoutSettleCoin === 'usdt-only' ? 'USDT' : null);

  const horizon = now - HISTORY_MS;
  const afterStart = (ts: number): boolean => (dialect.startTime === 'inclusive' ? ts >= from : ts > from);
  const beforeEnd = (ts: number): boolean => (dialect.endTime === 'inclusive' ? ts <= to : ts < to);
  const newestFirst = dialect.order === 'newest-first' ? 1 : -1;
  const matching = rows
    .filter((row) => {
      const ts = Number(row.execTime);
      return (
        row.category === (category as BybitCategory) &&
        ts >= horizon &&
        ts <= now &&
        afterStart(ts) &&
        beforeEnd(ts) &&
        (execType === null || row.execType === execType) &&
        (symbol === null || row.symbol === symbol) &&
        (coin === null || settleCoinOf(row) === coin)
      );
    })
    .sort((a, b) => newestFirst * (Number(b.execTime) - Number(a.execTime) || b.seq - a.seq));

  const fingerprint = `${category}|${from}|${to}|${execType ?? ''}|${symbol ?? ''}|${settleCoin ?? ''}`;
  let offset = 0;
  const cursor = params.get('cursor');
  if (cursor !== null && cursor !== '') {
    const match = /^(\d+):(.*)$/.exec(cursor);
    if (!match || match[2] !== fingerprint) return paramError('params error: cursor is invalid');
    offset = Number(match[1]);
  }
  const first = dialect.repeatAcrossPages && offset > 0 && limit > 1 ? offset - 1 : offset;
  const page = matching.slice(first, first + limit);
  const nextOffset = first + limit;
  let next: string | null = null;
  if (nextOffset < matching.length) next = `${nextOffset}:${fingerprint}`;
  // One more (empty) page after the last one, reached by a cursor that is still set.
  else if (dialect.lastCursor === 'trailing-page' && offset < matching.length) next = `${matching.length}:${fingerprint}`;
  const list = page.map(({ category: _category, seq: _seq, contractType: _contractType, baseCoin: _baseCoin, ...row }) => row);
  const result: Record<string, unknown> = { category, list };
  if (next !== null) result['nextPageCursor'] = encodeURIComponent(next);
  else if (dialect.lastCursor === 'null') result['nextPageCursor'] = null;
  else if (dialect.lastCursor !== 'absent') result['nextPageCursor'] = '';
  return { retCode: 0, retMsg: 'OK', result };
}
