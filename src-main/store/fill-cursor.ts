import { badInput } from '../core/errors.ts';

/**
 * The opaque position in a newest-first fills listing: the (ts, id) of the last fill returned.
 * Ordering by (ts, id) is total, so paging from it neither skips nor repeats a stored fill, even
 * while new fills arrive (they get larger ids and never slide into a page already read).
 */
export interface FillPosition {
  ts: number;
  id: number;
}

export function encodeFillCursor(position: FillPosition): string {
  return Buffer.from(JSON.stringify([position.ts, position.id])).toString('base64url');
}

export function decodeFillCursor(cursor: string): FillPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((n) => Number.isSafeInteger(n))) {
      return { ts: value[0] as number, id: value[1] as number };
    }
  } catch {
    // falls through to the error below
  }
  throw badInput('invalid_cursor', 'The fills cursor is not one this server returned; start again without a cursor.');
}
