/**
 * The exchange's own fee-tier facts for the accounts of one exchange, asked at most every few
 * minutes (tiers move once a day; the dashboard asks on every new fill) and never allowed to hold
 * up or break the tiers answer: a failure or a slow exchange becomes an error value beside the
 * answer, and the tier table stands in.
 */
import type { ErrorInfo } from '../../../src-shared/schemas.ts';
import { asPerpvolError, PerpvolError } from '../../core/errors.ts';
import { EXCHANGE_LABELS, type ExchangeId } from '../../core/exchange.ts';
import type { Connector, ConnectorContext, FeeTierFacts } from '../../connectors/connector.ts';
import type { SecretStore } from '../../secrets/secret-store.ts';
import type { AccountRecord } from '../../store/store.ts';
import { credentialsFor } from '../../sync/account-credentials.ts';

/** Facts stay this long: an exchange re-assesses tiers once a day. */
export const FACTS_FRESH_MS = 10 * 60_000;
/** A failure is not asked again before this (a down exchange is not hammered by every page view). */
export const FAILURE_RETRY_MS = 2 * 60_000;
/** Longest wait for an exchange's answer before the table stands in. */
export const FACTS_TIMEOUT_MS = 20_000;

export type FactsOutcome = { facts: FeeTierFacts | null; error: ErrorInfo | null };

export interface FeeTierFactsSourceOptions {
  secrets: SecretStore;
  createConnector: (exchange: ExchangeId, context: ConnectorContext) => Connector;
  now: () => number;
  timeoutMs?: number;
}

interface Entry {
  key: string;
  at: number;
  outcome: Promise<FactsOutcome>;
  settled: FactsOutcome | null;
}

export class FeeTierFactsSource {
  private readonly entries = new Map<ExchangeId, Entry>();

  constructor(private readonly options: FeeTierFactsSourceOptions) {}

  /** Facts for `exchange` from the first of its accounts that can tell (oldest account first). */
  get(exchange: ExchangeId, accounts: AccountRecord[]): Promise<FactsOutcome> {
    const key = accounts.map((account) => `${account.id}@${account.baseUrl ?? ''}`).join(',');
    const now = this.options.now();
    const entry = this.entries.get(exchange);
    if (entry && entry.key === key) {
      if (!entry.settled) return entry.outcome; // one request serves every caller meanwhile
      const ttl = entry.settled.error ? FAILURE_RETRY_MS : FACTS_FRESH_MS;
      if (now - entry.at < ttl) return entry.outcome;
    }
    const fresh: Entry = { key, at: now, outcome: Promise.resolve({ facts: null, error: null }), settled: null };
    fresh.outcome = this.ask(exchange, accounts).then((outcome) => {
      fresh.settled = outcome;
      return outcome;
    });
    this.entries.set(exchange, fresh);
    return fresh.outcome;
  }

  /** Forget everything (accounts changed, keys rotated). */
  clear(): void {
    this.entries.clear();
  }

  private async ask(exchange: ExchangeId, accounts: AccountRecord[]): Promise<FactsOutcome> {
    const ordered = [...accounts].sort((a, b) => a.createdAt - b.createdAt);
    let firstError: ErrorInfo | null = null;
    for (const account of ordered) {
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
        return { facts: await this.withTimeout(exchange, (signal) => connector.feeTierFacts!(signal, this.options.now())), error: null };
      } catch (error) {
        firstError ??= asPerpvolError(error).toJSON();
      }
    }
    return { facts: null, error: firstError };
  }

  private async withTimeout<T>(exchange: ExchangeId, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const limit = this.options.timeoutMs ?? FACTS_TIMEOUT_MS;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), limit);
    try {
      return await run(controller.signal);
    } catch (error) {
      if (!controller.signal.aborted) throw error;
      throw new PerpvolError(
        'exchange_unavailable',
        'exchange_timeout',
        `${EXCHANGE_LABELS[exchange]} did not tell your fee tier within ${Math.ceil(limit / 1000)} s; Perpvol used its tier table and asks again in a few minutes.`,
        true,
        { cause: error },
      );
    } finally {
      clearTimeout(timer);
    }
  }
}
