/**
 * The exchange's own fee-tier facts for the accounts of one exchange, asked at most every few
 * minutes (tiers move once a day; the dashboard asks on every new fill) and never allowed to hold
 * up or break the tiers answer: a failure or a slow exchange becomes an error value beside the
 * answer, and the tier table stands in.
 */
import type { ErrorInfo } from '../../../src-shared/schemas.ts';
import { asPerpvolError, PerpvolError } from '../../core/errors.ts';
import type { ExchangeId } from '../../core/exchange.ts';
import { exchanges as appExchanges, type ExchangeRegistry } from '../../connectors/registry.ts';
import type { Connector, ConnectorContext, FeeTierFacts } from '../../connectors/kit/connector.ts';
import type { SecretStore } from '../../secrets/secret-store.ts';
import type { AccountRecord } from '../../store/store.ts';
import { credentialsFor } from '../../sync/account-credentials.ts';

/** Facts stay this long: an exchange re-assesses tiers once a day. */
export const FACTS_FRESH_MS = 10 * 60_000;
/** A failure is not asked again before this (a down exchange is not hammered by every page view). */
export const FAILURE_RETRY_MS = 2 * 60_000;
/** Longest the asking goes on in the background, over all of an exchange's accounts together. */
export const FACTS_TIMEOUT_MS = 20_000;
/**
 * Longest a tiers answer waits for one exchange. Past it the answer is given with what is known —
 * the facts last told, else the tier table — and the asking goes on behind it for the next answer.
 */
export const FACTS_READ_DEADLINE_MS = 1_000;

export type FactsOutcome = { facts: FeeTierFacts | null; error: ErrorInfo | null };

export interface FeeTierFactsSourceOptions {
  secrets: SecretStore;
  createConnector: (exchange: ExchangeId, context: ConnectorContext) => Connector;
  now: () => number;
  timeoutMs?: number;
  readDeadlineMs?: number;
  /** Whose labels the messages name exchanges by (default: the app's registry). */
  exchanges?: ExchangeRegistry;
}

interface Entry {
  key: string;
  at: number;
  /** performance.now() when the asking began: an answer already late is not waited for again. */
  startedAt: number;
  outcome: Promise<FactsOutcome>;
  settled: FactsOutcome | null;
}

/** Failures that are the exchange's (no route, no answer in time, its limits): the next account would fare no better. */
const EXCHANGE_SIDE = new Set(['exchange_unavailable', 'exchange_timeout', 'rate_limited']);
/** Failures that mean the exchange cannot be reached at all. */
const UNREACHABLE = new Set(['exchange_unreachable', 'exchange_timeout']);

const clockTime = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export class FeeTierFactsSource {
  private readonly entries = new Map<ExchangeId, Entry>();
  /** The last facts each exchange told, shown (with their time) while it cannot be asked. */
  private readonly lastTold = new Map<ExchangeId, { facts: FeeTierFacts; at: number }>();
  /** Since when each exchange has failed to answer (cleared by its next answer). */
  private readonly failingSince = new Map<ExchangeId, number>();

  constructor(private readonly options: FeeTierFactsSourceOptions) {}

  private label(exchange: ExchangeId): string {
    return (this.options.exchanges ?? appExchanges).label(exchange);
  }

  /**
   * Facts for `exchange` from the first of its accounts that can tell (oldest account first), within
   * the read deadline: a slow or unreachable exchange is answered for with what is known.
   */
  async get(exchange: ExchangeId, accounts: AccountRecord[]): Promise<FactsOutcome> {
    const entry = this.asking(exchange, accounts);
    const deadlineMs = this.options.readDeadlineMs ?? FACTS_READ_DEADLINE_MS;
    // Still asking, and already past one deadline: the caller before this one was told; so is this one, at once.
    const left = deadlineMs - (performance.now() - entry.startedAt);
    if (!entry.settled && left <= 0) return this.stillAsking(exchange, deadlineMs);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), Math.min(left, deadlineMs));
    });
    try {
      return (await Promise.race([entry.outcome, late])) ?? this.stillAsking(exchange, deadlineMs);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Forget everything (accounts changed, keys rotated). */
  clear(): void {
    this.entries.clear();
    this.lastTold.clear();
    this.failingSince.clear();
  }

  private asking(exchange: ExchangeId, accounts: AccountRecord[]): Entry {
    const key = accounts.map((account) => `${account.id}@${account.baseUrl ?? ''}`).join(',');
    const now = this.options.now();
    const entry = this.entries.get(exchange);
    if (entry && entry.key === key) {
      if (!entry.settled) return entry; // one request serves every caller meanwhile
      const ttl = entry.settled.error ? FAILURE_RETRY_MS : FACTS_FRESH_MS;
      if (now - entry.at < ttl) return entry;
    }
    const fresh: Entry = { key, at: now, startedAt: performance.now(), outcome: Promise.resolve({ facts: null, error: null }), settled: null };
    fresh.outcome = this.ask(exchange, accounts).then((outcome) => {
      fresh.settled = outcome;
      return outcome;
    });
    this.entries.set(exchange, fresh);
    return fresh;
  }

  /** What a tiers answer says of an exchange that has not answered within the read deadline. */
  private stillAsking(exchange: ExchangeId, deadlineMs: number): FactsOutcome {
    const since = this.failingSince.get(exchange);
    const told = this.lastTold.get(exchange);
    const label = this.label(exchange);
    const what = since !== undefined ? `${label} has been unreachable since ${clockTime(since)}` : `${label} did not tell your fee tier within ${Math.ceil(deadlineMs / 1000)} s`;
    const shown = told ? `showing what it said at ${clockTime(told.at)}` : 'Perpvol used its tier table';
    return { facts: told?.facts ?? null, error: { code: 'exchange_timeout', message: `${what}; ${shown} and keeps asking.` } };
  }

  private async ask(exchange: ExchangeId, accounts: AccountRecord[]): Promise<FactsOutcome> {
    const ordered = [...accounts].sort((a, b) => a.createdAt - b.createdAt);
    // One deadline for all the accounts together: an exchange that is down is not asked 20 times over.
    const signal = AbortSignal.timeout(this.options.timeoutMs ?? FACTS_TIMEOUT_MS);
    const failedBases = new Set<string>();
    let firstError: PerpvolError | null = null;
    for (const account of ordered) {
      if (failedBases.has(account.baseUrl ?? '') || signal.aborted) continue;
      try {
        // The same context a sync pass gets: per-UID limits by identity, and the key's remembered
        // facts (which Paradex login path works), so asking for the tier wastes no request.
        const connector = this.options.createConnector(exchange, {
          baseUrl: account.baseUrl,
          credentials: await credentialsFor(account, this.options.secrets),
          identity: account.identity,
          facts: account.permissions,
        });
        if (!connector.feeTierFacts) return { facts: null, error: null };
        const facts = await this.withTimeout(exchange, signal, (inner) => connector.feeTierFacts!(inner, this.options.now()));
        this.failingSince.delete(exchange);
        this.lastTold.set(exchange, { facts, at: this.options.now() });
        return { facts, error: null };
      } catch (error) {
        const failure = asPerpvolError(error);
        firstError ??= failure;
        if (EXCHANGE_SIDE.has(failure.kind)) failedBases.add(account.baseUrl ?? '');
      }
    }
    if (!firstError) return { facts: null, error: null };
    if (UNREACHABLE.has(firstError.code) && !this.failingSince.has(exchange)) this.failingSince.set(exchange, this.options.now());
    const since = this.failingSince.get(exchange);
    const told = this.lastTold.get(exchange);
    const prefix = since !== undefined ? `${this.label(exchange)} has been unreachable since ${clockTime(since)}: ` : '';
    const suffix = told ? ` (showing what ${this.label(exchange)} said at ${clockTime(told.at)})` : '';
    return { facts: told?.facts ?? null, error: { code: firstError.code, message: `${prefix}${firstError.message}${suffix}` } };
  }

  private async withTimeout<T>(exchange: ExchangeId, signal: AbortSignal, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await run(signal);
    } catch (error) {
      if (!signal.aborted) throw error;
      const limit = this.options.timeoutMs ?? FACTS_TIMEOUT_MS;
      throw new PerpvolError(
        'exchange_unavailable',
        'exchange_timeout',
        `${this.label(exchange)} did not tell your fee tier within ${Math.ceil(limit / 1000)} s; Perpvol used its tier table and asks again in a few minutes.`,
        true,
        { cause: error },
      );
    }
  }
}
