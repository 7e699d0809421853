/**
 * The one way an adapter reads its saved cursor, and the one recovery for a cursor it cannot read:
 * begin a backfill, on every exchange (docs/adding-an-exchange.md, "Cursor": the store keeps each
 * trade once, so this costs requests but never loses or doubles a fill, and nobody has to act).
 */
import type { z } from 'zod';
import type { SyncCursor } from '../../core/sync-cursor.ts';

export interface OlderLayout<T> {
  schema: z.ZodType<unknown>;
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
