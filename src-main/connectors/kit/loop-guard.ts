/**
 * The one loop guard of cursor-paged walks, the same on every exchange (docs/adding-an-exchange.md,
 * "Loop guard"). Empty pages with a new cursor are followed because a server may page over rows it
 * filters out; an empty page pointing at itself is the end (some servers end that way).
 */
import { PerpvolError } from '../../core/errors.ts';

export const MAX_EMPTY_PAGES_IN_A_ROW = 5;

export class LoopGuard {
  private scope: string | null = null;
  private followed = new Set<string>();
  private emptyInARow = 0;

  constructor(private readonly label: string) {}

  /** Starts remembering afresh when the query changes; `cursor` is the page cursor about to be sent. */
  enter(scope: string, cursor: string | null): void {
    if (scope !== this.scope) {
      this.scope = scope;
      this.followed = new Set();
      this.emptyInARow = 0;
    }
    if (cursor !== null) this.followed.add(cursor);
  }

  /**
   * The cursor to follow after a page of `rows` rows that handed back `next` (null: none), or
   * null when the query is complete. `what` describes the query for the error.
   */
  follow(next: string | null, rows: number, what: () => string): string | null {
    if (next === null || next === '') return null;
    if (this.followed.has(next)) {
      if (rows > 0) throw pagingLoop(this.label, what());
      return null;
    }
    this.emptyInARow = rows === 0 ? this.emptyInARow + 1 : 0;
    if (this.emptyInARow > MAX_EMPTY_PAGES_IN_A_ROW) throw pagingLoop(this.label, what());
    return next;
  }
}

function pagingLoop(label: string, what: string): PerpvolError {
  return new PerpvolError(
    'exchange_unavailable',
    'paging_loop',
    `${label}'s ${what} lead back to a page already read, so Perpvol cannot tell whether that stretch is complete. ` +
      'Everything before it is stored; the next sync tries that stretch again.',
    true,
  );
}
