/**
 * The Bybit V5 connector: reads a unified account's perpetual and futures executions (linear and
 * inverse) for the last two years, then keeps up incrementally, and checks what a key may do.
 */
import { badInput } from '../../core/errors.ts';
import type { Connector, ConnectorContext, CredentialCheck, FeeTierFacts, FillPage, PageOptions, SyncCursor } from '../kit/connector.ts';
import type { RetryPolicy } from '../http/exchange-http-client.ts';
import type { RateBudget } from '../http/rate-limiter.ts';
import { BybitClient, sendableCursor } from './client.ts';
import { EXECUTION_LIST_PATH, INSTRUMENTS_INFO_PATH, INSTRUMENTS_PAGE_LIMIT, MAX_PAGE_LIMIT, QUERY_API_PATH, type PerpCategory } from './constants.ts';
import { credentialCheckFromKeyInfo } from './credential.ts';
import { fetchBybitFeeTiers } from './fee-tiers.ts';
import { bybitInstrumentCatalog, type BybitInstrumentCatalog } from './instruments.ts';
import { bybitExecutionPages, type InstrumentSource, type WindowRequest } from './paging.ts';
import {
  ApiKeyInfoSchema,
  ExecutionListResultSchema,
  InstrumentsResultSchema,
  parseOrMalformed,
  type ExecutionListResult,
  type InstrumentsResult,
} from './schemas.ts';

/** Knobs for tests and tools; the app uses the defaults (documented limits, mainnet pacing). */
export interface BybitConnectorOptions {
  limiter?: RateBudget;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
  /** Wall clock for request timestamps. */
  clock?: () => number;
  /** Rows per request, 1–100 (default 100, the documented maximum). */
  pageLimit?: number;
  /** What each symbol is (default: the shared instruments-info catalog of the account's origin). */
  instruments?: BybitInstrumentCatalog;
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

  async function fetchInstruments(category: PerpCategory, cursor: string | null, signal: AbortSignal): Promise<InstrumentsResult> {
    const result = await client.publicGet(
      INSTRUMENTS_INFO_PATH,
      [
        ['category', category],
        ['limit', INSTRUMENTS_PAGE_LIMIT],
        ['cursor', cursor === null ? undefined : sendableCursor(cursor)],
      ],
      signal,
    );
    return parseOrMalformed(InstrumentsResultSchema, result, 'a list of instruments', `GET ${INSTRUMENTS_INFO_PATH}`);
  }
  const instruments: InstrumentSource = { catalog: options.instruments ?? bybitInstrumentCatalog(client.origin), fetch: fetchInstruments };

  return {
    exchange: 'bybit',

    pages(cursor: SyncCursor | null, pageOptions: PageOptions): AsyncIterable<FillPage> {
      return bybitExecutionPages(fetchExecutions, cursor, pageOptions, instruments);
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
