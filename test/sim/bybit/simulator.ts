/**
 * A Bybit V5 REST simulator on 127.0.0.1: HMAC auth checked byte for byte, recv-window and clock
 * checks, key permissions and IP whitelists, the documented rate limits (per UID and endpoint, and
 * per IP), GET /v5/execution/list with its 7-day windows, cursors and two-year reach, GET
 * /v5/user/query-api, GET /v5/market/time, GET /v5/market/instruments-info (public, paged, expired
 * futures no longer listed), and injectable faults. Its truth() is what a correct sync must add up
 * to, to the micro-dollar; unclassifiedTruth() counts the executions of types it must keep aside.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { SimStreamServer } from '../stream/sim-stream-server.ts';
import { attachBybitStream } from './stream.ts';
import type { AddressInfo } from 'node:net';
import { generateHistory, mulberry32 } from '../random-history.ts';
import type { FaultKind, SimAccount, SimulatorHandle, SimulatorOptions } from '../simulator.ts';
import { notionalOf } from '../truth/decimal.ts';
import { authenticate, canReadContracts, type SimKey } from './auth.ts';
import { DOCUMENTED_BYBIT_DIALECT, type BybitDialect } from './dialect.ts';
import { HISTORY_MS, listExecutions, type ApiAnswer } from './executions.ts';
import { BybitRowFactory, type BybitExecRow } from './history.ts';
import { listInstruments } from './instruments.ts';
import { TRADE_TYPES, truthLedgerOf, truthOf, unclassifiedOf } from './truth.ts';

export { truthOf, unclassifiedOf } from './truth.ts';
import { answerBadly } from '../bad-answers.ts';
import { simTierFor, type SimTier, BYBIT_SIM_LADDER } from '../fee-tier-ladders.ts';
import { BybitRateLimits, DEFAULT_ENDPOINT_LIMIT, ENDPOINT_LIMITS } from './limits.ts';

/** "your trading volume over the past 30 days" decides the VIP level (Bybit's fee page). */
const FEE_TIER_DAYS = 30;

const DAY = 86_400_000;

export const READ_ONLY_PERMISSIONS: Record<string, string[]> = {
  ContractTrade: ['Order', 'Position'], Spot: ['SpotTrade'], Wallet: [], Options: ['OptionsTrade'],
  Derivatives: ['DerivativesTrade'], CopyTrading: [], BlockTrade: [], Exchange: [], NFT: [], Affiliate: [], Earn: [],
};
export const WITHDRAW_PERMISSIONS: Record<string, string[]> = {
  ...READ_ONLY_PERMISSIONS, Wallet: ['AccountTransfer', 'SubMemberTransfer', 'Withdraw'],
};

export interface BybitSimAccount extends SimAccount {
  uid: number;
  /** Every row the account has, served or not (older than two years, spot, funding…). */
  rows(): readonly BybitExecRow[];
  /** Served linear and inverse executions of a type a client must keep aside: raw type → how many. */
  unclassifiedTruth(): Map<string, number>;
}

export interface BybitKeyOptions {
  readOnly?: 0 | 1;
  permissions?: Record<string, string[]>;
  ips?: string[];
  deadlineDay?: number;
}

export interface BybitSimulatorOptions extends SimulatorOptions {
  /** How long a 'slow' fault holds its answer (default 1500 ms). */
  slowMs?: number;
  /** How the open points of /v5/execution/list are read (default: the documented reading). */
  dialect?: Partial<BybitDialect>;
  /** The VIP ladder by 30-day derivatives volume (default the fee page's); tests shrink it. */
  feeTiers?: SimTier[];
  /** Leave `vipLevel` out of /v5/user/query-api (older answers): the level must then come from elsewhere. */
  omitVipLevel?: boolean;
  /** Serve at most this many instruments per page whatever `limit` asks (a server that pages sooner). */
  instrumentsPageCap?: number;
}

export interface BybitSimulatorHandle extends SimulatorHandle {
  accounts: BybitSimAccount[];
  /** Another key on account `accountIndex` (restricted permissions, an IP whitelist, an expiry). */
  addKey(accountIndex: number, options: BybitKeyOptions): { apiKey: string; apiSecret: string };
  /** Deletes a key: REST refuses it (10003) and the streams it logged in are cut. */
  revokeKey(apiKey: string): void;
  /** Moves the server clock used for the recv-window check (ms; positive = server ahead). */
  setClockOffset(ms: number): void;
  /** While on, every request gets Bybit's maintenance answer (HTTP 503). */
  setMaintenance(on: boolean): void;
  /** Switches how the open points of /v5/execution/list are read, from the next request on. */
  setDialect(dialect: Partial<BybitDialect>): void;
  dialect(): BybitDialect;
  /** While on, /v5/account/fee-rate is refused (retCode 10005), as for a key without that permission. */
  failFeeTierRequests(on: boolean): void;
  /** While on, /v5/market/instruments-info answers as a proxy without that route would (a bare 404 page). */
  failInstrumentsInfo(on: boolean): void;
  /** Requests served per path (and category, where one was asked), e.g. "/v5/execution/list linear". */
  requestsTo(path: string, category?: string): number;
}

interface AccountState {
  uid: number;
  seed: number;
  rows: BybitExecRow[];
  factory: BybitRowFactory;
  trades: number;
}

function randomString(random: () => number, length: number): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  return Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
}

function seedAccount(uid: number, seed: number, options: BybitSimulatorOptions, now: number): AccountState {
  const factory = new BybitRowFactory(seed);
  const days = options.days ?? 720;
  const rows = generateHistory({ seed, count: options.fillsPerAccount ?? 2_000, endMs: now, days }).map((t) => factory.trade(t));
  // Funding every third day at a funding hour (00, 08 or 16 UTC), and a few inverse settlements.
  for (let d = 0; d < days; d += 3) {
    const dayStart = now - (now % DAY) - d * DAY;
    rows.push(factory.bookkeeping(dayStart + ((d / 3) % 3) * 8 * 3_600_000, 'Funding'));
    if (d % 90 === 0) rows.push(factory.bookkeeping(dayStart + 8 * 3_600_000 + 123, 'Settle'));
  }
  // Perp trades older than two years: real, but Bybit no longer serves them.
  for (const t of generateHistory({ seed: seed + 7, count: 25, endMs: now - HISTORY_MS - 1, days: 30 })) rows.push(factory.trade(t, true));
  // Every other execution type, every ~17 days (the last a day ago): block trades, spread legs,
  // position moves, deliveries, UNKNOWN and an undocumented type, and the future whose name misleads.
  const specials = ['BlockTrade', 'FutureSpread', 'MovePosition', 'Delivery', 'UNKNOWN', 'SpreadSettle', 'NameMisleads'] as const;
  for (let d = 1, i = 0; d < days; d += 17, i++) {
    const at = now - (now % DAY) - d * DAY + 10 * 3_600_000 + i;
    const kind = specials[i % specials.length]!;
    // UNKNOWN and SpreadSettle are types Perpvol has no rule for: only where a test asks for them.
    if (options.unknownRows === false && (kind === 'UNKNOWN' || kind === 'SpreadSettle')) continue;
    rows.push(...factory.special(at, kind));
  }
  return { uid, seed, rows, factory, trades: 0 };
}

export async function startBybitSimulator(options: BybitSimulatorOptions = {}): Promise<BybitSimulatorHandle> {
  const now = options.now ?? Date.now;
  const seed = options.seed ?? 1;
  const enforce = options.enforceRateLimits ?? true;
  const slowMs = options.slowMs ?? 1_500;
  const keyRandom = mulberry32(seed ^ 0x4b3e5);
  const keys = new Map<string, SimKey>();
  const limits = new BybitRateLimits();
  const faults: FaultKind[] = [];
  const stats = { requests: 0, rateLimited: 0, weightUsed: 0 };
  let clockOffset = 0;
  let maintenance = false;
  let dialect: BybitDialect = { ...DOCUMENTED_BYBIT_DIALECT, ...options.dialect };
  let failFeeRate = false;
  let failInstruments = false;
  const requestCounts = new Map<string, number>();
  const feeTiers = options.feeTiers ?? BYBIT_SIM_LADDER;
  /** The account's VIP step by its derivatives volume (perpetuals and dated futures) of the 30 days ending today. */
  const vipOf = (state: AccountState) => {
    const first = Math.floor(now() / DAY) * DAY - (FEE_TIER_DAYS - 1) * DAY;
    let volume = 0n;
    for (const row of state.rows) {
      const ts = Number(row.execTime);
      if ((row.category !== 'linear' && row.category !== 'inverse') || !TRADE_TYPES.has(row.execType) || ts < first || ts > now()) continue;
      volume += row.category === 'linear' ? notionalOf(row.execPrice, row.execQty) : notionalOf('1', row.execQty);
    }
    return simTierFor(feeTiers, volume).tier;
  };

  const states: AccountState[] = [];
  const addKey = (accountIndex: number, keyOptions: BybitKeyOptions): { apiKey: string; apiSecret: string } => {
    const state = states[accountIndex];
    if (!state) throw new RangeError(`no simulated account ${accountIndex}`);
    const key: SimKey = {
      apiKey: randomString(keyRandom, 18),
      apiSecret: randomString(keyRandom, 36),
      uid: state.uid,
      readOnly: keyOptions.readOnly ?? 1,
      permissions: keyOptions.permissions ?? READ_ONLY_PERMISSIONS,
      ips: keyOptions.ips ?? [],
      deadlineDay: keyOptions.deadlineDay ?? 90,
      expiredAt: new Date(Date.now() + (keyOptions.deadlineDay ?? 90) * DAY).toISOString(),
    };
    keys.set(key.apiKey, key);
    return { apiKey: key.apiKey, apiSecret: key.apiSecret };
  };

  const accounts: BybitSimAccount[] = [];
  let stream: SimStreamServer<BybitExecRow> | null = null;
  for (let i = 0; i < (options.accounts ?? 2); i++) {
    const state = seedAccount(1_000_001 + i * 7_919, seed * 1_000 + i * 101, options, now());
    states.push(state);
    // Account 1 holds a key that can withdraw and trade: Perpvol must notice and warn.
    const credentials = addKey(i, i === 1 ? { readOnly: 0, permissions: WITHDRAW_PERMISSIONS } : {});
    accounts.push({
      uid: state.uid,
      credentials,
      rows: () => state.rows,
      truth: (kinds) => truthOf(state.rows, now(), kinds),
      truthByUnderlying: (kinds) => truthLedgerOf(state.rows, now()).volumeByUnderlying(kinds),
      unclassifiedTruth: () => unclassifiedOf(state.rows, now()),
      trade: (count, at) => {
        const when = at ?? now();
        const trades = generateHistory({ seed: state.seed + 1_000 + state.trades++, count, endMs: when + 1, days: 1 });
        const fresh = trades.map((t) => state.factory.trade({ ...t, ts: when }, true));
        state.rows.push(...fresh);
        stream?.publish(String(state.uid), fresh);
        return trades.length;
      },
    });
  }

  const serverTime = (): number => Date.now() + clockOffset;

  function answer(res: ServerResponse, status: number, body: ApiAnswer | string, headers: Record<string, string> = {}): void {
    const text = typeof body === 'string' ? body : JSON.stringify({ ...body, retExtInfo: {}, time: serverTime() });
    const fault = (res as ServerResponse & { truncate?: boolean }).truncate;
    const sent = fault ? text.slice(0, Math.floor(text.length / 2)) : text;
    res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/html' : 'application/json; charset=utf-8', ...headers });
    res.end(sent);
  }

  function handlePrivate(req: IncomingMessage, res: ServerResponse, path: string, rawQuery: string): void {
    const remote = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    const auth = authenticate(req.headers, rawQuery, keys, serverTime(), remote);
    if (!auth.ok) return answer(res, auth.failure.status, { retCode: auth.failure.retCode, retMsg: auth.failure.retMsg, result: {} });
    const key = auth.key;
    const limit = ENDPOINT_LIMITS[path] ?? DEFAULT_ENDPOINT_LIMIT;
    const verdict = enforce ? limits.takeUid(key.uid, path) : { allowed: true, limit, remaining: limit, resetAt: Date.now() };
    const limitHeaders = {
      'X-Bapi-Limit': String(verdict.limit),
      'X-Bapi-Limit-Status': String(verdict.remaining),
      'X-Bapi-Limit-Reset-Timestamp': String(verdict.resetAt),
    };
    if (!verdict.allowed) {
      stats.rateLimited++;
      return answer(res, 200, { retCode: 10006, retMsg: 'Too many visits. Exceeded the API Rate Limit.', result: {} }, limitHeaders);
    }
    stats.weightUsed++;
    const state = states.find((s) => s.uid === key.uid)!;
    if (path === '/v5/user/query-api') {
      const info = keyInfo(key);
      if (options.omitVipLevel) delete info['vipLevel'];
      else info['vipLevel'] = vipOf(state).name;
      return answer(res, 200, { retCode: 0, retMsg: '', result: info }, limitHeaders);
    }
    if (path === '/v5/account/fee-rate') {
      const params = new URLSearchParams(rawQuery);
      if (failFeeRate) return answer(res, 200, { retCode: 10005, retMsg: 'Permission denied, please check your API key permissions.', result: {} }, limitHeaders);
      if (!['spot', 'linear', 'inverse', 'option'].includes(params.get('category') ?? '')) {
        return answer(res, 200, { retCode: 10001, retMsg: 'params error: category is invalid', result: {} }, limitHeaders);
      }
      const tier = vipOf(state);
      const symbols = params.get('symbol') ? [params.get('symbol')!] : ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'];
      return answer(res, 200, { retCode: 0, retMsg: 'OK', result: { list: symbols.map((symbol) => ({ symbol, takerFeeRate: tier.taker, makerFeeRate: tier.maker })) } }, limitHeaders);
    }
    if (!canReadContracts(key)) {
      return answer(res, 200, { retCode: 10005, retMsg: 'Permission denied, please check your API key permissions.', result: {} }, limitHeaders);
    }
    const params = new URLSearchParams(rawQuery);
    return answer(res, 200, listExecutions(state.rows, params, now(), dialect), limitHeaders);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.requests++;
    const asked = new URL(req.url ?? '/', 'http://sim');
    for (const key of [asked.pathname, `${asked.pathname} ${asked.searchParams.get('category') ?? ''}`]) requestCounts.set(key, (requestCounts.get(key) ?? 0) + 1);
    const fault = faults.shift();
    if (fault === 'reset') return void req.socket.destroy();
    if (fault === 'slow') await new Promise((resolve) => setTimeout(resolve, slowMs));
    if (fault === 'truncated_json') (res as ServerResponse & { truncate?: boolean }).truncate = true;
    if (fault === 'rate_limit') {
      return answer(res, 429, 'Too Many Requests', { 'X-Bapi-Limit-Reset-Timestamp': String(Date.now() + 300) });
    }
    if (fault === 'server_error') return answer(res, 502, '<html><body>502 Bad Gateway</body></html>');
    if (answerBadly(fault, res)) return;
    if (maintenance) return answer(res, 503, '<html><body>System maintenance in progress</body></html>');
    if (enforce && !limits.takeIp(req.socket.remoteAddress ?? '')) {
      stats.rateLimited++;
      return answer(res, 403, 'access too frequent');
    }
    const url = new URL(req.url ?? '/', 'http://sim');
    const rawQuery = (req.url ?? '').includes('?') ? (req.url ?? '').slice((req.url ?? '').indexOf('?') + 1) : '';
    if (req.method !== 'GET') return answer(res, 404, 'Not Found');
    if (url.pathname === '/v5/market/instruments-info') {
      if (failInstruments) return answer(res, 404, '<html><body>404 Not Found</body></html>');
      // Public market data: no key, no UID limit — only the per-IP one above.
      const all = states.flatMap((state) => [...state.factory.instruments.values()]);
      return answer(res, 200, listInstruments(new Map(all.map((i) => [i.symbol, i])).values(), url.searchParams, now(), options.instrumentsPageCap));
    }
    if (url.pathname === '/v5/market/time') {
      const t = serverTime();
      return answer(res, 200, { retCode: 0, retMsg: 'OK', result: { timeSecond: String(Math.floor(t / 1000)), timeNano: `${t}000000` } });
    }
    if (url.pathname === '/v5/execution/list' || url.pathname === '/v5/user/query-api' || url.pathname === '/v5/account/fee-rate') {
      return handlePrivate(req, res, url.pathname, rawQuery);
    }
    return answer(res, 404, 'Not Found');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) answer(res, 500, `<html><body>${String(error)}</body></html>`);
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const liveStream = attachBybitStream(server, keys, serverTime);
  stream = liveStream;

  return {
    exchange: 'bybit',
    streams: liveStream,
    baseUrl: `http://127.0.0.1:${port}`,
    accounts,
    injectFaults: (kind, count) => {
      for (let i = 0; i < count; i++) faults.push(kind);
    },
    clearFaults: () => {
      faults.length = 0;
    },
    // rateLimited counts only limits the simulator enforced (10006, IP 403), not injected 429 faults.
    stats: () => ({ ...stats, windowPeaks: limits.peaks() }),
    addKey,
    revokeKey: (apiKey) => {
      keys.delete(apiKey);
      liveStream.dropKey(apiKey);
    },
    setClockOffset: (ms) => {
      clockOffset = ms;
    },
    setMaintenance: (on) => {
      maintenance = on;
    },
    setDialect: (change) => {
      dialect = { ...DOCUMENTED_BYBIT_DIALECT, ...change };
    },
    dialect: () => ({ ...dialect }),
    failFeeTierRequests: (on) => {
      failFeeRate = on;
    },
    failInstrumentsInfo: (on) => {
      failInstruments = on;
    },
    requestsTo: (path, category) => requestCounts.get(category === undefined ? path : `${path} ${category}`) ?? 0,
    close: async () => {
      await liveStream.close();
      await new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}

/** GET /v5/user/query-api's result (https://bybit-exchange.github.io/docs/v5/user/apikey-info). */
function keyInfo(key: SimKey): Record<string, unknown> {
  return {
    id: String(key.uid * 10 + 1), note: 'perpvol', apiKey: key.apiKey, readOnly: key.readOnly, secret: '',
    permissions: key.permissions, ips: key.ips.length > 0 ? key.ips : ['*'], type: 1, deadlineDay: key.deadlineDay,
    expiredAt: key.expiredAt, createdAt: '2024-01-01T00:00:00Z', unified: 0, uta: 1, userID: key.uid, inviterID: 0,
    vipLevel: 'No VIP', mktMakerLevel: '0', affiliateID: 0, rsaPublicKey: '', isMaster: true, parentUid: '0',
    kycLevel: 'LEVEL_DEFAULT', kycRegion: '',
  };
}
