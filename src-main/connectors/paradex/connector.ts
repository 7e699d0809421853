/**
 * The Paradex connector. Credentials (docs/exchanges.md): `{readonlyToken}` — a read-only token, the
 * recommended one — or `{address, privateKey}` (the L2 account address and a registered subkey's
 * private key, or the main key's). REST base from the account's baseUrl, with or without `/v1`
 * (testnet: https://api.testnet.paradex.trade/v1), or mainnet.
 */
import type { Connector, ConnectorContext } from '../kit/connector.ts';
import type { RetryPolicy } from '../http/exchange-http-client.ts';
import type { RateBudget } from '../http/rate-limiter.ts';
import { createParadexAccountClient } from './account-client.ts';
import { checkPrivateKey, checkReadonlyToken } from './credential-check.ts';
import { fetchParadexFeeTiers } from './fee-tiers.ts';
import { paradexFillPages } from './fill-pages.ts';
import { paradexMarketCatalog, type ParadexMarketCatalog } from './markets.ts';
import { FillsPageSize } from './page-size.ts';
import { paradexReportedVolume } from './reported-volume.ts';
import type { SignedLogin } from './signed-login.ts';

export interface ParadexConnectorOptions {
  /** Wall clock for login timestamps, token age and token expiry (tests move it). Default Date.now. */
  clock?: () => number;
  /** Default: the limiter shared by every client of this account and IP. */
  limiter?: RateBudget;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
  /** page_size steps to try, largest first (default FILLS_PAGE_SIZES). */
  pageSizes?: readonly number[];
  /** What each market is (default: the shared GET /v1/markets catalog of the account's origin). */
  markets?: ParadexMarketCatalog;
}

export function createParadexConnector(context: ConnectorContext, options: ParadexConnectorOptions = {}): Connector {
  const { client, credential, expectedAccount, baseUrl } = createParadexAccountClient(context, options);
  const clock = options.clock ?? Date.now;
  const pageSize = new FillsPageSize(options.pageSizes);
  const markets = options.markets ?? paradexMarketCatalog(baseUrl);

  return {
    exchange: 'paradex',
    pages: (cursor, pageOptions) => paradexFillPages(client, cursor, pageOptions, pageSize, markets),
    checkCredential: (signal) => {
      if (credential.kind === 'readonly_token') return checkReadonlyToken(client, credential, signal);
      // A private key always gets a SignedLogin (account-client.ts).
      return checkPrivateKey(client, credential, client.auth as SignedLogin, signal);
    },
    reportedVolume: (signal) => paradexReportedVolume(client, expectedAccount, clock(), signal),
    feeTierFacts: (signal) => fetchParadexFeeTiers(client, expectedAccount, signal),
  };
}
