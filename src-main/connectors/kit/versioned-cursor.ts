/**
 * The one way an adapter reads the cursor the sync engine saved after its last page, and the one
 * recovery policy for a cursor it cannot read (docs/adding-an-exchange.md, "Cursor"):
 *
 * A cursor is JSON with a version `v`. The adapter names its current layout and, for each older
 * layout it still understands, how to carry it forward. A cursor that is none of these — written
 * by a newer Perpvol, cut short, edited by hand — means **begin a backfill of everything the
 * exchange serves**, on every exchange: the store keeps each trade once, so reading history again
 * costs time and requests but can neither lose a fill nor count one twice, and the account keeps
 * syncing with nobody having to act. (Failing instead would leave the account stuck on an error
 * no user action clears.)
 */
import type { z } from 'zod';
import type { SyncCursor } from '../../core/sync-cursor.ts';

export interface OlderLayout<T> {
  schema: z.ZodType<unknown>;
  /** The older cursor carried forward into the current layout. */
  upgrade(old: never): T;
}

export interface CursorFormat<T> {
  current: z.ZodType<T>;
  /** Older layouts still understood, newest first. */
  older?: readonly OlderLayout<T>[];
}

/** The saved cursor in the current layout, or null: begin a backfill (no cursor, or one that cannot be read). */
export function readVersionedCursor<T>(format: CursorFormat<T>, saved: SyncCursor | null): T | null {
  if (saved === null) return null;
  const parsed = format.current.safeParse(saved);
  if (parsed.success) return parsed.data;
  for (const layout of format.older ?? []) {
    const old = layout.schema.safeParse(saved);
    if (old.success) return (layout.upgrade as (value: unknown) => T)(old.data);
  }
  return null;
}

/** A cursor as the sync engine stores it: plain JSON. */
export function writeCursor(cursor: object): SyncCursor {
  return JSON.parse(JSON.stringify(cursor)) as SyncCursor;
}
