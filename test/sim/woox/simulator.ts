/**
 * A WOO X REST simulator on loopback: v3 signatures checked as WOO X checks them, the two-year
 * transaction history with its paging, the account endpoints, per-account rate limits, error
 * envelopes `{success:false, code, message}`, and injectable faults.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { attachWooxStream } from './stream.ts';
import type { AddressInfo } from 'node:net';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FaultKind, SimAccount, SimulatorHandle, SimulatorOptions } from '../simulator.ts';
import { credentialsAnswer } from './credentials-list.ts';
import { DEFAULT_WOOX_DIALECT, type WooxDialect } from './dialect.ts';
import { seededLedger, type WooxLedger } from './ledger.ts';
import { answerBadly } from '../bad-answers.ts';
import { SlidingWindows } from './rate-windows.ts';
import { transactionHistoryAnswer, type Answer } from './transaction-history.ts';
import { simTierFor, WOOX_SIM_LADDER, type SimTier } from '../fee-tier-ladders.ts';
import { notionalOf } from '../truth/decimal.ts';
import { DAY_MS } from '../truth/utc-day.ts';

/** Days of volume WOO X's fee tiers read (our reading of its fee pages). */
const FEE_TIER_DAYS = 30;

export interface WooxSimulatorOptions extends SimulatorOptions {
  /** Permissions of each account's key, by account index (default READ only). */
  permissions?: string[][];
  /** How long a 'slow' fault holds the answer back (ms). */
  slowMs?: number;
  /**
   * Allowed distance between x-api-timestamp and the server clock. WOO X does not publish its
   * window; five minutes is our reading, and Perpvol signs with the current time anyway.
   */
  timestampWindowMs?: number;
  /** How the transaction history reads the points its docs leave open (default DEFAULT_WOOX_DIALECT). */
  dialect?: Partial<WooxDialect>;
  /** Other API keys listed by /v3/account/credentials before the account's own (default 0). */
  otherKeys?: number;
  /** Futures rates in basis points by 30-day volume (default WOOX_SIM_LADDER). */
  feeTiers?: SimTier[];
  /** tradingFee's takerFee/makerFee as JSON numbers instead of the docs' strings (both have been seen on WOO X). */
  feesAsNumbers?: boolean;
}

export interface WooxSimulatorHandle extends SimulatorHandle {
  /**
   * The next `count` requests (to `path` only, when given) get this error envelope, e.g.
   * maintenance -1011, instead of an answer.
   */
  injectError(error: { status: number; code: number | string; message: string }, count: number, path?: string): void;
  /**
   * The next `count` requests to `path` only get one of the shared bad answers (`hang`: no answer
   * until the client gives up; `not_found`: a bare 404 page; …) — a route that fails while the others work.
   */
  injectFaultAt(path: string, kind: FaultKind, count: number): void;
  /** Switches the transaction-history reading (tests run one simulator through every dialect). */
  setDialect(dialect: WooxDialect): void;
  /**
   * Rows counted in meta.total but never served (an exchange whose count disagrees with its rows);
   * an empty list serves everything again.
   */
  hideRows(ids: bigint[]): void;
  ledgers: WooxLedger[];
  /** While on, tradingFee answers -1002 (the key may not read it): Perpvol must do without it. */
  failFeeTierRequests(on: boolean): void;
}

const DEFAULT_SEED = 7;
const DEFAULT_FILLS = 2_000;
const DEFAULT_DAYS = 730;

export const WOOX_MESSAGES = {
  unauthorized: 'API key or secret is invalid, it may because key have insufficient permission or the key is expired/revoked.',
  wrongFormat: 'The api key or secret is in wrong format.',
  tooManyRequests: 'Rate limit exceed.',
  unknownParam: 'An unknown parameter was sent.',
  internal: 'An internal error has occurred. We are unable to process your request. Please try again later.',
} as const;

function envelope(status: number, code: number | string, message: string): Answer {
  return { status, body: JSON.stringify({ success: false, code, message }) };
}

export async function startWooxSimulator(options: WooxSimulatorOptions = {}): Promise<WooxSimulatorHandle> {
  const now = options.now ?? Date.now;
  const seed = options.seed ?? DEFAULT_SEED;
  const startedAt = now();
  const ledgers = Array.from({ length: options.accounts ?? 1 }, (_, index) =>
    seededLedger(index, seed, options.fillsPerAccount ?? DEFAULT_FILLS, startedAt, options.days ?? DEFAULT_DAYS, options.permissions?.[index] ?? ['READ']),
  );
  const windows = new SlidingWindows();
  const enforce = options.enforceRateLimits ?? true;
  const timestampWindowMs = options.timestampWindowMs ?? 300_000;
  const stats = { requests: 0, rateLimited: 0, weightUsed: 0 };
  const faults: { kind: FaultKind; left: number }[] = [];
  const errors: { error: { status: number; code: number | string; message: string }; left: number; path?: string }[] = [];
  const pathFaults: { path: string; kind: FaultKind; left: number }[] = [];
  let dialect: WooxDialect = { ...DEFAULT_WOOX_DIALECT, ...options.dialect };
  let hidden = new Set<bigint>();
  const feeTiers = options.feeTiers ?? WOOX_SIM_LADDER;
  let failFees = false;

  function tradingFee(ledger: WooxLedger, symbol: string | null): Answer {
    if (!symbol) return envelope(400, -1005, 'Some parameters are in wrong format for api.');
    if (failFees) return envelope(401, -1002, WOOX_MESSAGES.unauthorized);
    const first = Math.floor(now() / DAY_MS) * DAY_MS - (FEE_TIER_DAYS - 1) * DAY_MS;
    let volume = 0n;
    for (const row of ledger.rows) {
      if (row.symbol.startsWith('PERP_') && row.executedTimestamp >= first && row.executedTimestamp <= now()) {
        volume += notionalOf(row.executedPrice, row.executedQuantity);
      }
    }
    const { tier } = simTierFor(feeTiers, volume);
    const rate = (bps: string) => (options.feesAsNumbers ? Number(bps) : bps);
    return ok({ symbol, takerFee: rate(tier.taker), makerFee: rate(tier.maker) });
  }

  function authenticate(req: IncomingMessage, path: string, rawQuery: string): WooxLedger | Answer {
    const apiKey = header(req, 'x-api-key');
    const timestamp = header(req, 'x-api-timestamp');
    const signature = header(req, 'x-api-signature');
    if (!apiKey || !timestamp || !signature) return envelope(401, -1002, WOOX_MESSAGES.unauthorized);
    if (!/^\d{13}$/.test(timestamp) || !/^[0-9a-f]{64}$/.test(signature)) return envelope(401, -1001, WOOX_MESSAGES.wrongFormat);
    const ledger = ledgers.find((candidate) => candidate.apiKey === apiKey);
    if (!ledger) return envelope(401, -1002, WOOX_MESSAGES.unauthorized);
    if (Math.abs(now() - Number(timestamp)) > timestampWindowMs) return envelope(401, -1002, WOOX_MESSAGES.unauthorized);
    const content = `${timestamp}${req.method ?? 'GET'}${path}${rawQuery ? `?${rawQuery}` : ''}`;
    const expected = createHmac('sha256', ledger.apiSecret).update(content).digest();
    if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return envelope(401, -1002, WOOX_MESSAGES.unauthorized);
    return ledger;
  }

  function route(req: IncomingMessage): Answer {
    const url = new URL(req.url ?? '/', 'http://sim');
    const rawQuery = (req.url ?? '').includes('?') ? (req.url ?? '').slice((req.url ?? '').indexOf('?') + 1) : '';
    const known = ['/v3/trade/transactionHistory', '/v3/account/info', '/v3/account/credentials', '/v3/trade/tradingFee'];
    if (req.method !== 'GET' || !known.includes(url.pathname)) return envelope(404, -1006, 'The data is not found in server.');
    const auth = authenticate(req, url.pathname, rawQuery);
    if (!('apiKey' in auth)) return auth;
    if (enforce && !windows.admit(auth.applicationId, url.pathname)) {
      stats.rateLimited++;
      return envelope(429, -1003, WOOX_MESSAGES.tooManyRequests);
    }
    stats.weightUsed++;
    switch (url.pathname) {
      case '/v3/trade/transactionHistory':
        return transactionHistoryAnswer(auth, url.searchParams, now(), dialect, { hidden });
      case '/v3/trade/tradingFee':
        return tradingFee(auth, url.searchParams.get('symbol'));
      case '/v3/account/info':
        return ok({
          applicationId: auth.applicationId,
          account: `trader${auth.applicationId.slice(0, 4)}@example.com`,
          alias: `trader${auth.applicationId.slice(0, 4)}`,
          otpauth: true,
          accountMode: 'FUTURES',
          positionMode: 'ONE_WAY',
          leverage: 10,
          accountType: 'Main',
        });
      default:
        return credentialsAnswer(auth, url.searchParams, now(), options.otherKeys ?? 0);
    }
  }

  function ok(data: unknown): Answer {
    return { status: 200, body: JSON.stringify({ success: true, data, timestamp: now() }) };
  }

  const server = createServer((req, res) => {
    stats.requests++;
    req.resume();
    req.on('end', () => void serve(req, res));
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const fault = faults[0];
    if (fault) {
      if (--fault.left <= 0) faults.shift();
      if (fault.kind === 'reset') return void req.socket.destroy();
      if (fault.kind === 'rate_limit') return send(res, envelope(429, -1003, WOOX_MESSAGES.tooManyRequests));
      if (fault.kind === 'server_error') return send(res, envelope(500, -1000, WOOX_MESSAGES.internal));
      if (answerBadly(fault.kind, res)) return;
      if (fault.kind === 'slow') {
        await new Promise((resolve) => setTimeout(resolve, options.slowMs ?? 2_000));
        // A client that gave up has closed the connection; the request is then never processed.
        if (res.destroyed || req.socket.destroyed) return;
      }
      if (fault.kind === 'truncated_json') {
        const answer = route(req);
        return send(res, { status: answer.status, body: answer.body.slice(0, Math.floor(answer.body.length / 2)) });
      }
    }
    const pathname = new URL(req.url ?? '/', 'http://sim').pathname;
    const pathFault = pathFaults.find((candidate) => candidate.path === pathname);
    if (pathFault) {
      if (--pathFault.left <= 0) pathFaults.splice(pathFaults.indexOf(pathFault), 1);
      if (answerBadly(pathFault.kind, res)) return;
    }
    const injected = errors[0];
    if (injected && (!injected.path || pathname === injected.path)) {
      if (--injected.left <= 0) errors.shift();
      return send(res, envelope(injected.error.status, injected.error.code, injected.error.message));
    }
    send(res, route(req));
  }

  function send(res: ServerResponse, answer: Answer): void {
    if (res.destroyed) return;
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(answer.body);
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const stream = attachWooxStream(server, ledgers, now, timestampWindowMs);

  const accounts: SimAccount[] = ledgers.map((ledger) => ({
    credentials: { apiKey: ledger.apiKey, apiSecret: ledger.apiSecret },
    truth: (kinds) => ledger.truth(now(), kinds),
    truthByUnderlying: (kinds) => ledger.truthByUnderlying(now(), kinds),
    trade: (count, at) => {
      const traded = ledger.trade(count, at ?? now());
      stream.publish(ledger.applicationId, ledger.rows.slice(-traded));
      return traded;
    },
  }));

  return {
    exchange: 'woox',
    streams: stream,
    baseUrl: `http://127.0.0.1:${port}`,
    accounts,
    ledgers,
    injectFaults(kind, count) {
      if (count > 0) faults.push({ kind, left: count });
    },
    clearFaults() {
      faults.length = 0;
    },
    injectError(error, count, path) {
      if (count > 0) errors.push({ error, left: count, ...(path ? { path } : {}) });
    },
    injectFaultAt(path, kind, count) {
      if (count > 0) pathFaults.push({ path, kind, left: count });
    },
    setDialect(next) {
      dialect = { ...next };
    },
    hideRows(ids) {
      hidden = new Set(ids);
    },
    failFeeTierRequests(on) {
      failFees = on;
    },
    stats: () => ({ ...stats, windowPeaks: windows.peaks() }),
    close: async () => {
      await stream.close();
      await new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
