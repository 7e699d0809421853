/**
 * A Paradex REST simulator on 127.0.0.1, speaking the real protocol under the `/v1` prefix (the
 * bare origin answers 404, as the real host does): GET /v1/system/config, GET /v1/system/volume-tiers,
 * GET /v1/markets (public: the active markets with their asset_kind), POST /v1/auth (main key only)
 * and POST /v1/auth/{public_key} (registered subkeys), read-only tokens (GET only, expiring,
 * revocable), GET /v1/account/info, GET /v1/fills, GET /v1/tradebusts, documented rate limits
 * (429), 5-minute JWTs on an injectable clock, error envelopes `{"error": CODE, "message": …}`.
 *
 * Account 0 is used with its MAIN key (can withdraw/transfer); account 1 with a registered
 * SUBKEY; further accounts alternate. Read-only tokens for any account come from issueReadonlyToken.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { SimStreamServer } from '../stream/sim-stream-server.ts';
import { attachParadexStream, type ParadexStreamRow } from './sim-stream.ts';
import type { SimBust } from './sim-history.ts';
import type { AddressInfo } from 'node:net';
import type { FaultKind, SimAccount, SimTruthDay, SimulatorHandle, SimulatorOptions } from '../simulator.ts';
import { mulberry32 } from '../random-history.ts';
import { accountInfoAnswer, DEFAULT_ACCOUNT_INFO_BEHAVIOUR, volumeTiersAnswer, type AccountInfoBehaviour } from './sim-account-info.ts';
import { SimJwtIssuer, simAddress, simKey, type SimKey } from './sim-auth.ts';
import { listBusts } from './sim-busts.ts';
import { listFills, SIM_DOCUMENTED_MAX_PAGE_SIZE, type FillsBehaviour } from './sim-fills.ts';
import { SimFillBook, seededTrades } from './sim-history.ts';
import { answerBadly } from '../bad-answers.ts';
import type { SimTier } from '../fee-tier-ladders.ts';
import { verifyLogin, type LoginBehaviour } from './sim-login.ts';
import { PARADEX_RATE_LIMITS, ParadexSimLimiter, type ParadexSimRateLimits } from './sim-rate-limits.ts';
import { SimReadonlyTokens } from './sim-readonly-tokens.ts';

export const SIM_CHAIN_ID = 'PRIVATE_SN_PARACLEAR_MAINNET';
const JWT_LIFETIME_S = 300;
const SLOW_FAULT_MS = 250;
const DEFAULT_READONLY_LIFETIME_MS = 90 * 86_400_000;

export interface ParadexSimulatorOptions
  extends SimulatorOptions,
    Partial<Omit<FillsBehaviour, 'maxPageSize' | 'overMaxPageSize'>>,
    Partial<LoginBehaviour>,
    Partial<AccountInfoBehaviour> {
  rateLimits?: Partial<ParadexSimRateLimits>;
  /** Largest page_size served (default the documented 5000), and what a larger one gets. */
  maxPageSize?: number;
  overMaxPageSize?: FillsBehaviour['overMaxPageSize'];
  /** The ladders of GET /v1/system/volume-tiers per classification (defaults: fee-tier-ladders.ts). */
  feeTiers?: { pro: SimTier[]; retail: SimTier[] };
  /** The other reading of the stream docs: a stream session ends when the JWT it logged in with expires. */
  streamSessionEndsWithJwt?: boolean;
}

export interface ParadexSimAccount extends SimAccount {
  address: string;
  mainKey: SimKey;
  subkeys: SimKey[];
  /** Public keys of subkeys revoked in the UI. */
  revokedSubkeys: Set<string>;
  /** Which key `credentials.privateKey` is. */
  keyKind: 'main' | 'subkey';
  book: SimFillBook;
}

export interface ReadonlyTokenOptions {
  /** Default: 90 days from the simulator's clock. */
  expiresAtMs?: number;
  /** An opaque token instead of a JWT (no `exp` a client could read). */
  opaque?: boolean;
}

export interface ParadexSimulatorHandle extends SimulatorHandle {
  accounts: ParadexSimAccount[];
  /** The bare origin (http://127.0.0.1:PORT), which users paste as often as `baseUrl` (…/v1). */
  origin: string;
  /** Moves the simulator's clock (JWT expiry, login checks, new trades). */
  advanceClock(ms: number): void;
  /** Successful logins so far, and by path (POST /v1/auth vs /v1/auth/{public_key}). */
  logins(): number;
  loginsByPath(): { main: number; subkey: number };
  /** Creates a read-only token for an account, as the Key Management → Read-only tab does. */
  issueReadonlyToken(accountIndex: number, options?: ReadonlyTokenOptions): string;
  revokeReadonlyToken(token: string): void;
  /** page_size of every GET /v1/fills, in order. */
  fillsPageSizes(): number[];
  /** While on, GET /v1/account/info is refused (403): Perpvol must do without the tier it tells. */
  failFeeTierRequests(on: boolean): void;
  /** The share of the account's volume its `volume_tiers` figure reports from now on (AccountInfoBehaviour.reportedVolumeShare). */
  reportVolumeShare(share: number): void;
  /** Busts fill `fillId` of account `accountIndex` now (the chain rejected it); GET /v1/tradebusts lists it from then on. */
  bust(accountIndex: number, fillId: string): void;
  /** Requests served per route, e.g. "GET /v1/markets". */
  requestsTo(route: string): number;
}

function send(res: ServerResponse, status: number, body: unknown, truncate = false): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(truncate ? text.slice(0, Math.floor(text.length / 2)) : text);
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name.toLowerCase()];
  return typeof value === 'string' ? value : null;
}

export async function startParadexSimulator(options: ParadexSimulatorOptions = {}): Promise<ParadexSimulatorHandle> {
  const seed = options.seed ?? 1;
  const baseClock = options.now ?? Date.now;
  let clockOffset = 0;
  const now = () => baseClock() + clockOffset;
  const limiter = new ParadexSimLimiter({ ...PARADEX_RATE_LIMITS, ...options.rateLimits });
  const enforce = options.enforceRateLimits ?? true;
  const fillsBehaviour: FillsBehaviour = {
    duplicateAcrossPages: options.duplicateAcrossPages ?? false,
    ignoreAssetKind: options.ignoreAssetKind ?? false,
    maxPageSize: options.maxPageSize ?? SIM_DOCUMENTED_MAX_PAGE_SIZE,
    overMaxPageSize: options.overMaxPageSize ?? 'reject',
  };
  const loginBehaviour: LoginBehaviour = {
    mainKeyOnSubkeyPath: options.mainKeyOnSubkeyPath ?? 'accept',
    unregisteredKeyAnswer: options.unregisteredKeyAnswer ?? 'public_key_invalid',
  };
  const infoBehaviour: AccountInfoBehaviour = {
    ...DEFAULT_ACCOUNT_INFO_BEHAVIOUR,
    ...Object.fromEntries(Object.entries(options).filter(([key, value]) => key in DEFAULT_ACCOUNT_INFO_BEHAVIOUR && value !== undefined)),
    ...(options.feeTiers ? { ladders: options.feeTiers } : {}),
  };
  const jwt = new SimJwtIssuer(`paradex-sim-${seed}`);
  const readonlyTokens = new SimReadonlyTokens(jwt);
  const stats = { requests: 0, rateLimited: 0, weightUsed: 0 };
  const loginCounts = { main: 0, subkey: 0 };
  const pageSizes: number[] = [];
  const faults: FaultKind[] = [];
  let failAccountInfo = false;
  const routeCounts = new Map<string, number>();

  const accounts: ParadexSimAccount[] = [];
  let stream: SimStreamServer<ParadexStreamRow> | null = null;
  /** Busts the chain makes a moment after a live fill: pushed on `tradebusts` when they happen. */
  const bustTimers = new Set<NodeJS.Timeout>();
  const publishBust = (bust: SimBust): void => {
    const timer = setTimeout(() => {
      bustTimers.delete(timer);
      stream?.publish(bust.account, [bust]);
    }, Math.max(0, bust.created_at - now()));
    timer.unref();
    bustTimers.add(timer);
  };
  for (let i = 0; i < (options.accounts ?? 2); i++) {
    const label = `paradex-sim/${seed}/${i}`;
    const address = simAddress(`${label}/address`);
    const mainKey = simKey(`${label}/main`);
    const subkeys = [simKey(`${label}/subkey/0`), simKey(`${label}/subkey/1`)];
    const keyKind = i % 2 === 0 ? 'main' : 'subkey';
    const book = new SimFillBook(address, seed * 31 + i, now, options.unknownRows ?? true);
    const endMs = now();
    book.addTrades(seededTrades(seed * 1000 + i, options.fillsPerAccount ?? 500, endMs, options.days ?? 730));
    const random = mulberry32(seed * 77 + i);
    accounts.push({
      address,
      mainKey,
      subkeys,
      revokedSubkeys: new Set(),
      keyKind,
      book,
      credentials: { address, privateKey: keyKind === 'main' ? mainKey.privateKey : subkeys[0]!.privateKey },
      truth: (kinds): Map<string, SimTruthDay> => book.truth(kinds),
      truthByUnderlying: (kinds) => book.truthByUnderlying(kinds),
      trade: (count, at) => {
        const ts = at ?? now();
        // Live fills land exactly at `ts`, as asked.
        const trades = seededTrades(Math.floor(random() * 2 ** 31), count, ts + 1, 1).map((trade) => ({ ...trade, ts }));
        const before = book.size;
        const bustsBefore = book.busts.length;
        const added = book.addTrades(trades);
        stream?.publish(address, book.newest(book.size - before));
        for (const bust of book.busts.slice(bustsBefore)) publishBust(bust);
        return added;
      },
    });
  }
  const byAddress = (value: string | null): ParadexSimAccount | undefined => {
    if (!value || !/^(0x)?[0-9a-f]{1,64}$/i.test(value)) return undefined;
    const wanted = BigInt(value.startsWith('0x') ? value : `0x${value}`);
    return accounts.find((account) => BigInt(account.address) === wanted);
  };

  function login(req: IncomingMessage, res: ServerResponse, publicKey: string | null, truncate: boolean): void {
    const nowS = Math.floor(now() / 1000);
    const result = verifyLogin(
      { headers: (name) => header(req, name), publicKey, nowS, chainId: SIM_CHAIN_ID, findAccount: byAddress },
      loginBehaviour,
    );
    if (!result.ok && result.barePage) return void answerBadly('not_found', res);
    if (!result.ok) return send(res, result.status, { error: result.error, message: result.message });
    loginCounts[result.path] += 1;
    send(res, 200, { jwt_token: jwt.issue({ sub: result.account.address, iat: nowS, exp: nowS + JWT_LIFETIME_S }) }, truncate);
  }

  /** The account a bearer token speaks for, or null after answering 401/403. */
  function bearerAccount(req: IncomingMessage, res: ServerResponse): ParadexSimAccount | null {
    const authorization = header(req, 'authorization') ?? '';
    const token = authorization.startsWith('Bearer ') ? authorization.slice(7) : '';
    if (readonlyTokens.isReadonly(token)) {
      const verdict = readonlyTokens.check(token, req.method ?? 'GET', now());
      if (!verdict.ok) {
        send(res, verdict.status, { error: verdict.error, message: verdict.message });
        return null;
      }
      return byAddress(verdict.account) ?? null;
    }
    const claims = token ? jwt.read(token) : null;
    if (!claims) {
      send(res, 401, { error: 'INVALID_TOKEN', message: 'invalid bearer jwt: token is malformed' });
      return null;
    }
    if (claims.exp <= Math.floor(now() / 1000)) {
      send(res, 401, { error: 'INVALID_TOKEN', message: 'invalid bearer jwt: token is expired' });
      return null;
    }
    return byAddress(claims.sub) ?? null;
  }

  function tooMany(res: ServerResponse): void {
    stats.rateLimited += 1;
    // The docs give limits, not the 429 body; this mirrors the usual envelope. Retry-After: sent
    // since v1.118.5 (https://docs.paradex.trade/releases/changelog/2025/10/30).
    res.setHeader('retry-after', String(limiter.retryAfterSeconds()));
    send(res, 429, { error: 'TOO_MANY_REQUESTS', message: 'rate limit exceeded' });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.requests += 1;
    const fault = faults.shift();
    if (fault === 'reset') return void req.socket.destroy();
    if (fault === 'rate_limit') {
      res.setHeader('retry-after', '1');
      return send(res, 429, { error: 'TOO_MANY_REQUESTS', message: 'rate limit exceeded' });
    }
    if (fault === 'server_error') return send(res, 500, { error: 'INTERNAL_ERROR', message: 'internal server error' });
    if (fault === 'slow') await new Promise((resolve) => setTimeout(resolve, SLOW_FAULT_MS));
    if (answerBadly(fault, res)) return;
    const truncate = fault === 'truncated_json';
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.replace(/\/$/, '');
    const route = `${req.method} ${path}`;
    routeCounts.set(route, (routeCounts.get(route) ?? 0) + 1);

    if (route === 'GET /v1/system/config' || route === 'GET /v1/system/volume-tiers' || route === 'GET /v1/markets') {
      if (enforce && !limiter.admitPublic()) return tooMany(res);
      stats.weightUsed += 1;
      if (route === 'GET /v1/system/volume-tiers') return send(res, 200, volumeTiersAnswer(infoBehaviour), truncate);
      if (route === 'GET /v1/markets') {
        // "List of available active markets": every account's, a delisted market's never, a future until its expiry
        const listed = new Map(accounts.flatMap((account) => account.book.listedMarkets(now())).map((m) => [m.symbol, m]));
        const wanted = url.searchParams.get('market');
        return send(res, 200, { results: [...listed.values()].filter((m) => !wanted || m.symbol === wanted) }, truncate);
      }
      return send(res, 200, { starknet_chain_id: SIM_CHAIN_ID, environment: 'prod', paraclear_decimals: 8 }, truncate);
    }
    const authPath = /^POST \/v1\/auth(?:\/([^/]+))?$/.exec(route);
    if (authPath) {
      if (enforce && !limiter.admitAuth()) return tooMany(res);
      stats.weightUsed += 1;
      return login(req, res, authPath[1] ? decodeURIComponent(authPath[1]) : null, truncate);
    }
    if (route === 'GET /v1/fills' || route === 'GET /v1/account/info' || route === 'GET /v1/tradebusts' || (req.method !== 'GET' && path.startsWith('/v1/'))) {
      const account = bearerAccount(req, res);
      if (!account) return;
      if (req.method !== 'GET') return send(res, 404, { error: 'NOT_FOUND', message: `the simulator does not serve ${route}` });
      if (enforce && !limiter.admitPrivate(account.address)) return tooMany(res);
      stats.weightUsed += 1;
      if (route === 'GET /v1/account/info') {
        if (failAccountInfo) return send(res, 403, { error: 'FORBIDDEN', message: 'not allowed to read account info' });
        const info = { address: account.address, mainPublicKey: account.mainKey.publicKey, truth: account.truth };
        return send(res, 200, accountInfoAnswer(info, now(), infoBehaviour), truncate);
      }
      if (route === 'GET /v1/tradebusts') {
        const answer = listBusts(account.book.busts.filter((bust) => bust.created_at <= now()), url.searchParams);
        return send(res, answer.status, answer.body, truncate && answer.status === 200);
      }
      pageSizes.push(Number(url.searchParams.get('page_size') ?? 0));
      const answer = listFills(account.book.sorted(), url.searchParams, fillsBehaviour);
      return send(res, answer.status, answer.body, truncate && answer.status === 200);
    }
    send(res, 404, { error: 'NOT_FOUND', message: `no route ${route}` });
  }

  const server = createServer((req, res) => {
    // Drain the body (POST /auth may carry "{}"), then answer.
    req.resume();
    req.on('end', () => {
      handle(req, res).catch((error: unknown) => send(res, 500, { error: 'INTERNAL_ERROR', message: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const liveStream = attachParadexStream(server, {
    jwt,
    now,
    accountOf: (value) => byAddress(value)?.address,
    sessionEndsWithJwt: options.streamSessionEndsWithJwt ?? false,
  });
  stream = liveStream;
  const origin = `http://127.0.0.1:${port}`;

  return {
    exchange: 'paradex',
    streams: liveStream,
    baseUrl: `${origin}/v1`,
    origin,
    accounts,
    injectFaults: (kind, count) => {
      for (let i = 0; i < count; i++) faults.push(kind);
    },
    clearFaults: () => {
      faults.length = 0;
    },
    stats: () => ({ ...stats, windowPeaks: limiter.peaks() }),
    advanceClock: (ms) => {
      clockOffset += ms;
    },
    logins: () => loginCounts.main + loginCounts.subkey,
    loginsByPath: () => ({ ...loginCounts }),
    issueReadonlyToken: (accountIndex, tokenOptions = {}) => {
      const account = accounts[accountIndex];
      if (!account) throw new RangeError(`the simulator has no account ${accountIndex}`);
      const expiresAtMs = tokenOptions.expiresAtMs ?? now() + DEFAULT_READONLY_LIFETIME_MS;
      return readonlyTokens.issue(account.address, expiresAtMs, now(), tokenOptions.opaque ?? false);
    },
    revokeReadonlyToken: (token) => readonlyTokens.revoke(token),
    fillsPageSizes: () => [...pageSizes],
    failFeeTierRequests: (on) => {
      failAccountInfo = on;
    },
    reportVolumeShare: (share) => {
      infoBehaviour.reportedVolumeShare = share;
    },
    bust: (accountIndex, fillId) => {
      const account = accounts[accountIndex];
      if (!account) throw new RangeError(`the simulator has no account ${accountIndex}`);
      const bust = { account: account.address, busted_fill_id: fillId, created_at: now() };
      account.book.busts.push(bust);
      publishBust(bust);
    },
    requestsTo: (route) => routeCounts.get(route) ?? 0,
    close: async () => {
      for (const timer of bustTimers) clearTimeout(timer);
      bustTimers.clear();
      await liveStream.close();
      await new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}
