/**
 * Where a Paradex sync stands, as the JSON the sync engine persists after each committed page, and
 * how it maps onto the kit's time-window strategy (kit/paging/time-window.ts): one window
 * [from, to] per pass, walked with the API's own page cursor.
 *
 * The API's cursor is not persisted (it is opaque and may expire); instead the time range already
 * walked is, so a resumed pass asks again only for what is left, whichever order Paradex lists
 * fills in (narrowByListingOrder). Rows at the boundary millisecond are fetched twice rather than
 * risked; the store dedupes on trade id. Busts (GET /v1/tradebusts) have a position of their own:
 * where the last complete read of them ended (a bust is idempotent, so a read cut short is simply
 * done again).
 */
import { z } from 'zod';
import type { SyncCursor } from '../kit/connector.ts';
import type { WindowCursor } from '../kit/paging/time-window.ts';
import { readVersionedCursor, writeCursor, type CursorFormat } from '../kit/versioned-cursor.ts';

const passSchema = z.object({
  /** start_at of the pass (ms, inclusive); null = from the beginning of the account's history. */
  from: z.number().int().nullable(),
  /** end_at of the pass (ms), fixed when the pass starts. */
  to: z.number().int(),
  /** Narrowed bounds of what is still to walk, after committed pages. */
  resumeFrom: z.number().int().nullable(),
  resumeTo: z.number().int().nullable(),
  /** created_at of the first row the pass saw, to tell the listing order. */
  firstSeen: z.number().int().nullable(),
});

const cursorV1Schema = z.object({
  v: z.literal(1),
  /** The pass in progress, or null between passes. */
  pass: passSchema.nullable(),
  /** `to` of the last completed pass; incremental passes start a little before it. */
  syncedTo: z.number().int().nullable(),
  /** Oldest fill time ever seen, for "synced from". */
  oldest: z.number().int().nullable(),
});

const paradexCursorSchema = cursorV1Schema.extend({
  v: z.literal(2),
  /** Up to when busts were last read completely (ms); null = never: the next read takes them all. */
  bustsReadTo: z.number().int().nullable(),
});
export type ParadexCursor = z.infer<typeof paradexCursorSchema>;

/** A v1 cursor (before busts were read) keeps its fills position and reads every bust once. */
const fromV1 = (v1: z.infer<typeof cursorV1Schema>): ParadexCursor => ({ ...v1, v: 2, bustsReadTo: null });

/** The persisted cursor, or null: begin a backfill (kit/versioned-cursor.ts). */
export function readParadexCursor(raw: SyncCursor | null): ParadexCursor | null {
  return readVersionedCursor({ current: paradexCursorSchema, older: [{ schema: cursorV1Schema, upgrade: fromV1 }] }, raw);
}

/** Paradex's layout as the strategy's position: what the pass learned is the first row's time. */
function toWindow({ pass, syncedTo, oldest }: ParadexCursor): WindowCursor<number | null> {
  const at = pass && { start: pass.from, end: pass.to, windowStart: pass.from, queryIndex: 0, pageCursor: null, resumeFrom: pass.resumeFrom, resumeTo: pass.resumeTo, learned: pass.firstSeen };
  return { syncedFrom: null, syncedTo, oldestSeen: oldest, pass: at };
}

export const PARADEX_WINDOW_FORMAT: CursorFormat<WindowCursor<number | null>> = {
  current: paradexCursorSchema.transform(toWindow),
  older: [{ schema: cursorV1Schema, upgrade: (v1: z.infer<typeof cursorV1Schema>) => toWindow(fromV1(v1)) }],
};

export function writeParadexCursor({ pass, syncedTo, oldestSeen }: WindowCursor<number | null>, bustsReadTo: number | null): SyncCursor {
  const at = pass && { from: pass.start, to: pass.end, resumeFrom: pass.resumeFrom, resumeTo: pass.resumeTo, firstSeen: pass.learned };
  return writeCursor({ v: 2, pass: at, syncedTo, oldest: oldestSeen, bustsReadTo } satisfies ParadexCursor);
}

/**
 * What is left of the pass after a page whose rows run from `first` to `last`: Paradex's listing
 * order (told by the pass's first row against this page's last) says which end the page walked,
 * so that end is cut off there (the boundary millisecond is included again).
 */
export function narrowByListingOrder(
  remaining: { from: number | null; to: number },
  firstSeen: number | null,
  { first, last }: { first: number; last: number },
): { remaining: { from: number | null; to: number }; learned: number } {
  const seen = firstSeen ?? first;
  if (seen > last) return { remaining: { from: remaining.from, to: Math.min(remaining.to, last + 1) }, learned: seen };
  if (seen < last) return { remaining: { from: Math.max(remaining.from ?? 0, last), to: remaining.to }, learned: seen };
  return { remaining, learned: seen };
}
