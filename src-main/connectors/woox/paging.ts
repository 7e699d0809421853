/**
 * Walking an account's WOO X trade history through `GET /v3/trade/transactionHistory`: the kit's
 * page walker with count-verified windows (kit/paging/count-verified-window.ts) over the last two
 * years, each window held to WOO X's own count (meta.total) and read by the methods of
 * window-walk.ts. A window that no method can finish ends the pass with an account error
 * (window-incomplete.ts); the cursor (layout v2) stays at that window's start, so the next pass
 * tries it again. Cursors of the first release (v1) are not trusted: its walker could stop a window
 * early without noticing, so an account synced by it backfills once more (the store keeps each
 * trade once).
 */
import { PerpvolError } from '../../core/errors.ts';
import type { FillPage, PageOptions, SyncCursor } from '../kit/connector.ts';
import { walkPages, type PageAdapter } from '../kit/page-walker.ts';
import { countVerifiedWindows, type WindowAnswer, type WindowPass } from '../kit/paging/count-verified-window.ts';
import type { WooxClient } from './client.ts';
import { WOOX_LABEL } from './errors.ts';
import { HISTORY_SPAN_MS, INCREMENTAL_OVERLAP_MS, TRANSACTION_HISTORY_PATH, TRANSACTION_PAGE_LIMITS, WINDOW_MS } from './constants.ts';
import { normalizeTransaction } from './normalize.ts';
import { transactionHistorySchema, type TransactionRow } from './schemas.ts';
import { windowIncompleteError } from './window-incomplete.ts';
import { blankFields, WALK_FIELDS, WINDOW_METHODS, type MethodFields, type TransactionQuery } from './window-walk.ts';

export interface PagingSettings {
  /** Page sizes to ask, largest first: a refused size steps down to the next. */
  pageLimits: readonly number[];
  windowMs: number;
}

export const DEFAULT_PAGING: PagingSettings = { pageLimits: TRANSACTION_PAGE_LIMITS, windowMs: WINDOW_MS };

/** Where a WOO X pass stands, as the sync engine persists it after every request. */
export type WooxCursor = WindowPass<MethodFields>;

export function wooxWindows(settings: PagingSettings = DEFAULT_PAGING) {
  return countVerifiedWindows({
    version: 2,
    historySpanMs: HISTORY_SPAN_MS,
    overlapMs: INCREMENTAL_OVERLAP_MS,
    windowMs: settings.windowMs,
    pageLimit: settings.pageLimits[0]!,
    methods: WINDOW_METHODS,
    blank: blankFields,
    walkFields: WALK_FIELDS,
    incomplete: windowIncompleteError,
  });
}

/** WOO X's answer to a parameter it does not accept (-1004 unknown, -1005 wrong format; errors.ts). */
function isRefusal(error: unknown): boolean {
  return error instanceof PerpvolError && error.code === 'woox_request_refused';
}

function transactionPages(client: WooxClient, settings: PagingSettings): PageAdapter<TransactionQuery, WindowAnswer<TransactionRow>, TransactionRow> {
  return {
    label: WOOX_LABEL,
    async fetch(request, signal) {
      for (let limit = request.limit; ; ) {
        try {
          const body = await client.get(TRANSACTION_HISTORY_PATH, request.query(limit), transactionHistorySchema, signal);
          const total = body.data.meta?.total;
          return { rows: body.data.rows, total: Number.isSafeInteger(total) && total! >= 0 ? total! : null, limit };
        } catch (error) {
          if (!isRefusal(error)) throw error;
          const smaller = settings.pageLimits.find((candidate) => candidate < limit);
          if (request.firstOfWindow && smaller !== undefined) {
            limit = smaller;
            continue;
          }
          // Refused at the smallest page: not about the page size. page / fromId: WOO X does not offer that way.
          if (!request.optional) throw error;
          return 'unsupported';
        }
      }
    },
    normalize: normalizeTransaction,
  };
}

export function walkTransactions(client: WooxClient, saved: SyncCursor | null, options: PageOptions, settings = DEFAULT_PAGING): AsyncGenerator<FillPage> {
  return walkPages(wooxWindows(settings), transactionPages(client, settings), saved, options);
}
