/**
 * The one page walker: every exchange's `pages()` is this loop over a paging strategy (kit/paging/)
 * and an adapter (docs/adding-an-exchange.md, "Paging"). Each answer becomes a FillPage with the
 * cursor to resume from, so a kill between any two requests resumes exactly there.
 */
import type { Fill } from '../../core/fill.ts';
import type { SymbolClass } from '../../core/instrument.ts';
import type { UnclassifiedExecution } from '../../core/unclassified-execution.ts';
import type { FillPage, PageOptions, SyncCursor } from './connector.ts';
import type { NormalizedRow } from './normalized-row.ts';

/** The parts of a FillPage that say where the pass stands (everything but what the answer carried). */
export type PagePosition = Omit<FillPage, 'fills' | 'unclassified' | 'bustedTradeIds' | 'reclassified'>;

/** What one answer proved, as the strategy reads it. */
export interface PagingStep<State, Row> {
  state: State;
  /** The answer's rows to hand over (the walker still drops trade ids it handed over in the open range). */
  fresh: readonly Row[];
  done: boolean;
  /** Raised after this page is yielded (what was read is committed first), e.g. a window no method can finish. */
  failure?: Error;
}

export interface PagingStrategy<State, Request, Answer, Row> {
  /** Where a call to pages() starts: the saved pass, or a new one (an unreadable cursor begins a backfill). */
  begin(saved: SyncCursor | null, now: number): State;
  request(state: State): Request;
  /** Reads one answer (a strategy that follows the API's page cursors puts them through kit/loop-guard.ts here). */
  absorb(state: State, answer: Answer, now: number): PagingStep<State, Row>;
  position(state: State, now: number, done: boolean): PagePosition;
  /** Times the next answers can still serve again: ids handed over outside it are forgotten. Null: the whole pass. */
  openRange?(state: State): { from: number; to: number } | null;
}

/** What an exchange's instrument list says, for strategies over exchanges that keep one (Bybit, Paradex). */
export interface InstrumentHook<Answer, Lookup> {
  /** The lookup for this answer's rows (the list read again first when it names a market it lacks). */
  lookup(answer: Answer, signal: AbortSignal, now: number): Promise<Lookup | undefined>;
  /** Markets the list classifies unlike their names; told once per scope (category, list) per pass. */
  differing(answer: Answer): { scope: string; markets: SymbolClass[] } | null;
}

export interface PageAdapter<Request, Answer, Row, Lookup = unknown> {
  fetch(request: Request, signal: AbortSignal): Promise<Answer>;
  normalize(row: Row, lookup: Lookup | undefined): NormalizedRow;
  instruments?: InstrumentHook<Answer, Lookup>;
}

export async function* walkPages<State, Request, Answer, Row, Lookup>(
  strategy: PagingStrategy<State, Request, Answer, Row>,
  adapter: PageAdapter<Request, Answer, Row, Lookup>,
  saved: SyncCursor | null,
  { signal, now }: PageOptions,
): AsyncGenerator<FillPage> {
  let state = strategy.begin(saved, now);
  const handedOver = new HandedOver();
  const told = new Set<string>();
  for (;;) {
    const answer = await adapter.fetch(strategy.request(state), signal);
    const step = strategy.absorb(state, answer, now);
    const lookup = adapter.instruments ? await adapter.instruments.lookup(answer, signal, now) : undefined;
    const fills: Fill[] = [];
    const unclassified: UnclassifiedExecution[] = [];
    for (const row of step.fresh) {
      const normalized = adapter.normalize(row, lookup);
      if ('fill' in normalized && handedOver.take(normalized.fill)) fills.push(normalized.fill);
      else if ('unclassified' in normalized) unclassified.push(normalized.unclassified);
    }
    handedOver.keepWithin(step.done ? null : (strategy.openRange?.(step.state) ?? undefined));
    const page: FillPage = { fills, ...strategy.position(step.state, now, step.done) };
    if (unclassified.length > 0) page.unclassified = unclassified;
    const differing = adapter.instruments?.differing(answer);
    if (differing && !told.has(differing.scope)) {
      told.add(differing.scope);
      if (differing.markets.length > 0) page.reclassified = differing.markets;
    }
    yield page;
    if (step.failure) throw step.failure;
    if (step.done) return;
    state = step.state;
  }
}

/**
 * Trade ids handed over in this pass, kept only while the answers still to come can serve them
 * again (a window's overlap with the next, the edge millisecond of a narrowed range): a two-year
 * backfill never holds every id it has seen.
 */
class HandedOver {
  private taken = new Map<string, number>();
  /** The range every kept id lies in since the last sweep (null: none swept yet). */
  private kept: { from: number; to: number } | null = null;
  /** An id taken since the last sweep lies outside `kept`. */
  private stray = false;

  take(fill: Fill): boolean {
    if (this.taken.has(fill.tradeId)) return false;
    this.taken.set(fill.tradeId, fill.ts);
    if (this.kept === null || fill.ts < this.kept.from || fill.ts > this.kept.to) this.stray = true;
    return true;
  }

  /** null: the pass is over; undefined: the strategy keeps no range (every id of the pass stays). */
  keepWithin(range: { from: number; to: number } | null | undefined): void {
    if (range === undefined) return;
    if (range === null) {
      this.taken.clear();
      this.kept = null;
      this.stray = false;
      return;
    }
    // Sweep only when something can lie outside: a range that narrowed, or an id taken outside it.
    // A window's pages keep one range, so a week of a busy account is not swept once per page.
    const narrowed = this.kept === null || range.from > this.kept.from || range.to < this.kept.to;
    if (narrowed || this.stray) {
      for (const [id, ts] of this.taken) if (ts < range.from || ts > range.to) this.taken.delete(id);
    }
    this.kept = { from: range.from, to: range.to };
    this.stray = false;
  }
}
