/**
 * The Paradex connector: credentials `{address, privateKey}` (the L2 account address and its main
 * private key or, better, a subkey's), REST origin from the account's baseUrl (testnet:
 * https://api.testnet.paradex.trade/v1) or mainnet.
 */
import type { Connector, ConnectorContext } from '../connector.ts';
import type { RetryPolicy } from '../http/exchange-http-client.ts';
import type { WeightedRateLimiter } from '../http/rate-limiter.ts';
import { normalizeAccountAddress, normalizeStarkPrivateKey, starkPublicKey } from './auth-signature.ts';
import { ParadexClient } from './client.ts';
import { PARADEX_MAINNET_URL } from './constants.ts';
import { checkParadexCredential } from './credential-check.ts';
import { fetchParadexFeeTiers } from './fee-tiers.ts';
import { paradexFillPages } from './fill-pages.ts';

export interface ParadexConnectorOptions {
  /** Wall clock for login timestamps and token age (tests move it). Default Date.now. */
  clock?: () => number;
  /** Default: the limiter shared by every client of this account and IP. */
  limiter?: WeightedRateLimiter;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
}

export function createParadexConnector(context: ConnectorContext, options: ParadexConnectorOptions = {}): Connector {
  // Validated here so a typo fails when the account is added, with a message naming the field.
  const account = normalizeAccountAddress(context.credentials.address ?? '');
  const privateKeyHex = normalizeStarkPrivateKey(context.credentials.privateKey ?? '');
  const publicKey = starkPublicKey(privateKeyHex);
  const client = new ParadexClient({
    baseUrl: context.baseUrl ?? PARADEX_MAINNET_URL,
    account,
    privateKeyHex,
    clock: options.clock ?? Date.now,
    limiter: options.limiter,
    retry: options.retry,
    timeoutMs: options.timeoutMs,
  });

  return {
    exchange: 'paradex',
    pages: (cursor, pageOptions) => paradexFillPages(client, cursor, pageOptions),
    checkCredential: (signal) => checkParadexCredential(client, publicKey, signal),
    feeTierFacts: (signal) => fetchParadexFeeTiers(client, signal),
  };
}
