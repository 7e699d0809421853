/**
 * The fee-tier part of the contract: `tiers` (each exchange's standing, GET /api/v1/tiers) and the
 * per-exchange volume targets (`listTargets`, `setTarget`). It reads the rollups for our own
 * volume, asks each exchange for its tier facts (cached, never fatal), and builds one TierView per
 * exchange that has an account or a target.
 */
import type { SetTargetInput, Target, Tiers, TierView } from '../../../src-shared/tier-schemas.ts';
import { addDays, utcDay } from '../../core/days.ts';
import type { ExchangeId } from '../../core/exchange.ts';
import type { InstrumentKind } from '../../core/instrument.ts';
import { microsToUsd, usdToMicros } from '../../core/usd.ts';
import type { Connector, ConnectorContext } from '../../connectors/kit/connector.ts';
import { exchanges as appExchanges, type ExchangeRegistry, type FeeTierRule } from '../../connectors/registry.ts';
import type { SecretStore } from '../../secrets/secret-store.ts';
import type { AccountRecord, Store, TierTargetRecord } from '../../store/store.ts';
import { FeeTierFactsSource } from './fee-tier-facts.ts';
import { loadTierTables } from './tier-table-file.ts';
import { buildTierView, placeTier, type TierPlacement } from './tier-view.ts';
import type { TierTable } from './tier-table-schema.ts';
import type { ErrorInfo } from '../../../src-shared/schemas.ts';

/** Days of volume read per exchange: more than any window an exchange states (Paradex says its own). */
const VOLUME_LOOKBACK_DAYS = 90;

export interface TierStandingServiceOptions {
  store: Store;
  secrets: SecretStore;
  now: () => number;
  createConnector: (exchange: ExchangeId, context: ConnectorContext) => Connector;
  /** The user's tier-table file (absent is fine); null = shipped tables only. */
  tierTablePath: string | null;
  factsTimeoutMs?: number;
  /** The exchanges and their fee-tier rules (default: the app's). */
  exchanges?: ExchangeRegistry;
}

/** One exchange's standing now, as the costs answer compares with it. */
export interface ExchangePlacement {
  placement: TierPlacement;
  rule: FeeTierRule;
  table: TierTable & { fromFile: boolean };
  /** Why the exchange's own facts are missing (the table stands in). */
  factsError: ErrorInfo | null;
}

function toTarget(record: TierTargetRecord): Target {
  return { exchange: record.exchange, volumeUsd: microsToUsd(record.volumeMicros), updatedAt: new Date(record.updatedAt).toISOString() };
}

export class TierStandingService {
  private readonly facts: FeeTierFactsSource;

  constructor(private readonly options: TierStandingServiceOptions) {
    this.facts = new FeeTierFactsSource({
      secrets: options.secrets,
      createConnector: options.createConnector,
      now: options.now,
      ...(options.exchanges ? { exchanges: options.exchanges } : {}),
      ...(options.factsTimeoutMs !== undefined ? { timeoutMs: options.factsTimeoutMs } : {}),
    });
  }

  /** An account added, removed or given a new key changes what the exchanges would say: ask again. */
  forgetExchangeFacts(): void {
    this.facts.clear();
  }

  async tiers(): Promise<Tiers> {
    const now = this.options.now();
    const today = utcDay(now);
    const [accounts, targets, tables] = await Promise.all([
      this.options.store.accounts.list(),
      this.options.store.tierTargets.list(),
      loadTierTables(this.options.tierTablePath),
    ]);
    const byExchange = new Map<ExchangeId, AccountRecord[]>();
    for (const account of accounts) byExchange.set(account.exchange, [...(byExchange.get(account.exchange) ?? []), account]);
    const targetOf = new Map(targets.map((target) => [target.exchange, target.volumeMicros]));
    const registry = this.options.exchanges ?? appExchanges;
    // In the order the registry lists its exchanges.
    const shown = registry.ids().filter((exchange) => byExchange.has(exchange) || targetOf.has(exchange));

    const views = await Promise.all(
      shown.map(async (exchange): Promise<[ExchangeId, TierView]> => {
        const mine = byExchange.get(exchange) ?? [];
        const kinds = registry.get(exchange).feeTier.kinds;
        const perpsOnly = kinds.length === 1 && kinds[0] === 'perpetual';
        const [outcome, daily, perpetualDaily] = await Promise.all([
          mine.length > 0 ? this.facts.get(exchange, mine) : Promise.resolve({ facts: null, error: null }),
          this.dailyVolume(exchange, kinds, today),
          perpsOnly ? Promise.resolve(null) : this.dailyVolume(exchange, ['perpetual'], today),
        ]);
        const view = buildTierView({
          today,
          rule: registry.get(exchange).feeTier,
          daily,
          perpetualDaily,
          facts: outcome.facts,
          factsError: outcome.error,
          table: tables.tables[exchange] ?? { ...registry.get(exchange).feeTier.table!, fromFile: false },
          tableFilePath: this.options.tierTablePath,
          targetMicros: targetOf.get(exchange) ?? null,
        });
        return [exchange, view];
      }),
    );
    return { asOf: new Date(now).toISOString(), exchanges: Object.fromEntries(views), tierTableError: tables.error };
  }

  /** Where each exchange with an account stands now: the ladder in force, your tier and its rates. */
  async placements(): Promise<Map<ExchangeId, ExchangePlacement>> {
    const today = utcDay(this.options.now());
    const [accounts, tables] = await Promise.all([this.options.store.accounts.list(), loadTierTables(this.options.tierTablePath)]);
    const byExchange = new Map<ExchangeId, AccountRecord[]>();
    for (const account of accounts) byExchange.set(account.exchange, [...(byExchange.get(account.exchange) ?? []), account]);
    const entries = await Promise.all(
      [...byExchange].map(async ([exchange, mine]): Promise<[ExchangeId, ExchangePlacement]> => {
        const registry = this.options.exchanges ?? appExchanges;
        const rule = registry.get(exchange).feeTier;
        const [outcome, daily] = await Promise.all([this.facts.get(exchange, mine), this.dailyVolume(exchange, rule.kinds, today)]);
        const table = tables.tables[exchange] ?? (rule.table ? { ...rule.table, fromFile: false } : undefined);
        return [exchange, { placement: placeTier({ today, rule, daily, facts: outcome.facts, table }), rule, table, factsError: outcome.error }];
      }),
    );
    return new Map(entries);
  }

  async listTargets(): Promise<{ targets: Target[] }> {
    return { targets: (await this.options.store.tierTargets.list()).map(toTarget) };
  }

  async setTarget(input: SetTargetInput): Promise<Target> {
    if (input.volumeUsd === null) {
      await this.options.store.tierTargets.clear(input.exchange);
      return { exchange: input.exchange, volumeUsd: null, updatedAt: null };
    }
    // Through the decimal text, so $1234.56 is exactly 1,234,560,000 micro-dollars.
    const micros = usdToMicros(input.volumeUsd.toFixed(6));
    return toTarget(await this.options.store.tierTargets.set(input.exchange, micros, this.options.now()));
  }

  /** Our volume per UTC day on this exchange, of the kinds its ladder counts, over more days than any tier window. */
  private async dailyVolume(exchange: ExchangeId, kinds: readonly InstrumentKind[], today: string): Promise<Map<string, bigint>> {
    const rows = await this.options.store.volume.daily({ from: addDays(today, -(VOLUME_LOOKBACK_DAYS - 1)), to: today, exchange, kinds }, 'none');
    const daily = new Map<string, bigint>();
    for (const row of rows) daily.set(row.day, (daily.get(row.day) ?? 0n) + row.volumeMicros);
    return daily;
  }
}
