/**
 * The Bybit V5 connector: reads a unified account's perpetual and futures executions (linear and
 * inverse) for the last two years, then keeps up incrementally, and checks what a key may do.
 */
import { badInput } from '../../core/errors.ts';
import type { Connector, ConnectorContext, CredentialCheck, FeeTierFacts, FillPage, PageOptions, SyncCursor } from '../connector.ts';
import type { RetryPolicy } from '../http/exchange-http-client.ts';
import type { RateBudget } from '../http/rate-limiter.ts';
import { BybitClient } from './client.ts';
import { EXECUTION_LIST_PATH, MAX_PAGE_LIMIT, QUERY_API_PATH } from './constants.ts';
import { credentialCheckFromKeyInfo } from './credential.ts';
import { bybitExecutionPages } from './execution-pages.ts';
import { fetchBybitFeeTiers } from './fee-tiers.ts';
import type { WindowRequest } from './paging.ts';
import { ApiKeyInfoSchema, ExecutionListResultSchema, parseOrMalformed, type ExecutionListResult } from './schemas.ts';

/** Knobs for tests and tools; the app uses the defaults (documented limits, mainnet pacing). */
export interface BybitConnectorOptions {
  limiter?: RateBudget;
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
    uid: context.identity ?? null,
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
        ['settleCoin', request.settleCoin ?? undefined],
        ['startTime', request.startTime],
        ['endTime', request.endTime],
        ['limit', pageLimit],
        ['cursor', request.pageCursor ?? undefined],
      ],
      signal,
    );
    return parseOrMalformed(ExecutionListResultSchema, result, 'a list of executions', `GET ${EXECUTION_LIST_PATH}`);
  }

  return {
    exchange: 'bybit',

    pages(cursor: SyncCursor | null, options: PageOptions): AsyncIterable<FillPage> {
      return bybitExecutionPages(fetchExecutions, cursor, options);
    },

    async checkCredential(signal: AbortSignal): Promise<CredentialCheck> {
      const result = await client.get(QUERY_API_PATH, [], signal);
      return credentialCheckFromKeyInfo(parseOrMalformed(ApiKeyInfoSchema, result, 'API key information', `GET ${QUERY_API_PATH}`));
    },

    feeTierFacts(signal: AbortSignal): Promise<FeeTierFacts> {
      return fetchBybitFeeTiers(client, signal);
    },
  };
}
