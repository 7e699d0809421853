/**
 * GET /v5/execution/list as Bybit answers it (https://bybit-exchange.github.io/docs/v5/order/execution):
 * category required; startTime/endTime inclusive, at most 7 days apart, 7 days by default; limit
 * 1–100 (default 50); newest first; an opaque, percent-encoded nextPageCursor ("" on the last
 * page); only the last 730 days served.
 */
import type { BybitCategory, BybitExecRow } from './history.ts';

export const SEVEN_DAYS_MS = 7 * 86_400_000;
export const HISTORY_MS = 730 * 86_400_000;
const CATEGORIES: ReadonlySet<string> = new Set(['linear', 'inverse', 'spot', 'option']);

export type ApiAnswer = { retCode: number; retMsg: string; result: unknown };

const paramError = (retMsg: string): ApiAnswer => ({ retCode: 10001, retMsg, result: {} });

function integer(value: string | null): number | null | 'bad' {
  if (value === null) return null;
  return /^\d{1,16}$/.test(value) ? Number(value) : 'bad';
}

export interface ListOptions {
  /** Repeat the previous page's last row at the top of every later page (Bybit's documented same-time sorting caveat). */
  duplicateAcrossPages: boolean;
  /** Read endTime as exclusive (the docs do not say which; the default reads it inclusive). */
  endTimeExclusive?: boolean;
}

export function listExecutions(rows: readonly BybitExecRow[], params: URLSearchParams, now: number, options: ListOptions): ApiAnswer {
  const category = params.get('category');
  if (category === null || !CATEGORIES.has(category)) return paramError('Illegal category');
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
  if (to - from > SEVEN_DAYS_MS) return paramError('params error: The time range between startTime and endTime cannot exceed 7 days');
  const limitText = params.get('limit');
  const limit = limitText === null ? 50 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) return paramError('params error: limit must be in [1, 100]');
  const execType = params.get('execType');
  const symbol = params.get('symbol');

  const horizon = now - HISTORY_MS;
  const matching = rows
    .filter((row) => {
      const ts = Number(row.execTime);
      return (
        row.category === (category as BybitCategory) &&
        ts >= Math.max(from, horizon) &&
        (options.endTimeExclusive ? ts < to && ts <= now : ts <= Math.min(to, now)) &&
        (execType === null || row.execType === execType) &&
        (symbol === null || row.symbol === symbol)
      );
    })
    .sort((a, b) => Number(b.execTime) - Number(a.execTime) || b.seq - a.seq);

  const fingerprint = `${category}|${from}|${to}|${execType ?? ''}|${symbol ?? ''}`;
  let offset = 0;
  const cursor = params.get('cursor');
  if (cursor !== null && cursor !== '') {
    const match = /^(\d+):(.*)$/.exec(cursor);
    if (!match || match[2] !== fingerprint) return paramError('params error: cursor is invalid');
    offset = Number(match[1]);
  }
  const first = options.duplicateAcrossPages && offset > 0 && limit > 1 ? offset - 1 : offset;
  const page = matching.slice(first, first + limit);
  const nextOffset = first + limit;
  const nextPageCursor = nextOffset < matching.length ? encodeURIComponent(`${nextOffset}:${fingerprint}`) : '';
  const list = page.map(({ category: _category, seq: _seq, contractType: _contractType, ...row }) => row);
  return { retCode: 0, retMsg: 'OK', result: { nextPageCursor, category, list } };
}
