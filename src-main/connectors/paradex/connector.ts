/**
 * The Paradex connector. Credentials (shared/API.md): `{readonlyToken}` — a read-only token, the
 * recommended one — or `{address, privateKey}` (the L2 account address and a registered subkey's
 * private key, or the main key's). REST base from the account's baseUrl, with or without `/v1`
 * (testnet: https://api.testnet.paradex.trade/v1), or mainnet.
 */
import { createHash } from 'node:crypto';
import type { Connector, ConnectorContext } from '../connector.ts';
import type { RetryPolicy } from '../http/exchange-http-client.ts';
import type { RateBudget } from '../http/rate-limiter.ts';
import { paradexApiBaseUrl } from './base-url.ts';
import { ParadexClient } from './client.ts';
import { PARADEX_MAINNET_URL } from './constants.ts';
import { checkPrivateKey, checkReadonlyToken } from './credential-check.ts';
import { parseParadexCredential, type ParadexCredential } from './credentials.ts';
import { fetchParadexFeeTiers } from './fee-tiers.ts';
import { paradexFillPages } from './fill-pages.ts';
import { paradexMarketCatalog, type ParadexMarketCatalog } from './markets.ts';
import { FillsPageSize } from './page-size.ts';
import { ReadonlyTokenAuth } from './readonly-token-auth.ts';
import { paradexReportedVolume } from './reported-volume.ts';
import { isLoginPath, SignedLogin } from './signed-login.ts';

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

/** Who the rate limit and messages are about, without ever using the token itself. */
function accountOf(credential: ParadexCredential): { limiterAccount: string; label: string; expected: string | null } {
  if (credential.kind === 'private_key') return { limiterAccount: credential.account, label: credential.account, expected: credential.account };
  const subject = credential.claims.subject;
  if (subject) return { limiterAccount: subject, label: subject, expected: subject };
  const fingerprint = createHash('sha256').update(credential.token).digest('hex').slice(0, 16);
  return { limiterAccount: `readonly-token:${fingerprint}`, label: 'of this read-only token', expected: null };
}

export function createParadexConnector(context: ConnectorContext, options: ParadexConnectorOptions = {}): Connector {
  // Validated here so a typo fails when the account is added, with a message naming the field.
  const credential = parseParadexCredential(context.credentials);
  const clock = options.clock ?? Date.now;
  const who = accountOf(credential);
  const baseUrl = paradexApiBaseUrl(context.baseUrl ?? PARADEX_MAINNET_URL);
  const client = new ParadexClient({
    baseUrl,
    limiterAccount: who.limiterAccount,
    accountLabel: who.label,
    authenticator: (transport) => {
      if (credential.kind === 'readonly_token') return new ReadonlyTokenAuth(credential.token, credential.claims, clock);
      const remembered = context.facts?.loginPath;
      return new SignedLogin(transport, {
        account: credential.account,
        privateKeyHex: credential.privateKeyHex,
        publicKey: credential.publicKey,
        clock,
        rememberedPath: isLoginPath(remembered) ? remembered : null,
      });
    },
    limiter: options.limiter,
    retry: options.retry,
    timeoutMs: options.timeoutMs,
  });
  const pageSize = new FillsPageSize(options.pageSizes);
  const markets = options.markets ?? paradexMarketCatalog(baseUrl);

  return {
    exchange: 'paradex',
    pages: (cursor, pageOptions) => paradexFillPages(client, cursor, pageOptions, pageSize, markets),
    checkCredential: (signal) => {
      if (credential.kind === 'readonly_token') return checkReadonlyToken(client, credential, signal);
      // A private key always gets a SignedLogin (the authenticator above).
      return checkPrivateKey(client, credential, client.auth as SignedLogin, signal);
    },
    reportedVolume: (signal) => paradexReportedVolume(client, who.expected, clock(), signal),
    feeTierFacts: (signal) => fetchParadexFeeTiers(client, who.expected, signal),
  };
}
