/**
 * The WOO X connector: reads an account's perpetual-futures executions of the last two years
 * through the v3 API with an API key and secret (docs/exchanges.md: credentials {apiKey, apiSecret}).
 */
import { PerpvolError } from '../../core/errors.ts';
import type { Connector, ConnectorContext, FeeTierFacts, FillPage, PageOptions, SyncCursor } from '../kit/connector.ts';
import { WooxClient, type WooxClientOptions } from './client.ts';
import { WOOX_MAINNET_ORIGIN } from './constants.ts';
import { checkWooxCredential } from './credential.ts';
import { fetchWooxFeeTiers } from './fee-tiers.ts';
import { DEFAULT_PAGING, walkTransactions, type PagingSettings } from './paging.ts';

/** Knobs for tests and tools; production uses the defaults (documented limits and page sizes). */
export interface WooxConnectorOptions {
  client?: Omit<WooxClientOptions, 'baseUrl' | 'key'>;
  paging?: Partial<PagingSettings>;
}

export function createWooxConnector(context: ConnectorContext, options: WooxConnectorOptions = {}): Connector {
  const apiKey = context.credentials['apiKey']?.trim() ?? '';
  const apiSecret = context.credentials['apiSecret']?.trim() ?? '';
  if (!apiKey || !apiSecret) {
    throw new PerpvolError(
      'bad_input',
      'credentials_incomplete',
      'A WOO X account needs an API key and its secret (WOO X → Account → API Management; a Read-only key is enough).',
    );
  }
  const client = new WooxClient({
    ...options.client,
    baseUrl: context.baseUrl ?? WOOX_MAINNET_ORIGIN,
    key: { apiKey, apiSecret },
  });
  const paging: PagingSettings = { ...DEFAULT_PAGING, ...options.paging };
  return {
    exchange: 'woox',
    pages(cursor: SyncCursor | null, pageOptions: PageOptions): AsyncIterable<FillPage> {
      return walkTransactions(client, cursor, pageOptions, paging);
    },
    checkCredential(signal: AbortSignal) {
      return checkWooxCredential(client, apiKey, signal);
    },
    feeTierFacts(signal: AbortSignal): Promise<FeeTierFacts> {
      return fetchWooxFeeTiers(client, signal);
    },
  };
}
