/**
 * The WOO X connector: reads an account's perpetual-futures executions of the last two years
 * through the v3 API with an API key and secret (docs/exchanges.md: credentials {apiKey, apiSecret}).
 */
import { apiKeyPair } from '../kit/api-key-credential.ts';
import type { Connector, ConnectorContext } from '../kit/connector.ts';
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
  const key = apiKeyPair(
    context.credentials,
    'credentials_incomplete',
    'A WOO X account needs an API key and its secret (WOO X → Account → API Management; a Read-only key is enough).',
  );
  const client = new WooxClient({ ...options.client, baseUrl: context.baseUrl ?? WOOX_MAINNET_ORIGIN, key });
  const paging: PagingSettings = { ...DEFAULT_PAGING, ...options.paging };
  return {
    exchange: 'woox',
    pages: (cursor, pageOptions) => walkTransactions(client, cursor, pageOptions, paging),
    checkCredential: (signal) => checkWooxCredential(client, key.apiKey, signal),
    feeTierFacts: (signal) => fetchWooxFeeTiers(client, signal),
  };
}
