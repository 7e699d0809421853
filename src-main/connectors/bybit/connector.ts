/**
 * The Bybit V5 connector: reads a unified account's perpetual and futures executions (linear and
 * inverse) for the last two years, then keeps up incrementally, and checks what a key may do.
 */
import { apiKeyPair } from '../kit/api-key-credential.ts';
import type { Connector, ConnectorContext } from '../kit/connector.ts';
import { BybitClient, type BybitClientOptions } from './client.ts';
import { EXECUTION_LIST_PATH, MAX_PAGE_LIMIT } from './constants.ts';
import { checkBybitKey, fetchBybitFeeTiers } from './account.ts';
import { bybitInstrumentCatalog, type BybitInstrumentCatalog } from './instruments.ts';
import { bybitExecutionPages, type ExecutionsRequest } from './paging.ts';
import { ExecutionListResultSchema, parseOrMalformed, type ExecutionListResult } from './schemas.ts';

/** Knobs for tests and tools; the app uses the defaults (documented limits, mainnet pacing). */
export interface BybitConnectorOptions extends Pick<BybitClientOptions, 'limiter' | 'retry' | 'timeoutMs' | 'clock'> {
  /** Rows per request, 1–100 (default 100, the documented maximum). */
  pageLimit?: number;
  /** What each symbol is (default: the shared instruments-info catalog of the account's origin). */
  instruments?: BybitInstrumentCatalog;
}

export function createBybitConnector(context: ConnectorContext, options: BybitConnectorOptions = {}): Connector {
  const key = apiKeyPair(context.credentials, 'missing_credentials', 'A Bybit account needs an API key and its API secret (create a read-only key on Bybit).');
  const { limiter, retry, timeoutMs, clock } = options;
  const client = new BybitClient({ baseUrl: context.baseUrl, ...key, uid: context.identity ?? null, limiter, retry, timeoutMs, clock });
  const pageLimit = Math.min(MAX_PAGE_LIMIT, Math.max(1, options.pageLimit ?? MAX_PAGE_LIMIT));

  async function fetchExecutions({ query, from, to, pageCursor }: ExecutionsRequest, signal: AbortSignal): Promise<ExecutionListResult> {
    const result = await client.get(
      EXECUTION_LIST_PATH,
      [
        ['category', query.category],
        ['settleCoin', query.settleCoin ?? undefined],
        ['startTime', from!],
        ['endTime', to],
        ['limit', pageLimit],
        ['cursor', pageCursor ?? undefined],
      ],
      signal,
    );
    return parseOrMalformed(ExecutionListResultSchema, result, 'a list of executions', `GET ${EXECUTION_LIST_PATH}`);
  }

  const instruments = { catalog: options.instruments ?? bybitInstrumentCatalog(client.origin), client };

  return {
    exchange: 'bybit',
    pages: (cursor, pageOptions) => bybitExecutionPages(fetchExecutions, cursor, pageOptions, instruments),
    checkCredential: (signal) => checkBybitKey(client, signal),
    feeTierFacts: (signal) => fetchBybitFeeTiers(client, signal),
  };
}
