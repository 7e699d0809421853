/**
 * The Bybit V5 connector: reads a unified account's perpetual and futures executions (linear and
 * inverse) for the last two years, then keeps up incrementally, and checks what a key may do.
 */
import { badInput } from '../../core/errors.ts';
import type { Fill } from '../../core/fill.ts';
import type { Connector, ConnectorContext, CredentialCheck, FeeTierFacts, FillPage, PageOptions, SyncCursor } from '../connector.ts';
import type { RetryPolicy } from '../http/exchange-http-client.ts';
import type { WeightedRateLimiter } from '../http/rate-limiter.ts';
import { BybitClient } from './client.ts';
import { EXECUTION_LIST_PATH, MAX_PAGE_LIMIT, QUERY_API_PATH } from './constants.ts';
import { credentialCheckFromKeyInfo } from './credential.ts';
import { fetchBybitFeeTiers } from './fee-tiers.ts';
import { normalizeExecution } from './normalize.ts';
import { advance, beginPass, currentRequest, readBybitCursor, toFillPage, type WindowRequest } from './paging.ts';
import { ApiKeyInfoSchema, ExecutionListResultSchema, parseOrMalformed, type ExecutionListResult } from './schemas.ts';

/** Knobs for tests and tools; the app uses the defaults (documented limits, mainnet pacing). */
export interface BybitConnectorOptions {
  limiter?: WeightedRateLimiter;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
  /** Wall clock for request timestamps. */
  clock?: () => number;
  /** Rows per request, 1–100 (default 100, the documented maximum). */
  pageLimit?: number;
}

export function createBybitConnector(context: ConnectorContext, options: BybitConnectorOptions = {}): Connector {
  const apiKey = context.credentials['apiKey']?.trim();
  const apiSecret = context.credentials['apiSecret']?.trim();
  if (!apiKey || !apiSecret) {
    throw badInput('missing_credentials', 'A Bybit account needs an API key and its API secret (create a read-only key on Bybit).');
  }
  const client = new BybitClient({
    baseUrl: context.baseUrl,
    apiKey,
    apiSecret,
    limiter: options.limiter,
    retry: options.retry,
    timeoutMs: options.timeoutMs,
    clock: options.clock,
  });
  const pageLimit = Math.min(MAX_PAGE_LIMIT, Math.max(1, options.pageLimit ?? MAX_PAGE_LIMIT));

  async function fetchExecutions(request: WindowRequest, signal: AbortSignal): Promise<ExecutionListResult> {
    const result = await client.get(
      EXECUTION_LIST_PATH,
      [
        ['category', request.category],
        ['startTime', request.startTime],
        ['endTime', request.endTime],
        ['limit', pageLimit],
        ['cursor', request.pageCursor ?? undefined],
      ],
      signal,
    );
    return parseOrMalformed(ExecutionListResultSchema, result, 'a list of executions');
  }

  return {
    exchange: 'bybit',

    async *pages(cursor: SyncCursor | null, { signal, now }: PageOptions): AsyncIterable<FillPage> {
      let state = beginPass(readBybitCursor(cursor), now);
      // Bybit may repeat a row on the next page when several share one execTime (documented
      // sorting caveat); drop repeats within a window so one pass hands each fill over once.
      // Consecutive windows share their edge millisecond (paging.ts), so a category's next window
      // starts out knowing the fills already handed over at that millisecond.
      let seen = new Set<string>();
      let seenWindow = '';
      const edgeFills = new Map<string, { ms: number; ids: Set<string> }>();
      for (;;) {
        const request = currentRequest(state.pass);
        const windowKey = `${request.category}:${request.startTime}`;
        if (windowKey !== seenWindow) {
          const edge = edgeFills.get(request.category);
          seen = new Set(edge?.ms === request.startTime ? edge.ids : []);
          seenWindow = windowKey;
          edgeFills.set(request.category, { ms: request.endTime, ids: new Set() });
        }
        const result = await fetchExecutions(request, signal);
        const fills: Fill[] = [];
        for (const row of result.list) {
          const fill = normalizeExecution(request.category, row);
          if (fill === null || seen.has(fill.tradeId)) continue;
          seen.add(fill.tradeId);
          if (fill.ts === request.endTime) edgeFills.get(request.category)!.ids.add(fill.tradeId);
          fills.push(fill);
        }
        let next = result.nextPageCursor ? sendableCursor(result.nextPageCursor) : null;
        // An empty page or a cursor pointing at itself ends the window rather than looping forever.
        if (result.list.length === 0 || next === request.pageCursor) next = null;
        const after = advance(state, next);
        yield toFillPage(after, fills, now);
        if (after.pass === null) return;
        state = { ...after, pass: after.pass };
      }
    },

    async checkCredential(signal: AbortSignal): Promise<CredentialCheck> {
      const result = await client.get(QUERY_API_PATH, [], signal);
      return credentialCheckFromKeyInfo(parseOrMalformed(ApiKeyInfoSchema, result, 'API key information'));
    },

    feeTierFacts(signal: AbortSignal): Promise<FeeTierFacts> {
      return fetchBybitFeeTiers(client, signal);
    },
  };
}

/**
 * Bybit hands out nextPageCursor already percent-encoded (e.g. "123%3A0%2C123%3A0") and expects
 * it back as is. The HTTP client percent-encodes every value, so keep the decoded form: encoding
 * it once yields exactly what Bybit sent.
 */
function sendableCursor(cursor: string): string {
  try {
    return decodeURIComponent(cursor);
  } catch {
    return cursor;
  }
}
