/**
 * Pages of a Paradex account's fills: first the busts since the last read (GET /v1/tradebusts,
 * busts.ts), then GET /v1/fills (https://docs.paradex.trade/api/prod/account/list-fills) with
 * `start_at`/`end_at` (ms) and `page_size`, following `next` until Paradex says there is nothing
 * left (null) — never stopping at a short page, which a server that caps page_size below what was
 * asked serves all along. Every market's fills are asked for, without an `asset_kind` filter: its
 * values (PERP, PERP_OPTION, OPTION, SPOT) have no FUTURE although markets do, so each fill is
 * classified by its market instead (normalize.ts, markets.ts). One HTTP page becomes one FillPage
 * with a cursor to resume from.
 */
import type { Fill } from '../../core/fill.ts';
import type { UnclassifiedExecution } from '../../core/unclassified-execution.ts';
import type { FillPage, PageOptions, SyncCursor } from '../kit/connector.ts';
import { LoopGuard } from '../kit/loop-guard.ts';
import { paradexBustPages } from './busts.ts';
import type { ParadexClient } from './client.ts';
import { PARADEX_HISTORY_START_MS, PARADEX_LABEL } from './constants.ts';
import { MARKETS_KEY, paradexNameReading, readParadexMarkets, type ParadexMarketCatalog } from './markets.ts';
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
  markets: ParadexMarketCatalog | null = null,
): AsyncGenerator<FillPage> {
  const saved = readParadexCursor(rawCursor);
  let pass = saved?.pass ?? startPass(saved, options.now);
  let oldest = saved?.oldest ?? null;
  // Busts first: each bust page carries the fills position unchanged, and the last one where busts now stand.
  let bustsReadTo = saved?.bustsReadTo ?? null;
  for await (const busts of paradexBustPages(client, bustsReadTo, options)) {
    if (busts.done) bustsReadTo = options.now;
    const cursor: ParadexCursor = { v: 2, pass: saved?.pass ?? null, syncedTo: saved?.syncedTo ?? null, oldest, bustsReadTo };
    yield { fills: [], bustedTradeIds: busts.tradeIds, cursor, progress: 0, coveredFrom: saved?.oldest ?? null, coveredTo: saved?.syncedTo ?? null };
  }

  let apiCursor: string | null = null;
  const guard = new LoopGuard(PARADEX_LABEL);
  let previousIds = new Set<string>();
  let toldReclassified = false;
  const bounds = passQueryBounds(pass);
  const readMarkets = readParadexMarkets(client);

  for (;;) {
    guard.enter('fills', apiCursor);
    const body = await fetchFillsPage(client, bounds, apiCursor, pageSize, options.signal);
    const page = parseAnswer(fillsPageSchema, body, 'a page of fills', 'GET /v1/fills');
    const rows: ParadexFillRow[] = page.results;
    const lookup = markets ? await markets.lookup(MARKETS_KEY, readMarkets, options.signal, options.now, rows.map((row) => row.market)) : undefined;
    const fills: Fill[] = [];
    const unclassified: UnclassifiedExecution[] = [];
    const idOf = (row: ParadexFillRow) => `${row.fill_type ?? ''}:${row.id}`;
    for (const row of rows) {
      // The same fill may close one page and open the next; hand it over once.
      if (previousIds.has(idOf(row))) continue;
      const normalized = normalizeParadexFill(row, lookup);
      if ('fill' in normalized) fills.push(normalized.fill);
      else if ('unclassified' in normalized) unclassified.push(normalized.unclassified);
    }
    previousIds = new Set(rows.map(idOf));
    const extras: Partial<FillPage> = unclassified.length > 0 ? { unclassified } : {};
    if (markets && !toldReclassified) {
      // Once per pass: stored fills of markets the list classifies unlike their names move.
      toldReclassified = true;
      const differing = markets.differingFromNames(MARKETS_KEY, paradexNameReading);
      if (differing.length > 0) extras.reclassified = differing;
    }

    const next = rows.length === 0 ? null : guard.follow(page.next ?? null, rows.length, () => 'pages of fills');
    const done = next === null;
    let lastTs: number | null = null;
    if (rows.length > 0) {
      const firstTs = rows[0]!.created_at;
      lastTs = rows[rows.length - 1]!.created_at;
      pass = advancePass(pass, firstTs, lastTs);
      oldest = minOrNull(oldest, Math.min(...rows.map((row) => row.created_at)));
    }

    if (done) {
      const cursor: ParadexCursor = { v: 2, pass: null, syncedTo: pass.to, oldest, bustsReadTo };
      yield { fills, ...extras, cursor, progress: 1, coveredFrom: pass.from ?? oldest ?? pass.to, coveredTo: pass.to };
      return;
    }

    const cursor: ParadexCursor = { v: 2, pass, syncedTo: saved?.syncedTo ?? null, oldest, bustsReadTo };
    const order = lastTs === null ? 'unknown' : listingOrder(pass, lastTs);
    yield {
      fills,
      ...extras,
      cursor,
      progress: lastTs === null ? 0 : passProgress(pass, lastTs),
      coveredFrom: order === 'newest_first' ? lastTs : (pass.from ?? pass.firstSeen),
      coveredTo: order === 'oldest_first' ? lastTs : pass.to,
    };
    apiCursor = next;
  }
}
