/**
 * One Paradex account's REST client from its credentials: who the rate limit and messages are
 * about, and how bearer tokens are had — a read-only token is the bearer itself, a private key (a
 * registered subkey or the main key) logs in for 5-minute JWTs on the path the account remembers.
 * The connector and the private stream (fill-stream.ts) both start here, so they authenticate
 * the same way and spend the same rate budgets.
 */
import { createHash } from 'node:crypto';
import type { ConnectorContext } from '../kit/connector.ts';
import type { RetryPolicy } from '../http/exchange-http-client.ts';
import type { RateBudget } from '../http/rate-limiter.ts';
import { paradexApiBaseUrl } from './base-url.ts';
import { ParadexClient } from './client.ts';
import { PARADEX_MAINNET_URL } from './constants.ts';
import { parseParadexCredential, type ParadexCredential } from './credentials.ts';
import { ReadonlyTokenAuth } from './readonly-token-auth.ts';
import { isLoginPath, SignedLogin } from './signed-login.ts';

export interface ParadexAccountClientOptions {
  /** Wall clock for login timestamps, token age and token expiry (tests move it). Default Date.now. */
  clock?: () => number;
  /** Default: the limiter shared by every client of this account and IP. */
  limiter?: RateBudget;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
}

export interface ParadexAccountClient {
  client: ParadexClient;
  credential: ParadexCredential;
  /** The account the credential must speak for, when the credential names it (null: an opaque token). */
  expectedAccount: string | null;
  /** The REST base (…/v1) this client speaks to; the market catalog is shared per origin. */
  baseUrl: string;
}

/** Who the rate limit and messages are about, without ever using the token itself. */
function accountOf(credential: ParadexCredential): { limiterAccount: string; label: string; expected: string | null } {
  if (credential.kind === 'private_key') return { limiterAccount: credential.account, label: credential.account, expected: credential.account };
  const subject = credential.claims.subject;
  if (subject) return { limiterAccount: subject, label: subject, expected: subject };
  const fingerprint = createHash('sha256').update(credential.token).digest('hex').slice(0, 16);
  return { limiterAccount: `readonly-token:${fingerprint}`, label: 'of this read-only token', expected: null };
}

export function createParadexAccountClient(
  context: Pick<ConnectorContext, 'baseUrl' | 'credentials' | 'facts'>,
  options: ParadexAccountClientOptions = {},
): ParadexAccountClient {
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
  return { client, credential, expectedAccount: who.expected, baseUrl };
}
