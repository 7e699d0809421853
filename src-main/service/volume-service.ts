import { createRequire } from 'node:module';
import type { ApiInput, ApiOutput, PerpvolApi } from '../../src-shared/contract.ts';
import type { ApiEventListener } from '../../src-shared/events.ts';
import type { Account, ApiFill, StartCommand } from '../../src-shared/schemas.ts';
import { FILLS_PAGE_DEFAULT } from '../../src-shared/schemas.ts';
import { dayStartMs, isDayString, MS_PER_DAY } from '../core/days.ts';
import { badInput, notFound, PerpvolError } from '../core/errors.ts';
import type { ExchangeId } from '../core/exchange.ts';
import { kindsFromList } from '../core/instrument.ts';
import { microsToUsd } from '../core/usd.ts';
import type { Connector, ConnectorContext } from '../connectors/kit/connector.ts';
import { exchanges as appExchanges, type ExchangeRegistry } from '../connectors/registry.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { AccountRecord, StoredFill, Store } from '../store/store.ts';
import { exchangeNeedsSecret } from '../sync/account-credentials.ts';
import { toApiAccount } from '../sync/account-view.ts';
import type { EventBus } from '../sync/event-bus.ts';
import { FillCommit } from '../sync/fill-commit.ts';
import type { SyncEngine } from '../sync/sync-engine.ts';
import { addAccount } from './add-account.ts';
import { rotateCredentials } from './rotate-credentials.ts';
import { parseInput } from './validate-input.ts';
import { queryDaily, querySummary } from './volume-queries.ts';
import { reconcileAccount } from './reconciliation.ts';
import { InProcessCsvImporter, type CsvImporter, type JsonBodyImport } from './import-fills.ts';
import type { ImportSource } from './import-job.ts';
import { SerialQueue } from './serial-queue.ts';
import { TierStandingService } from './tiers/tier-standing-service.ts';
import { CostsService } from './costs/costs-service.ts';

/** Longest daily range one call may ask for: three years of days (a chart, not an export). */
export const MAX_DAILY_RANGE_DAYS = 3 * 366;

export interface VolumeServiceOptions {
  store: Store;
  secrets: SecretStore;
  engine: SyncEngine;
  bus: EventBus;
  now?: () => number;
  createConnector?: (exchange: ExchangeId, context: ConnectorContext) => Connector;
  version?: string;
  /** Throws unless this process owns the data folder: only the owner changes accounts, syncs or imports. */
  assertWritable?: () => void;
  /** Runs CSV imports; default: in this thread on `store` (the core passes a worker-thread importer). */
  importer?: CsvImporter;
  /** The user's fee-tier table file (data dir `tier-tables.json`); null/absent = shipped tables only. */
  tierTablePath?: string | null;
  /** Longest wait for an exchange's fee-tier facts before the tier table stands in. */
  tierFactsTimeoutMs?: number;
  /** How the server was started (health's `startedWith`); absent outside a server. */
  startedWith?: StartCommand;
  /** Live updates (streams + polling) when this process keeps accounts live; told of account changes. */
  live?: LiveAccountHooks;
  /** The one path after every write of fills (shared with the sync engine and live updates). */
  commits?: FillCommit;
  /** The exchanges it serves (default: the app's registry; tests add a made-up one). */
  exchanges?: ExchangeRegistry;
}

/** What the service tells live updates (sync/live/live-updates.ts), and asks of it. */
export interface LiveAccountHooks {
  decorate(account: Account): Account;
  accountAdded(accountId: string): Promise<void>;
  /** Before the account goes: its stream is closed and what it streamed is written. */
  accountRemoved(accountId: string): Promise<void>;
  credentialsChanged(accountId: string): Promise<void>;
  /** A client is watching (SSE, the window, the tray): poll faster where there is no stream. */
  watch(): () => void;
}

export function packageVersion(): string {
  try {
    return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/**
 * The one implementation of the contract (src-shared/contract.ts). IPC handlers, REST routes and
 * CLI commands call these methods and hold no logic of their own. Inside: micro-dollars; out:
 * USD numbers.
 */
export class VolumeService implements PerpvolApi, JsonBodyImport {
  private readonly store: Store;
  private readonly secrets: SecretStore;
  private readonly engine: SyncEngine;
  private readonly bus: EventBus;
  private readonly now: () => number;
  private readonly makeConnector: (exchange: ExchangeId, context: ConnectorContext) => Connector;
  private readonly version: string;
  private readonly live: LiveAccountHooks | null;
  private readonly assertWritable: () => void;
  /** Account changes one at a time (serial-queue.ts): the duplicate check and the write never interleave. */
  private readonly accountChanges = new SerialQueue();
  private readonly importer: CsvImporter;
  private readonly tierStanding: TierStandingService;
  private readonly costsService: CostsService;
  private readonly startedWith: StartCommand | undefined;
  private readonly commits: FillCommit;
  private readonly exchanges: ExchangeRegistry;

  constructor(options: VolumeServiceOptions) {
    this.store = options.store;
    this.secrets = options.secrets;
    this.engine = options.engine;
    this.bus = options.bus;
    this.now = options.now ?? Date.now;
    this.exchanges = options.exchanges ?? appExchanges;
    this.makeConnector = options.createConnector ?? ((exchange, context) => this.exchanges.createConnector(exchange, context));
    this.version = options.version ?? packageVersion();
    this.assertWritable = options.assertWritable ?? (() => undefined);
    this.importer = options.importer ?? new InProcessCsvImporter(options.store, this.exchanges);
    this.startedWith = options.startedWith;
    this.tierStanding = new TierStandingService({
      store: this.store,
      secrets: this.secrets,
      now: this.now,
      createConnector: this.makeConnector,
      tierTablePath: options.tierTablePath ?? null,
      exchanges: this.exchanges,
      ...(options.tierFactsTimeoutMs !== undefined ? { factsTimeoutMs: options.tierFactsTimeoutMs } : {}),
    });
    this.costsService = new CostsService(this.store, this.tierStanding, this.now, this.exchanges);
    this.live = options.live ?? null;
    this.commits = options.commits ?? new FillCommit({ store: this.store, bus: this.bus, now: this.now, exchanges: this.exchanges });
  }

  /** Held while a client watches live (returns its release); a no-op where nothing is kept live. */
  watch(): () => void {
    return this.live?.watch() ?? (() => undefined);
  }

  private view(account: Account): Account {
    return this.live ? this.live.decorate(account) : account;
  }

  async health(_input: ApiInput<'health'> = {}): Promise<ApiOutput<'health'>> {
    return { status: 'ok', version: this.version, ...(this.startedWith ? { startedWith: this.startedWith } : {}) };
  }

  async listAccounts(_input: ApiInput<'listAccounts'> = {}): Promise<ApiOutput<'listAccounts'>> {
    const accounts = await this.store.accounts.list();
    return { accounts: accounts.map((account) => this.view(toApiAccount(account, this.now()))) };
  }

  async addAccount(input: ApiInput<'addAccount'>): Promise<Account> {
    const parsed = parseInput('addAccount', input, this.exchanges);
    this.assertWritable();
    const account = await addAccount(
      {
        store: this.store,
        secrets: this.secrets,
        createConnector: this.makeConnector,
        exchanges: this.exchanges,
        now: this.now,
        exclusive: (task) => this.accountChanges.run(task),
      },
      parsed,
    );
    this.tierStanding.forgetExchangeFacts();
    this.bus.emit({ type: 'account', change: 'added', accountId: account.id, account });
    await this.live?.accountAdded(account.id);
    return this.view(account);
  }

  async getAccount(input: ApiInput<'getAccount'>): Promise<Account> {
    const { id } = parseInput('getAccount', input, this.exchanges);
    return this.view(toApiAccount(await this.requireAccount(id), this.now()));
  }

  /** Replaces the account's key in place (same exchange account); fills and sync position stay. */
  async rotateCredentials(input: ApiInput<'rotateCredentials'>): Promise<Account> {
    const parsed = parseInput('rotateCredentials', input, this.exchanges);
    this.assertWritable();
    const account = await this.accountChanges.run(async () => rotateCredentials(
      {
        store: this.store,
        secrets: this.secrets,
        createConnector: this.makeConnector,
        exchanges: this.exchanges,
        now: this.now,
        cancelSync: (id) => this.engine.cancel(id),
      },
      await this.requireAccount(parsed.id),
      parsed,
    ));
    this.tierStanding.forgetExchangeFacts();
    this.bus.emit({ type: 'account', change: 'updated', accountId: account.id, account });
    // the stream reconnects with the new key; the old one may already be revoked
    await this.live?.credentialsChanged(account.id);
    return this.view(account);
  }

  /** Stops its sync, deletes the account and its secret; `purge` also deletes its fills and rollups. */
  async removeAccount(input: ApiInput<'removeAccount'>): Promise<ApiOutput<'removeAccount'>> {
    const { id, purge } = parseInput('removeAccount', input, this.exchanges);
    this.assertWritable();
    await this.accountChanges.run(async () => {
      const account = await this.requireAccount(id);
      await this.engine.cancel(id);
      await this.live?.accountRemoved(id);
      // Secret first: if the secret store refuses, the account stays whole rather than leaving an orphaned key.
      if (exchangeNeedsSecret(account.exchange)) await this.secrets.delete(id);
      await this.store.accounts.remove(id, { purge: purge ?? false });
    });
    this.tierStanding.forgetExchangeFacts();
    this.bus.emit({ type: 'account', change: 'removed', accountId: id, account: null });
    return { removed: id };
  }

  /** Starts (or joins) syncs in the background; progress arrives as `sync` events. */
  async startSync(input: ApiInput<'startSync'> = {}): Promise<ApiOutput<'startSync'>> {
    const { accountIds } = parseInput('startSync', input, this.exchanges);
    this.assertWritable();
    const ids = [...new Set(accountIds ?? (await this.store.accounts.list()).map((account) => account.id))];
    for (const id of ids) await this.requireAccount(id);
    for (const id of ids) {
      // Failures land in the account's status; nothing is left to reject unobserved.
      this.engine.syncAccount(id).catch(() => undefined);
    }
    return { started: ids };
  }

  async syncStatus(_input: ApiInput<'syncStatus'> = {}): Promise<ApiOutput<'syncStatus'>> {
    return { accounts: await this.engine.statuses() };
  }

  async dailyVolume(input: ApiInput<'dailyVolume'>): Promise<ApiOutput<'dailyVolume'>> {
    const query = parseInput('dailyVolume', input, this.exchanges);
    checkRange(query.from, query.to);
    if (query.accountId) await this.requireAccount(query.accountId);
    // Accounts removed without purge still have volume in the rollups, so they need their labels too.
    const accounts = query.groupBy === 'account' ? await this.store.accounts.list({ includeRemoved: true }) : [];
    const filter = {
      from: query.from,
      to: query.to,
      kinds: kindsFromList(query.kinds),
      ...(query.exchange ? { exchange: query.exchange } : {}),
      ...(query.accountId ? { accountId: query.accountId } : {}),
    };
    return queryDaily(this.store, filter, query.groupBy, accounts, this.exchanges);
  }

  /** Rolling windows of the given kinds (default perpetuals), with fees in unpriceable tokens listed apart. */
  async summary(input: ApiInput<'summary'> = {}): Promise<ApiOutput<'summary'>> {
    const { kinds } = parseInput('summary', input, this.exchanges);
    return querySummary(this.store, this.now(), await this.store.accounts.list(), kindsFromList(kinds));
  }

  async listFills(input: ApiInput<'listFills'> = {}): Promise<ApiOutput<'listFills'>> {
    const query = parseInput('listFills', input, this.exchanges);
    for (const [name, day] of [['from', query.from], ['to', query.to]] as const) {
      if (day !== undefined && !isDayString(day)) throw badInput('invalid_date', `${name}: ${day} is not a calendar date; use YYYY-MM-DD.`);
    }
    if (query.from && query.to && query.from > query.to) throw rangeReversed(query.from, query.to);
    if (query.accountId) await this.requireAccount(query.accountId);
    const page = await this.store.fills.list({
      ...(query.accountId ? { accountId: query.accountId } : {}),
      ...(query.from ? { fromMs: dayStartMs(query.from) } : {}),
      ...(query.to ? { toMs: dayStartMs(query.to) + MS_PER_DAY - 1 } : {}),
      limit: query.limit ?? FILLS_PAGE_DEFAULT,
      kinds: kindsFromList(query.kinds),
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
    return { fills: page.fills.map(toApiFill), nextCursor: page.nextCursor };
  }

  /** Our volume beside what the exchange itself reports, per account. */
  async reconciliation(input: ApiInput<'reconciliation'> = {}): Promise<ApiOutput<'reconciliation'>> {
    const { accountId } = parseInput('reconciliation', input, this.exchanges);
    const accounts = accountId ? [await this.requireAccount(accountId)] : await this.store.accounts.list();
    return { accounts: await Promise.all(accounts.map((account) => reconcileAccount(this.store, account, this.exchanges))) };
  }

  /**
   * Fills from the exchange's own CSV export (history its API no longer serves). All or nothing;
   * the sync cursor never moves; what follows the write is a synced page's (sync/fill-commit.ts).
   */
  async importFills(input: ApiInput<'importFills'>): Promise<ApiOutput<'importFills'>> {
    const { id, csv, ...options } = parseInput('importFills', input, this.exchanges);
    // Bytes, handed to the import's thread rather than copied there as a 50 MB string.
    return this.runImport(id, { kind: 'csv', csv: Buffer.from(csv, 'utf8'), options });
  }

  /** importFills from a REST request's raw JSON body, which the import parses off the event loop. */
  async importFillsFromJsonBody(id: string, body: Uint8Array): Promise<ApiOutput<'importFills'>> {
    return this.runImport(id, { kind: 'json-body', body });
  }

  private async runImport(id: string, source: ImportSource): Promise<ApiOutput<'importFills'>> {
    this.assertWritable();
    const account = await this.requireAccount(id);
    const result = await this.importer.importCsv(account, source);
    await this.commits.imported(account, result);
    return result;
  }

  /** The exchanges Perpvol reads, as their descriptors tell (GET /api/v1/exchanges): what the forms ask for. */
  async listExchanges(_input: ApiInput<'listExchanges'> = {}): Promise<ApiOutput<'listExchanges'>> {
    return { exchanges: this.exchanges.infos() };
  }

  /** Fee-tier standing per exchange: window, our volume over it, tiers, roll-off (GET /api/v1/tiers). */
  async tiers(_input: ApiInput<'tiers'> = {}): Promise<ApiOutput<'tiers'>> {
    return this.tierStanding.tiers();
  }

  /** What the volume cost, against your tier (GET /api/v1/costs; docs/costs.md). */
  async costs(input: ApiInput<'costs'> = {}): Promise<ApiOutput<'costs'>> {
    const query = parseInput('costs', input, this.exchanges);
    const { from, to } = this.costsService.defaultRange(query.from, query.to);
    checkRange(from, to);
    return this.costsService.costs({ from, to, groupBy: query.groupBy ?? 'exchange', kinds: kindsFromList(query.kinds) });
  }

  async listTargets(_input: ApiInput<'listTargets'> = {}): Promise<ApiOutput<'listTargets'>> {
    return this.tierStanding.listTargets();
  }

  /** Sets or (volumeUsd null) clears one exchange's volume target. */
  async setTarget(input: ApiInput<'setTarget'>): Promise<ApiOutput<'setTarget'>> {
    const parsed = parseInput('setTarget', input, this.exchanges);
    this.assertWritable();
    return this.tierStanding.setTarget(parsed);
  }

  /** Stops an import in flight (its transaction is rolled back); the core calls it when closing. */
  async close(): Promise<void> {
    await this.importer.close();
  }

  subscribe(listener: ApiEventListener): () => void {
    return this.bus.subscribe(listener);
  }

  private async requireAccount(id: string): Promise<AccountRecord> {
    const account = await this.store.accounts.get(id);
    if (!account) throw notFound('account_not_found', `There is no account with id ${id}. List accounts to see their ids.`);
    return account;
  }
}

function checkRange(from: string, to: string): void {
  for (const [name, day] of [['from', from], ['to', to]] as const) {
    if (!isDayString(day)) throw badInput('invalid_date', `${name}: ${day} is not a calendar date; use YYYY-MM-DD.`);
  }
  if (from > to) throw rangeReversed(from, to);
  if ((dayStartMs(to) - dayStartMs(from)) / MS_PER_DAY + 1 > MAX_DAILY_RANGE_DAYS) {
    throw badInput('range_too_long', `${from} to ${to} is longer than three years (${MAX_DAILY_RANGE_DAYS} days); ask for a shorter range.`);
  }
}

function rangeReversed(from: string, to: string): PerpvolError {
  return badInput('invalid_range', `from (${from}) is after to (${to}); swap them.`);
}

export function toApiFill(fill: StoredFill): ApiFill {
  return {
    id: fill.id,
    accountId: fill.accountId,
    exchange: fill.exchange,
    tradeId: fill.tradeId,
    orderId: fill.orderId,
    symbol: fill.symbol,
    side: fill.side,
    price: fill.price,
    qty: fill.qty,
    notionalUsd: microsToUsd(fill.notionalMicros),
    fee: fill.fee,
    feeCurrency: fill.feeCurrency,
    feeUsd: fill.feeMicros === null ? null : microsToUsd(fill.feeMicros),
    liquidity: fill.liquidity,
    ts: fill.ts,
    kind: fill.kind,
    underlying: fill.underlying,
  };
}
