/**
 * A Hyperliquid `POST /info` server on loopback: seeded users with deterministic fill histories,
 * the real paging rules (≤ 2,000 fills per answer, only the 10,000 most recent served), request
 * validation, the 1200-weight-per-minute budget answered with 429, and injectable faults.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FaultKind, SimAccount, SimulatorHandle, SimulatorOptions } from '../simulator.ts';
import { aggregateByTime } from './aggregate.ts';
import { DOCUMENTED_HYPERLIQUID_DIALECT, type HyperliquidDialect } from './dialect.ts';
import type { HlFill } from './fills.ts';
import { HlLedger } from './ledger.ts';
import { DESERIALIZE_FAILURE, InfoRequest } from './requests.ts';
import { answerBadly } from '../bad-answers.ts';
import { baseWeight, itemWeight, WeightBudget } from './weights.ts';
import { attachHyperliquidStream } from './stream.ts';
import { HYPERLIQUID_SIM_LADDER, type SimTier } from '../fee-tier-ladders.ts';

/** Hyperliquid-only faults: a 200 answer whose JSON does not have the documented shape. */
export type HyperliquidFaultKind = FaultKind | 'wrong_shape';

export interface HyperliquidSimAccount extends SimAccount {
  address: string;
  /** Every fill the user ever made, oldest first, including those the API no longer serves. */
  allFills(): readonly HlFill[];
  /** Served fills a client must keep aside (HIP-3 perps of a dex settling in a token that is no dollar). */
  unclassified(): readonly HlFill[];
}

export interface HyperliquidSimulatorOptions extends SimulatorOptions {
  /** The weight budget; default the real 1200 per 60 s. Tests may shrink the interval to run faster. */
  rateLimit?: { weight: number; intervalMs: number };
  /**
   * The time the budget counts in (ms; default real time). A test whose client limiter skips its
   * waits (support/skipping-clock.ts) hands the same clock here, so the windows still hold.
   */
  rateClock?: () => number;
  /** Fills in the userFills stream's first (snapshot) frame; the docs do not say how many. */
  snapshotFills?: number;
  /** How the open points of userFillsByTime are read (default: the documented reading). */
  dialect?: Partial<HyperliquidDialect>;
  /** The fee schedule userFees reports (default the fee page's); tests shrink it so seeded volume sits between tiers. */
  feeTiers?: SimTier[];
  /** Also trade on a HIP-3 dex settling in a token that is no dollar (fills a client must keep aside). */
  nonDollarBuilderDex?: boolean;
}

export interface HyperliquidSimulatorHandle extends SimulatorHandle {
  accounts: HyperliquidSimAccount[];
  injectFaults(kind: HyperliquidFaultKind, count: number): void;
  /** Switches how the open points of userFillsByTime are read, from the next request on. */
  setDialect(dialect: Partial<HyperliquidDialect>): void;
  /** While on, userFees is refused (HTTP 422) as a request Hyperliquid cannot read: Perpvol must do without it. */
  failFeeTierRequests(on: boolean): void;
}

const SLOW_FAULT_MS = 1_500;
const DEFAULTS = { seed: 1, fillsPerAccount: 3_000, days: 60, accounts: 1 };

export async function startHyperliquidSimulator(options: HyperliquidSimulatorOptions = {}): Promise<HyperliquidSimulatorHandle> {
  const now = options.now ?? Date.now;
  const seed = options.seed ?? DEFAULTS.seed;
  const enforce = options.enforceRateLimits ?? true;
  const startedAt = now();
  const ledgers = Array.from(
    { length: options.accounts ?? DEFAULTS.accounts },
    (_, i) => new HlLedger(seed * 1_000 + i, options.fillsPerAccount ?? DEFAULTS.fillsPerAccount, startedAt, options.days ?? DEFAULTS.days, { nonDollarDex: options.nonDollarBuilderDex ?? false }),
  );
  const byAddress = new Map(ledgers.map((ledger) => [ledger.address, ledger]));
  const budget = new WeightBudget(options.rateLimit?.weight, options.rateLimit?.intervalMs, options.rateClock);
  const faults: HyperliquidFaultKind[] = [];
  const stats = { requests: 0, rateLimited: 0 };
  let dialect: HyperliquidDialect = { ...DOCUMENTED_HYPERLIQUID_DIALECT, ...options.dialect };
  const feeTiers = options.feeTiers ?? HYPERLIQUID_SIM_LADDER;
  let failFees = false;

  /** The JSON answer to a valid request and the number of items it returns (for weight). */
  function answer(request: InfoRequest): { body: unknown; items: number } {
    const ledger = byAddress.get(request.user.toLowerCase());
    switch (request.type) {
      case 'userFillsByTime': {
        // "endTime: … Defaults to current time" (same third-party pages as dialect.ts).
        let fills = ledger?.byTime(request.startTime, request.endTime ?? now(), dialect) ?? [];
        if (request.aggregateByTime ?? dialect.aggregateByDefault) fills = aggregateByTime(fills);
        return { body: fills, items: fills.length };
      }
      case 'userFills': {
        let fills = ledger?.recent() ?? [];
        if (request.aggregateByTime) fills = aggregateByTime(fills);
        return { body: fills, items: fills.length };
      }
      case 'userFees':
        return { body: (ledger ?? emptyLedger()).userFees(now(), '2852367.077073', feeTiers), items: 0 };
      case 'portfolio':
        return { body: (ledger ?? emptyLedger()).portfolio(now()), items: 0 };
      case 'clearinghouseState':
        return { body: (ledger ?? emptyLedger()).clearinghouseState(now()), items: 0 };
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
    stats.requests++;
    const fault = faults.shift();
    if (fault === 'reset') return void req.socket.destroy();
    if (fault === 'rate_limit') return send(res, 429, 'text/plain', 'Too many requests');
    if (fault === 'server_error') return send(res, 500, 'application/json', 'null');
    if (fault === 'slow') await new Promise((resolve) => setTimeout(resolve, SLOW_FAULT_MS));
    // Hyperliquid's own 'wrong_shape' (numbers where strings belong) is answered below.
    if (fault !== 'wrong_shape' && answerBadly(fault, res)) return;

    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'Method Not Allowed');
    if (req.url !== '/info') return send(res, 404, 'text/plain', 'Not Found');
    if (!(req.headers['content-type'] ?? '').includes('application/json')) {
      return send(res, 415, 'text/plain', 'Expected request with `Content-Type: application/json`');
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return send(res, 400, 'text/plain', 'Failed to parse the request body as JSON');
    }
    const parsed = InfoRequest.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return send(res, 422, 'text/plain', `${DESERIALIZE_FAILURE}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`);
    }
    if (failFees && parsed.data.type === 'userFees') return send(res, 422, 'text/plain', `${DESERIALIZE_FAILURE}: type: unknown variant`);
    const admission = budget.admit(baseWeight(parsed.data.type), enforce);
    if (!admission) {
      stats.rateLimited++;
      return send(res, 429, 'text/plain', 'Too many requests');
    }
    const { body, items } = answer(parsed.data);
    budget.charge(admission, itemWeight(parsed.data.type, items));
    let text = JSON.stringify(fault === 'wrong_shape' ? misshape(body) : body);
    if (fault === 'truncated_json') text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    send(res, 200, 'application/json', text);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((error: unknown) => {
        send(res, 500, 'text/plain', error instanceof Error ? error.message : String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const stream = attachHyperliquidStream(server, (user) => byAddress.get(user)?.recent() ?? [], options.snapshotFills);

  return {
    exchange: 'hyperliquid',
    streams: stream,
    baseUrl: `http://127.0.0.1:${port}`,
    accounts: ledgers.map((ledger) => ({
      address: ledger.address,
      credentials: { address: ledger.address },
      truth: (kinds) => ledger.truth(kinds),
      truthByUnderlying: (kinds) => ledger.truthByUnderlying(kinds),
      trade: (count: number, at?: number) => {
        const traded = ledger.trade(count, at ?? now());
        stream.publish(ledger.address.toLowerCase(), ledger.all().slice(-traded));
        return traded;
      },
      allFills: () => ledger.all(),
      unclassified: () => ledger.unclassified(),
    })),
    injectFaults(kind, count) {
      for (let i = 0; i < count; i++) faults.push(kind);
    },
    clearFaults() {
      faults.length = 0;
    },
    setDialect(change) {
      dialect = { ...DOCUMENTED_HYPERLIQUID_DIALECT, ...change };
    },
    failFeeTierRequests(on) {
      failFees = on;
    },
    stats: () => ({ requests: stats.requests, rateLimited: stats.rateLimited, weightUsed: budget.used, windowPeaks: budget.peaks() }),
    close: async () => {
      await stream.close();
      await new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** Valid JSON of the wrong shape: numbers where strings belong, or an unexpected object. */
function misshape(body: unknown): unknown {
  if (Array.isArray(body)) return body.map((row) => ({ ...(row as object), px: Number((row as HlFill).px), side: 'X' }));
  return { unexpected: true };
}

let empty: HlLedger | undefined;
/** Unknown but well-formed addresses get empty answers, as on the real exchange. */
function emptyLedger(): HlLedger {
  empty ??= new HlLedger(0, 0, 0, 1);
  return empty;
}
