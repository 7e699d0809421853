/**
 * The points GET /v5/execution/list leaves open, one switch each, so the connector can be proven
 * right under every reading (https://bybit-exchange.github.io/docs/v5/order/execution, the
 * 2026-01-13 changelog entry adding `settleCoin`). The documented or most literal reading of each
 * is DOCUMENTED_BYBIT_DIALECT; allBybitDialects() is every combination.
 */

export interface BybitDialect {
  /** The docs call startTime "the start timestamp" without saying whether a row AT it is included. */
  startTime: 'inclusive' | 'exclusive';
  /** Same for endTime. */
  endTime: 'inclusive' | 'exclusive';
  /** "sorted by execTime in descending order" is documented; an oldest-first server pages the same rows. */
  order: 'newest-first' | 'oldest-first';
  /** "endTime - startTime <= 7 days": a longer span refused with retCode 10001, or silently cut to 7 days from startTime. */
  overlongSpan: 'error' | 'clamp';
  /** limit "[1, 100]": a larger one refused with 10001, or served as 100. */
  limitAbove100: 'error' | 'clamp';
  /** nextPageCursor on the last page: "", left out, null, or still set with one empty page after it. */
  lastCursor: 'empty' | 'absent' | 'null' | 'trailing-page';
  /** Since settleCoin exists, a linear query without it may still list every settle coin, or only USDT. */
  linearWithoutSettleCoin: 'all' | 'usdt-only';
  /** "Response items will have sorting issues when execTime is the same": a row repeated at the top of the next page. */
  repeatAcrossPages: boolean;
}

export const DOCUMENTED_BYBIT_DIALECT: BybitDialect = {
  startTime: 'inclusive',
  endTime: 'inclusive',
  order: 'newest-first',
  overlongSpan: 'error',
  limitAbove100: 'error',
  lastCursor: 'empty',
  linearWithoutSettleCoin: 'all',
  repeatAcrossPages: false,
};

const CHOICES: { [K in keyof BybitDialect]: readonly BybitDialect[K][] } = {
  startTime: ['inclusive', 'exclusive'],
  endTime: ['inclusive', 'exclusive'],
  order: ['newest-first', 'oldest-first'],
  overlongSpan: ['error', 'clamp'],
  limitAbove100: ['error', 'clamp'],
  lastCursor: ['empty', 'absent', 'null', 'trailing-page'],
  linearWithoutSettleCoin: ['all', 'usdt-only'],
  repeatAcrossPages: [false, true],
};

/** Every combination of every switch (512). */
export function allBybitDialects(): BybitDialect[] {
  let out: Partial<BybitDialect>[] = [{}];
  for (const key of Object.keys(CHOICES) as (keyof BybitDialect)[]) {
    out = out.flatMap((partial) => CHOICES[key].map((value) => ({ ...partial, [key]: value })));
  }
  return out as BybitDialect[];
}

/** "startTime=exclusive endTime=inclusive …", for test names. */
export function describeBybitDialect(dialect: BybitDialect): string {
  return (Object.keys(CHOICES) as (keyof BybitDialect)[]).map((key) => `${key}=${String(dialect[key])}`).join(' ');
}
