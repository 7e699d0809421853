/**
 * A Paradex REST simulator on 127.0.0.1, speaking the real protocol under the `/v1` prefix:
 * GET /v1/system/config, POST /v1/auth (StarkNet signature verified against the account's main
 * key and registered subkeys), GET /v1/account/info, GET /v1/fills, documented rate limits (429),
 * 5-minute JWTs on an injectable clock, error envelopes `{"error": CODE, "message": …}`.
 *
 * Account 0 is used with its MAIN key (can withdraw/transfer); account 1 with a registered
 * SUBKEY; further accounts alternate.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { SimStreamServer } from '../stream/sim-stream-server.ts';
import { attachParadexStream } from './sim-stream.ts';
import type { SimFillRow } from './sim-history.ts';
import type { AddressInfo } from 'node:net';
import type { FaultKind, SimAccount, SimTruthDay, SimulatorHandle, SimulatorOptions } from '../simulator.ts';
import { mulberry32 } from '../random-history.ts';
import { parseSignatureHeader, SimJwtIssuer, simAddress, simAuthMessageHash, simKey, verifiesWith, type SimKey } from './sim-auth.ts';
import { listFills, type FillsBehaviour } from './sim-fills.ts';
import { SimFillBook, seededTrades } from './sim-history.ts';
import { PARADEX_RATE_LIMITS, ParadexSimLimiter, type ParadexSimRateLimits } from './sim-rate-limits.ts';

export const SIM_CHAIN_ID = 'PRIVATE_SN_PARACLEAR_MAINNET';
const JWT_LIFETIME_S = 300;
/** How far ahead of the server clock a login timestamp may be. */
const TIMESTAMP_TOLERANCE_S = 600;
const SLOW_FAULT_MS = 250;

export interface ParadexSimulatorOptions extends SimulatorOptions, Partial<FillsBehaviour> {
  rateLimits?: Partial<ParadexSimRateLimits>;
  /** Leave `public_key` out of GET /v1/account/info (the connector must then warn). */
  hideAccountPublicKey?: boolean;
  /** The other reading of the stream docs: a stream session ends when the JWT it logged in with expires. */
  streamSessionEndsWithJwt?: boolean;
}

export interface ParadexSimAccount extends SimAccount {
  address: string;
  mainKey: SimKey;
  subkeys: SimKey[];
  /** Which key `credentials.privateKey` is. */
  keyKind: 'main' | 'subkey';
  book: SimFillBook;
}

export interface ParadexSimulatorHandle extends SimulatorHandle {
  accounts: ParadexSimAccount[];
  /** Moves the simulator's clock (JWT expiry, login checks, new trades). */
  advanceClock(ms: number): void;
  /** Successful logins so far. */
  logins(): number;
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
  const behaviour: FillsBehaviour = {
    duplicateAcrossPages: options.duplicateAcrossPages ?? false,
    ignoreAssetKind: options.ignoreAssetKind ?? false,
  };
  const jwt = new SimJwtIssuer(`paradex-sim-${seed}`);
  const stats = { requests: 0, rateLimited: 0, weightUsed: 0 };
  let logins = 0;
  const faults: FaultKind[] = [];

  const accounts: ParadexSimAccount[] = [];
  let stream: SimStreamServer<SimFillRow> | null = null;
  for (let i = 0; i < (options.accounts ?? 2); i++) {
    const label = `paradex-sim/${seed}/${i}`;
    const address = simAddress(`${label}/address`);
    const mainKey = simKey(`${label}/main`);
    const subkeys = [simKey(`${label}/subkey/0`), simKey(`${label}/subkey/1`)];
    const keyKind = i % 2 === 0 ? 'main' : 'subkey';
    const book = new SimFillBook(address, seed * 31 + i);
    const endMs = now();
    book.addTrades(seededTrades(seed * 1000 + i, options.fillsPerAccount ?? 500, endMs, options.days ?? 730));
    const random = mulberry32(seed * 77 + i);
    accounts.push({
      address,
      mainKey,
      subkeys,
      keyKind,
      book,
      credentials: { address, privateKey: keyKind === 'main' ? mainKey.privateKey : subkeys[0]!.privateKey },
      truth: (kinds): Map<string, SimTruthDay> => book.truth(kinds),
      trade: (count, at) => {
        const ts = at ?? now();
        // Live fills land exactly at `ts`, as asked.
        const trades = seededTrades(Math.floor(random() * 2 ** 31), count, ts + 1, 1).map((trade) => ({ ...trade, ts }));
        const before = book.size;
        const added = book.addTrades(trades);
        stream?.publish(address, book.newest(book.size - before));
        return added;
      },
    });
  }
  const byAddress = (value: string | null): ParadexSimAccount | undefined => {
    if (!value || !/^(0x)?[0-9a-f]{1,64}$/i.test(value)) return undefined;
    const wanted = BigInt(value.startsWith('0x') ? value : `0x${value}`);
    return accounts.find((account) => BigInt(account.address) === wanted);
  };

  function login(req: IncomingMessage, res: ServerResponse, truncate: boolean): void {
    const accountHeader = header(req, 'PARADEX-STARKNET-ACCOUNT');
    const signatureHeader = header(req, 'PARADEX-STARKNET-SIGNATURE');
    const timestamp = header(req, 'PARADEX-TIMESTAMP');
    const expiration = header(req, 'PARADEX-SIGNATURE-EXPIRATION');
    if (!accountHeader || !signatureHeader || !timestamp || !expiration) {
      return send(res, 400, { error: 'VALIDATION_ERROR', message: 'missing PARADEX-* authentication headers' });
    }
    if (!/^(0x)?[0-9a-f]{1,64}$/i.test(accountHeader)) {
      return send(res, 400, { error: 'INVALID_STARKNET_ADDRESS', message: 'invalid starknet account address' });
    }
    const account = byAddress(accountHeader);
    if (!account) return send(res, 400, { error: 'NOT_ONBOARDED', message: 'User has never called /onboarding endpoint' });
    const nowS = Math.floor(now() / 1000);
    if (!/^\d+$/.test(timestamp) || Number(timestamp) > nowS + TIMESTAMP_TOLERANCE_S) {
      return send(res, 400, { error: 'INVALID_TIMESTAMP', message: 'timestamp is in the future or malformed' });
    }
    if (!/^\d+$/.test(expiration) || Number(expiration) <= nowS || Number(expiration) <= Number(timestamp)) {
      return send(res, 400, { error: 'INVALID_SIGNATURE_EXPIRATION', message: 'signature expiration is in the past' });
    }
    const signature = parseSignatureHeader(signatureHeader);
    if (!signature) return send(res, 400, { error: 'INVALID_STARKNET_SIGNATURE', message: 'signature must be ["r","s"]' });
    const hash = simAuthMessageHash(SIM_CHAIN_ID, BigInt(account.address), BigInt(timestamp), BigInt(expiration));
    const keys = [account.mainKey, ...account.subkeys];
    if (!keys.some((key) => verifiesWith(signature, hash, key.publicKey))) {
      return send(res, 401, { error: 'STARKNET_SIGNATURE_VERIFICATION_FAILED', message: 'signature verification failed' });
    }
    logins += 1;
    send(res, 200, { jwt_token: jwt.issue({ sub: account.address, iat: nowS, exp: nowS + JWT_LIFETIME_S }) }, truncate);
  }

  function bearerAccount(req: IncomingMessage, res: ServerResponse): ParadexSimAccount | null {
    const authorization = header(req, 'authorization') ?? '';
    const claims = authorization.startsWith('Bearer ') ? jwt.read(authorization.slice(7)) : null;
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
    // The docs give limits, not the 429 body; this mirrors the usual envelope.
    send(res, 429, { error: 'TOO_MANY_REQUESTS', message: 'rate limit exceeded' });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.requests += 1;
    const fault = faults.shift();
    if (fault === 'reset') return void req.socket.destroy();
    if (fault === 'rate_limit') return send(res, 429, { error: 'TOO_MANY_REQUESTS', message: 'rate limit exceeded' });
    if (fault === 'server_error') return send(res, 500, { error: 'INTERNAL_ERROR', message: 'internal server error' });
    if (fault === 'slow') await new Promise((resolve) => setTimeout(resolve, SLOW_FAULT_MS));
    const truncate = fault === 'truncated_json';
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = `${req.method} ${url.pathname.replace(/\/$/, '')}`;

    if (route === 'GET /v1/system/config') {
      if (enforce && !limiter.admitPublic()) return tooMany(res);
      stats.weightUsed += 1;
      return send(res, 200, { starknet_chain_id: SIM_CHAIN_ID, environment: 'prod', paraclear_decimals: 8 }, truncate);
    }
    if (route === 'POST /v1/auth') {
      if (enforce && !limiter.admitAuth()) return tooMany(res);
      stats.weightUsed += 1;
      return login(req, res, truncate);
    }
    if (route === 'GET /v1/fills' || route === 'GET /v1/account/info') {
      const account = bearerAccount(req, res);
      if (!account) return;
      if (enforce && !limiter.admitPrivate(account.address)) return tooMany(res);
      stats.weightUsed += 1;
      if (route === 'GET /v1/account/info') {
        const info = { account: account.address, kind: 'main', username: '', created_at: 1_690_000_000_000 };
        const results = [options.hideAccountPublicKey ? info : { ...info, public_key: account.mainKey.publicKey }];
        return send(res, 200, { results }, truncate);
      }
      const answer = listFills(account.book.sorted(), url.searchParams, behaviour);
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

  return {
    exchange: 'paradex',
    streams: liveStream,
    baseUrl: `http://127.0.0.1:${port}/v1`,
    accounts,
    injectFaults: (kind, count) => {
      for (let i = 0; i < count; i++) faults.push(kind);
    },
    stats: () => ({ ...stats }),
    advanceClock: (ms) => {
      clockOffset += ms;
    },
    logins: () => logins,
    close: async () => {
      await liveStream.close();
      await new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}
