/**
 * GET /v1/tradebusts as Paradex serves it (https://docs.paradex.trade/api/prod/account/tradebusts):
 * query `start_at` / `end_at` (ms, inclusive here), `page_size` (default 100, 1–5000), `cursor`;
 * answer `{next, prev, results: [{account, busted_fill_id, created_at}]}`, newest first, `next`
 * null when nothing is left.
 */
import type { SimBust } from './sim-history.ts';

const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 5_000;

export function listBusts(busts: readonly SimBust[], params: URLSearchParams): { status: number; body: unknown } {
  const int = (name: string): number | null | 'invalid' => {
    const raw = params.get(name);
    if (raw === null || raw === '') return null;
    return /^\d+$/.test(raw) ? Number(raw) : 'invalid';
  };
  const startAt = int('start_at');
  const endAt = int('end_at');
  const pageSize = int('page_size') ?? DEFAULT_PAGE_SIZE;
  if (startAt === 'invalid' || endAt === 'invalid' || pageSize === 'invalid' || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    return { status: 400, body: { error: 'INVALID_REQUEST_PARAMETER', message: 'start_at, end_at and page_size (1–5000) must be integers' } };
  }
  const matching = [...busts]
    .filter((bust) => (startAt === null || bust.created_at >= startAt) && (endAt === null || bust.created_at <= endAt))
    .sort((a, b) => b.created_at - a.created_at || (a.busted_fill_id < b.busted_fill_id ? 1 : -1));
  const cursor = params.get('cursor');
  let offset = 0;
  if (cursor) {
    offset = Number(Buffer.from(cursor, 'base64').toString('utf8').replace(/^offset:/, ''));
    if (!Number.isInteger(offset) || offset < 0) return { status: 400, body: { error: 'INVALID_REQUEST_PARAMETER', message: 'invalid cursor' } };
  }
  const page = matching.slice(offset, offset + pageSize);
  const more = offset + page.length < matching.length;
  return {
    status: 200,
    body: {
      next: more ? Buffer.from(`offset:${offset + page.length}`).toString('base64') : null,
      prev: offset > 0 ? Buffer.from(`offset:${Math.max(0, offset - pageSize)}`).toString('base64') : null,
      results: page,
    },
  };
}
