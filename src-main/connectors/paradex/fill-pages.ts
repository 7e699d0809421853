/**
 * Pages of a Paradex account's perp fills: GET /v1/fills (https://docs.paradex.trade/api/prod/account/list-fills)
 * with `asset_kind=PERP`, `start_at`/`end_at` (ms) and `page_size`, following `next` until Paradex
 * says there is nothing left (null) — never stopping at a short page, which a server that caps
 * page_size below what was asked serves all along. One HTTP page becomes one FillPage with a
 * cursor to resume from.
 */
import { PerpvolError } from '../../core/errors.ts';
import type { Fill } from '../../core/fill.ts';
import type { FillPage, PageOptions, SyncCursor } from '../connector.ts';
import type { ParadexClient } from './client.ts';
import { PARADEX_HISTORY_START_MS, PARADEX_LABEL, PERP_ASSET_KIND } from './constants.ts';
import { normalizeParadexFill } from './normalize.ts';
import { FillsPageSize } from './page-size.ts';
import { fillsPageSchema, parseAnswer, type ParadexFillRow } from './schemas.ts';
import {
  advancePass,
  listingOrder,
  passQueryBounds,
  readParadexCursor,
  startPass,
  type ParadexCursor,
  type ParadexPass,
} from './sync-cursor.ts';

function minOrNull(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

/** Share of the pass walked, below 1 until Paradex says the pass is complete. */
function passProgress(pass: ParadexPass, lastTs: number): number {
  const lower = pass.from ?? Math.min(PARADEX_HISTORY_START_MS, pass.firstSeen ?? pass.to);
  const span = pass.to - lower;
  if (span <= 0) return 0.99;
  const order = listingOrder(pass, lastTs);
  const walked = order === 'oldest_first' ? lastTs - lower : order === 'newest_first' ? pass.to - lastTs : 0;
  return Math.min(0.99, Math.max(0, walked / span));
}

/** GET /v1/fills once, at the largest page_size this server takes. */
async function fetchFillsPage(
  client: ParadexClient,
  bounds: { startAt: number | null; endAt: number },
  apiCursor: string | null,
  pageSize: FillsPageSize,
  signal: AbortSignal,
): Promise<unknown> {
  for (;;) {
    try {
      return await client.privateGet(
        '/fills',
        [
          ['asset_kind', PERP_ASSET_KIND],
          ['start_at', bounds.startAt ?? undefined],
          ['end_at', bounds.endAt],
          ['page_size', pageSize.current],
          ['cursor', apiCursor ?? undefined],
        ],
        signal,
      );
    } catch (error) {
      if (!pageSize.stepDownAfter(error)) throw error;
    }
  }
}

export async function* paradexFillPages(
  client: ParadexClient,
  rawCursor: SyncCursor | null,
  options: PageOptions,
  pageSize: FillsPageSize = new FillsPageSize(),
): AsyncGenerator<FillPage> {
  const saved = readParadexCursor(rawCursor);
  let pass = saved?.pass ?? startPass(saved, options.now);
  let oldest = saved?.oldest ?? null;
  let apiCursor: string | null = null;
  let previousIds = new Set<string>();
  const bounds = passQueryBounds(pass);

  for (;;) {
    const body = await fetchFillsPage(client, bounds, apiCursor, pageSize, options.signal);
    const page = parseAnswer(fillsPageSchema, body, 'a page of fills', 'GET /v1/fills');
    const rows: ParadexFillRow[] = page.results;
    const fills: Fill[] = [];
    for (const row of rows) {
      const fill = normalizeParadexFill(row);
      // The same fill may close one page and open the next; hand it over once.
      if (fill && !previousIds.has(fill.tradeId)) fills.push(fill);
    }
    previousIds = new Set(rows.map((row) => row.id));

    const done = !page.next || rows.length === 0;
    let lastTs: number | null = null;
    if (rows.length > 0) {
      const firstTs = rows[0]!.created_at;
      lastTs = rows[rows.length - 1]!.created_at;
      pass = advancePass(pass, firstTs, lastTs);
      oldest = minOrNull(oldest, Math.min(...rows.map((row) => row.created_at)));
    }

    if (done) {
      const cursor: ParadexCursor = { v: 1, pass: null, syncedTo: pass.to, oldest };
      yield {
        fills,
        cursor,
        progress: 1,
        coveredFrom: pass.from ?? oldest ?? pass.to,
        coveredTo: pass.to,
      };
      return;
    }

    if (page.next === apiCursor) {
      throw new PerpvolError(
        'exchange_unavailable',
        'paradex_paging_stuck',
        `${PARADEX_LABEL} handed back the same page cursor twice; stopping to avoid an endless loop. ` +
          'What was read so far is kept; the next sync resumes from there.',
        true,
      );
    }
    const cursor: ParadexCursor = { v: 1, pass, syncedTo: saved?.syncedTo ?? null, oldest };
    const order = lastTs === null ? 'unknown' : listingOrder(pass, lastTs);
    yield {
      fills,
      cursor,
      progress: lastTs === null ? 0 : passProgress(pass, lastTs),
      coveredFrom: order === 'newest_first' ? lastTs : (pass.from ?? pass.firstSeen),
      coveredTo: order === 'oldest_first' ? lastTs : pass.to,
    };
    apiCursor = page.next ?? null;
  }
}
