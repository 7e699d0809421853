/**
 * Where a Paradex sync stands, as the JSON the sync engine persists after each committed page.
 *
 * A pass walks GET /v1/fills for [from, to] with the API's own page cursor. The API's cursor is
 * not persisted (it is opaque and may expire); instead the time range already walked is, so a
 * resumed pass asks again only for what is left, whichever order Paradex lists fills in. Rows at
 * the boundary millisecond are fetched twice rather than risked; the store dedupes on trade id.
 * Busts (GET /v1/tradebusts) have a position of their own: where the last complete read of them
 * ended (a bust is idempotent, so a read cut short is simply done again).
 */
import { z } from 'zod';
import type { SyncCursor } from '../kit/connector.ts';
import { readVersionedCursor } from '../kit/versioned-cursor.ts';
import { INCREMENTAL_OVERLAP_MS } from './constants.ts';

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
export type ParadexPass = z.infer<typeof passSchema>;

const cursorV1Schema = z.object({
  v: z.literal(1),
  /** The pass in progress, or null between passes. */
  pass: passSchema.nullable(),
  /** `to` of the last completed pass; incremental passes start a little before it. */
  syncedTo: z.number().int().nullable(),
  /** Oldest fill time ever seen, for "synced from". */
  oldest: z.number().int().nullable(),
});

export const paradexCursorSchema = cursorV1Schema.extend({
  v: z.literal(2),
  /** Up to when busts were last read completely (ms); null = never: the next read takes them all. */
  bustsReadTo: z.number().int().nullable(),
});
export type ParadexCursor = z.infer<typeof paradexCursorSchema>;

/**
 * The persisted cursor, or null (begin a backfill). A v1 cursor (before busts were read) keeps its
 * fills position and reads every bust once. A cursor this version cannot read also means a fresh
 * backfill: slower, but it cannot lose or double-count anything.
 */
export function readParadexCursor(raw: SyncCursor | null): ParadexCursor | null {
  return readVersionedCursor(
    { current: paradexCursorSchema, older: [{ schema: cursorV1Schema, upgrade: (v1: z.infer<typeof cursorV1Schema>) => ({ ...v1, v: 2 as const, bustsReadTo: null }) }] },
    raw,
  );
}

export function startPass(cursor: ParadexCursor | null, now: number): ParadexPass {
  const from = cursor?.syncedTo != null ? Math.max(0, cursor.syncedTo - INCREMENTAL_OVERLAP_MS) : null;
  return { from, to: now, resumeFrom: null, resumeTo: null, firstSeen: null };
}

export type ListingOrder = 'newest_first' | 'oldest_first' | 'unknown';

export function listingOrder(pass: ParadexPass, lastTs: number): ListingOrder {
  if (pass.firstSeen === null || pass.firstSeen === lastTs) return 'unknown';
  return pass.firstSeen > lastTs ? 'newest_first' : 'oldest_first';
}

/**
 * The pass after a page whose rows span [first row … last row]: the walked range is cut off so a
 * resume starts where this page ended (the boundary millisecond is included again).
 */
export function advancePass(pass: ParadexPass, firstTs: number, lastTs: number): ParadexPass {
  const next = { ...pass, firstSeen: pass.firstSeen ?? firstTs };
  const order = listingOrder(next, lastTs);
  if (order === 'newest_first') next.resumeTo = Math.min(next.resumeTo ?? next.to, lastTs + 1);
  if (order === 'oldest_first') next.resumeFrom = Math.max(next.resumeFrom ?? next.from ?? 0, lastTs);
  return next;
}

/** The bounds to request: what remains of the pass. */
export function passQueryBounds(pass: ParadexPass): { startAt: number | null; endAt: number } {
  return { startAt: pass.resumeFrom ?? pass.from, endAt: pass.resumeTo ?? pass.to };
}
