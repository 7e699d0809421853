/**
 * The readings of `GET /v3/trade/transactionHistory` that WOO X's docs leave open
 * (https://developer.woox.io/api-reference/endpoint/trading/get_transactions documents only
 * symbol, startTime, endTime, fromId "Trade Id to search from" and limit "Number of results per
 * request", and answers with meta {total, recordsPerPage, currentPage}). Each switch is one
 * plausible reading; every combination is a valid exchange, and Perpvol must read the same trades
 * from each (docs/counting.md, "WOO X: a sync is complete only when WOO X's own count says so").
 */
export interface WooxDialect {
  /** Row order when no fromId is sent: by execution time (then id), oldest or newest first. */
  orderWithoutFromId: 'oldest-first' | 'newest-first';
  /**
   * What fromId does: rows from that id upwards in ascending id order, rows from that id
   * downwards in descending id order, or nothing at all (the answer is as without fromId).
   */
  fromId: 'ascending' | 'descending' | 'ignored';
  /** Whether the row whose id is fromId itself is served again. */
  fromIdInclusive: boolean;
  /**
   * The undocumented `page` parameter (CCXT pages this route by page): honoured (an offset of
   * page × served page size), ignored — meta.currentPage then says 1, or echoes the page asked —
   * or refused as an unknown parameter (-1004).
   */
  page: 'honoured' | 'ignored-says-1' | 'ignored-echoes' | 'refused';
  /** The largest `limit` served (no maximum is documented). */
  maxLimit: number;
  /** Above maxLimit: serve maxLimit rows without a word, or refuse the request (-1005). */
  overLimit: 'cap' | 'refuse';
  /** Whether a row executed exactly at endTime is in the answer (startTime is inclusive). */
  endTimeInclusive: boolean;
  /** executedTimestamp as the docs' ms integer, or the "seconds.millis" string live answers carry. */
  timestamps: 'ms' | 'seconds-string';
  /** Whether answers carry meta {total, recordsPerPage, currentPage}. */
  meta: boolean;
}

/**
 * The reading the demo and the backfill bench use: newest first without fromId (as an independent
 * simulator that CCXT agrees with answered), fromId ascending and inclusive, `page` honoured
 * (CCXT relies on it), 500 rows at most (what CCXT asks) with larger limits refused, endTime
 * inclusive, live answers' "seconds.millis" times, and meta present as documented.
 */
export const DEFAULT_WOOX_DIALECT: WooxDialect = {
  orderWithoutFromId: 'newest-first',
  fromId: 'ascending',
  fromIdInclusive: true,
  page: 'honoured',
  maxLimit: 500,
  overLimit: 'refuse',
  endTimeInclusive: true,
  timestamps: 'seconds-string',
  meta: true,
};

/** A short stable name, e.g. "newest/fromId asc incl/page honoured/max 4 cap/end excl/ms/meta". */
export function dialectName(dialect: WooxDialect): string {
  const fromId = dialect.fromId === 'ignored' ? 'fromId ignored' : `fromId ${dialect.fromId === 'ascending' ? 'asc' : 'desc'} ${dialect.fromIdInclusive ? 'incl' : 'excl'}`;
  return [
    dialect.orderWithoutFromId === 'newest-first' ? 'newest' : 'oldest',
    fromId,
    `page ${dialect.page}`,
    `max ${dialect.maxLimit} ${dialect.overLimit}`,
    dialect.endTimeInclusive ? 'end incl' : 'end excl',
    dialect.timestamps === 'ms' ? 'ms' : 'seconds',
    dialect.meta ? 'meta' : 'no meta',
  ].join('/');
}

/**
 * Every distinct dialect for a client that asks `asked` rows per page: largest limits below, at
 * and above it (below: capped silently or refused; at and above nothing is ever refused or capped,
 * so one entry each). fromIdInclusive is left out where fromId is ignored (it changes nothing).
 */
export function allWooxDialects(asked: number, below: number, above: number): WooxDialect[] {
  const limits: Pick<WooxDialect, 'maxLimit' | 'overLimit'>[] = [
    { maxLimit: below, overLimit: 'cap' },
    { maxLimit: below, overLimit: 'refuse' },
    { maxLimit: asked, overLimit: 'refuse' },
    { maxLimit: above, overLimit: 'refuse' },
  ];
  const fromIds: Pick<WooxDialect, 'fromId' | 'fromIdInclusive'>[] = [
    { fromId: 'ascending', fromIdInclusive: true },
    { fromId: 'ascending', fromIdInclusive: false },
    { fromId: 'descending', fromIdInclusive: true },
    { fromId: 'descending', fromIdInclusive: false },
    { fromId: 'ignored', fromIdInclusive: true },
  ];
  const dialects: WooxDialect[] = [];
  for (const orderWithoutFromId of ['oldest-first', 'newest-first'] as const)
    for (const fromId of fromIds)
      for (const page of ['honoured', 'ignored-says-1', 'ignored-echoes', 'refused'] as const)
        for (const limit of limits)
          for (const endTimeInclusive of [true, false])
            for (const timestamps of ['ms', 'seconds-string'] as const)
              for (const meta of [true, false])
                dialects.push({ orderWithoutFromId, ...fromId, page, ...limit, endTimeInclusive, timestamps, meta });
  return dialects;
}
