/**
 * Busted fills since busts were last read, GET /v1/tradebusts (https://docs.paradex.trade/api/prod/account/tradebusts):
 * "a fill fails to clear and settle on the Paradex Chain", its results reverted. A bust names a fill's id, not its
 * type: it takes out the matched trades of that id, never a LIQUIDATION (`orderbook_seq_no` "0 for position
 * transfers"). The store takes them out of volume — also when the fill comes later — and a bust read again changes
 * nothing, so a read cut short is simply repeated.
 */
import type { PageOptions } from '../kit/connector.ts';
import { LoopGuard } from '../kit/loop-guard.ts';
import type { ParadexClient } from './account-client.ts';
import { PARADEX_LABEL } from './errors.ts';
import { paradexTradeId } from './normalize.ts';
import { tradebustsPageSchema } from './schemas.ts';

/** Each read starts this far before where the last one stopped (a bust is listed after its fill). */
export const BUSTS_OVERLAP_MS = 60 * 60_000;

/** The trade ids a bust of `bustedFillId` takes out: the fill of that id of each type a bust can revert. */
export function bustedTradeIds(bustedFillId: string): string[] {
  return ['FILL', 'RPI', 'BLOCK_TRADE'].map((fillType) => paradexTradeId(fillType, bustedFillId));
}

/** Pages of the trade ids busts name; `done` on the last, when every bust up to now has been read. */
export async function* paradexBustPages(client: ParadexClient, readTo: number | null, { signal, now }: PageOptions): AsyncGenerator<{ tradeIds: string[]; done: boolean }> {
  const startAt = readTo === null ? undefined : Math.max(0, readTo - BUSTS_OVERLAP_MS);
  const guard = new LoopGuard(PARADEX_LABEL);
  let apiCursor: string | null = null;
  for (;;) {
    guard.enter('busts', apiCursor);
    const page = await client.get(
      '/tradebusts',
      [
        ['start_at', startAt],
        ['end_at', now],
        // The documented maximum (1–5000, default 100).
        ['page_size', 5_000],
        ['cursor', apiCursor ?? undefined],
      ],
      tradebustsPageSchema,
      'a page of trade busts',
      signal,
    );
    const results = page.results ?? [];
    const done = !page.next || results.length === 0;
    yield { tradeIds: results.flatMap((bust) => bustedTradeIds(bust.busted_fill_id)), done };
    if (done) return;
    // A cursor already followed is the kit's paging_loop, raised after the busts read are committed.
    apiCursor = guard.follow(page.next!, results.length, () => 'pages of trade busts');
  }
}
