/**
 * The Paradex connector. Credentials (docs/exchanges.md): `{readonlyToken}` — a read-only token, the
 * recommended one — or `{address, privateKey}` (the L2 account address and a registered subkey's
 * private key, or the main key's). REST base from the account's baseUrl, with or without `/v1`
 * (testnet: https://api.testnet.paradex.trade/v1), or mainnet.
 */
import type { Connector, ConnectorContext } from '../kit/connector.ts';
import { createParadexAccountClient, type ParadexClientOptions } from './account-client.ts';
import { fetchParadexFeeTiers, paradexReportedVolume } from './fee-tiers.ts';
import { paradexFillPages } from './fill-pages.ts';
import { checkParadexCredential } from './login.ts';
import { paradexMarketCatalog, type ParadexMarketCatalog } from './markets.ts';

export interface ParadexConnectorOptions extends ParadexClientOptions {
  /** What each market is (default: the shared GET /v1/markets catalog of the account's origin). */
  markets?: ParadexMarketCatalog;
}

export function createParadexConnector(context: ConnectorContext, options: ParadexConnectorOptions = {}): Connector {
  const { client, expectedAccount, baseUrl } = createParadexAccountClient(context, options);
  const clock = options.clock ?? Date.now;
  return {
    exchange: 'paradex',
    pages: paradexFillPages(client, options.markets ?? paradexMarketCatalog(baseUrl)),
    checkCredential: (signal) => checkParadexCredential(client, signal),
    reportedVolume: (signal) => paradexReportedVolume(client, expectedAccount, clock(), signal),
    feeTierFacts: (signal) => fetchParadexFeeTiers(client, expectedAccount, signal),
  };
}
