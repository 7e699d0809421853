/**
 * The account's busted fills since busts were last read: GET /v1/tradebusts (constants.ts cites the
 * route) from a little before `readTo` (all of them the first time) up to now, page after page by
 * `next`. Each bust becomes the trade ids it can name (BUSTABLE_FILL_TYPES): the store takes those
 * fills out of volume in the page's transaction — or when they arrive, if the bust comes first —
 * and a bust read again changes nothing, which is why a read cut short is simply repeated.
 */
import type { PageOptions } from '../kit/connector.ts';
import { LoopGuard } from '../kit/loop-guard.ts';
import type { ParadexClient } from './client.ts';
import { BUSTABLE_FILL_TYPES, BUSTS_OVERLAP_MS, PARADEX_LABEL, paradexTradeId, TRADEBUSTS_PAGE_SIZE, TRADEBUSTS_PATH } from './constants.ts';
import { parseAnswer, tradebustsPageSchema } from './schemas.ts';

export interface BustPage {
  /** Trade ids the busts of this page name. */
  tradeIds: string[];
  /** The last page: every bust up to now has been read. */
  done: boolean;
}

/** The trade ids a bust of `bustedFillId` takes out: the fill of that id of each type a bust can revert. */
export function bustedTradeIds(bustedFillId: string): string[] {
  return BUSTABLE_FILL_TYPES.map((fillType) => paradexTradeId(fillType, bustedFillId));
}

export async function* paradexBustPages(client: ParadexClient, readTo: number | null, { signal, now }: PageOptions): AsyncGenerator<BustPage> {
  const startAt = readTo === null ? undefined : Math.max(0, readTo - BUSTS_OVERLAP_MS);
  const guard = new LoopGuard(PARADEX_LABEL);
  let apiCursor: string | null = null;
  for (;;) {
    guard.enter('busts', apiCursor);
    const body = await client.privateGet(
      TRADEBUSTS_PATH,
      [
        ['start_at', startAt],
        ['end_at', now],
        ['page_size', TRADEBUSTS_PAGE_SIZE],
        ['cursor', apiCursor ?? undefined],
      ],
      signal,
    );
    const page = parseAnswer(tradebustsPageSchema, body, 'a page of trade busts', `GET /v1${TRADEBUSTS_PATH}`);
    const results = page.results ?? [];
    const done = !page.next || results.length === 0;
    yield { tradeIds: results.flatMap((bust) => bustedTradeIds(bust.busted_fill_id)), done };
    if (done) return;
    // A cursor already followed is the kit's paging_loop, raised after the busts read are committed.
    apiCursor = guard.follow(page.next!, results.length, () => 'pages of trade busts');
  }
}
