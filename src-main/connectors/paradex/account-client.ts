/**
 * One Paradex account's REST client, paced by the shared limiters, its bearer from the account's login (login.ts).
 * The connector and the private stream (fill-stream.ts) both start here: they log in alike and share the budgets.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { DEFAULT_RETRY, ExchangeHttpClient, type QueryValue, type RetryPolicy } from '../http/exchange-http-client.ts';
import { CombinedBudget, sharedRateLimiters, type RateBudget } from '../http/rate-limiter.ts';
import type { ConnectorContext } from '../kit/connector.ts';
import { parseOrMalformed, readAnswer } from '../kit/answer-reader.ts';
import { limiterKey } from '../kit/limiter-key.ts';
import { AUTH_PER_IP, GET_PER_IP, PARADEX_LABEL, PARADEX_MAINNET_URL, PRIVATE_GET_PER_ACCOUNT, PRIVATE_GET_PER_ACCOUNT_PER_SECOND } from './constants.ts';
import { parseParadexCredential, type ParadexCredential } from './credential.ts';
import { classifyParadexAnswer, PARADEX_ANSWERS } from './errors.ts';
import { isLoginPath, ParadexLogin } from './login.ts';

/** Public routes (no account): only the per-IP budget applies. */
const PUBLIC_ROUTE = /^\/(v1\/)?(system|markets|bbo|orderbook|trades|insurance|referrals\/config)(\/|$)/;
const AUTH_ROUTE = /^\/(v1\/)?(auth|onboarding)(\/|$)/;

/**
 * The budgets a request to `path` spends (constants.ts), shared by every client of this origin and, for private
 * GETs, of this account: its per-second and per-minute limits (narrowest first), then this machine's per-IP one.
 */
function paradexBudget(baseUrl: string, account: string, path: string): RateBudget {
  if (AUTH_ROUTE.test(path)) return sharedRateLimiters.get(limiterKey('paradex', baseUrl, 'auth-ip'), AUTH_PER_IP);
  const ip = sharedRateLimiters.get(limiterKey('paradex', baseUrl, 'get-ip'), GET_PER_IP);
  if (PUBLIC_ROUTE.test(path)) return ip;
  return new CombinedBudget([
    sharedRateLimiters.get(limiterKey('paradex', baseUrl, `account:${account}`, 'per-second'), PRIVATE_GET_PER_ACCOUNT_PER_SECOND),
    sharedRateLimiters.get(limiterKey('paradex', baseUrl, `account:${account}`, 'per-minute'), PRIVATE_GET_PER_ACCOUNT),
    ip,
  ]);
}

/**
 * The REST base: users paste the documented server URL (…/v1) with or without `/v1` (and maybe behind a proxy
 * prefix); without it every call went to `/system/config`, and a wrong key came back as a 404.
 */
export function paradexApiBaseUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith('/v1') ? path : `${path}/v1`;
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}

export interface ParadexClientOptions {
  /** Wall clock for login timestamps, token age and token expiry (tests move it). Default Date.now. */
  clock?: () => number;
  /** Default: the limiter shared by every client of this account and IP. */
  limiter?: RateBudget;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
}

export class ParadexClient {
  /** Hands back every final answer whatever its status: only transient ones are retried, rate limits waited out. */
  readonly http: ExchangeHttpClient;
  readonly auth: ParadexLogin;

  constructor(
    readonly baseUrl: string,
    credential: ParadexCredential,
    /** Who the per-account rate limit is counted for, and the account error messages name. */
    private readonly who: { limiterAccount: string; label: string },
    rememberedPath: unknown,
    options: ParadexClientOptions,
  ) {
    const budgets = new Map<string, RateBudget>();
    this.http = new ExchangeHttpClient({
      exchangeLabel: PARADEX_LABEL,
      baseUrl,
      limiter:
        options.limiter ??
        ((path) => {
          let budget = budgets.get(path);
          if (!budget) budgets.set(path, (budget = paradexBudget(baseUrl, who.limiterAccount, path)));
          return budget;
        }),
      retry: { ...DEFAULT_RETRY, classify: classifyParadexAnswer, ...options.retry },
      timeoutMs: options.timeoutMs,
    });
    this.auth = new ParadexLogin(this, credential, options.clock ?? Date.now, isLoginPath(rememberedPath) ? rememberedPath : null);
  }

  /** A GET read against `schema`, authenticated unless public; a PerpvolError for anything else. */
  async get<S extends z.ZodType>(path: string, query: [string, QueryValue][], schema: S, what: string, signal: AbortSignal, access: 'public' | 'private' = 'private'): Promise<z.output<S>> {
    for (let attempt = 1; ; attempt++) {
      const token = access === 'private' ? await this.auth.token(signal) : null;
      const headers = token === null ? undefined : { Authorization: `Bearer ${token}` };
      const response = await this.http.send({ method: 'GET', path, query, headers }, signal);
      if (token !== null && response.status === 401) {
        // A login JWT may have expired early or been revoked: log in again, once (a read-only token cannot).
        if (attempt === 1 && this.auth.renew(token)) continue;
        throw this.auth.refused(response, this.who.label);
      }
      return parseOrMalformed(PARADEX_LABEL, schema, readAnswer(PARADEX_ANSWERS, response, this.who.label), what, `GET /v1${path}`);
    }
  }
}

/**
 * The client, the account the credential must speak for when it names one (null: an opaque token),
 * and the REST base (…/v1) it speaks to, of which the market catalog is shared.
 */
export function createParadexAccountClient(context: Pick<ConnectorContext, 'baseUrl' | 'credentials' | 'facts'>, options: ParadexClientOptions = {}) {
  // Validated here so a typo fails when the account is added, with a message naming the field.
  const credential = parseParadexCredential(context.credentials);
  // Who the rate limit and messages are about, without ever using the token itself.
  const expected = credential.kind === 'private_key' ? credential.account : credential.claims.subject;
  const who =
    credential.kind === 'readonly_token' && expected === null
      ? { limiterAccount: `readonly-token:${createHash('sha256').update(credential.token).digest('hex').slice(0, 16)}`, label: 'of this read-only token' }
      : { limiterAccount: expected!, label: expected! };
  const baseUrl = paradexApiBaseUrl(context.baseUrl ?? PARADEX_MAINNET_URL);
  const client = new ParadexClient(baseUrl, credential, who, context.facts?.loginPath, options);
  return { client, expectedAccount: expected, baseUrl };
}
