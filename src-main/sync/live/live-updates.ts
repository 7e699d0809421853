/**
 * Keeps every account up to the second while this process owns the data folder: one private
 * stream per account (account-stream.ts) whose fills go through the same store path as REST pages
 * (batched ≤ 100 ms, deduplicated by exchange id, rollups in the same transaction, the REST cursor
 * untouched), and the REST walker as the safety net — a pass on every (re)connect, on every gap,
 * every sync interval while live, and every 30 s while a client watches an account that has no
 * stream. Each account carries its live state (live / polling every N s / paused) and the newest
 * fill seen; an `account` event says when that changes.
 */
import type { ApiEvent } from '../../../src-shared/events.ts';
import type { Account, LiveState } from '../../../src-shared/schemas.ts';
import type { ExchangeId } from '../../core/exchange.ts';
import { noStreamedRows, type FillStreamFactory, type StreamedRows } from '../../connectors/stream/fill-stream.ts';
import { fillStreamFactory } from '../../connectors/registry.ts';
import type { StreamConnectionOptions } from '../../connectors/stream/ws-connection.ts';
import type { SecretStore } from '../../secrets/secret-store.ts';
import type { AccountRecord, Store } from '../../store/store.ts';
import { credentialsFor } from '../account-credentials.ts';
import { toApiAccount } from '../account-view.ts';
import { countingWarnings, withCountingWarnings } from '../counting-warnings.ts';
import type { EventBus } from '../event-bus.ts';
import { DEFAULT_SYNC_INTERVAL_MINUTES } from '../scheduler.ts';
import { AccountStream, type StreamCondition } from './account-stream.ts';
import { FillBatcher } from './fill-batcher.ts';
import { liveStateOf, pollSecondsFor, sameLiveState } from './live-state.ts';

/** What live updates need of the sync engine: start (or join) an incremental REST pass. */
export interface PassRunner {
  syncAccount(accountId: string): Promise<unknown>;
  isRunning(accountId: string): boolean;
}

export interface LiveUpdatesOptions {
  store: Store;
  secrets: SecretStore;
  bus: EventBus;
  engine: PassRunner;
  now?: () => number;
  /** false = REST polling only (PERPVOL_STREAMS=off, or a face that wants no sockets). */
  streamsEnabled?: boolean;
  /** The scheduler's interval: REST passes while live, and polling while nobody watches. */
  idlePollSeconds?: number;
  /** Defaults to the stream registry; tests hand in their own. */
  streamFactory?: (exchange: ExchangeId) => FillStreamFactory;
  connection?: StreamConnectionOptions;
  random?: () => number;
  /** Replaces the reconnect back-off (tests). */
  backoffMs?: (failures: number) => number;
  /** Throws unless this process may write (it owns the data folder). */
  assertWritable?: () => void;
  onError?: (error: unknown) => void;
}

interface Tracked {
  account: AccountRecord;
  stream: AccountStream | null;
  batcher: FillBatcher;
  condition: StreamCondition;
  /** Streamed fills held until the account's first REST page exists (its sync state), see commit. */
  early: StreamedRows;
  hasSyncState: boolean;
  passWanted: boolean;
  lastPassEndedAt: number;
  lastFillTs: number | null;
  pollTimer: NodeJS.Timeout | null;
  published: LiveState | null;
  since: number;
}

export class LiveUpdates {
  private readonly tracked = new Map<string, Tracked>();
  private readonly now: () => number;
  private readonly idlePollSeconds: number;
  private readonly streamsEnabled: boolean;
  private watchers = 0;
  private running = false;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly options: LiveUpdatesOptions) {
    this.now = options.now ?? Date.now;
    this.idlePollSeconds = options.idlePollSeconds ?? DEFAULT_SYNC_INTERVAL_MINUTES * 60;
    this.streamsEnabled = options.streamsEnabled ?? true;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Opens every account's stream (and its safety-net polling). */
  async start(): Promise<void> {
    if (this.running) return;
    this.options.assertWritable?.();
    this.running = true;
    this.unsubscribe = this.options.bus.subscribe((event) => this.onEvent(event));
    for (const account of await this.options.store.accounts.list()) await this.track(account);
  }

  /** Closes every stream and timer; streamed fills already received are written first. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    await Promise.allSettled([...this.tracked.keys()].map((id) => this.untrack(id)));
  }

  /** A client (SSE, the window, the tray menu) is looking; returns its release. */
  watch(): () => void {
    this.watchers++;
    if (this.watchers === 1) this.refreshAll();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.watchers--;
      if (this.watchers === 0) this.refreshAll();
    };
  }

  get watcherCount(): number {
    return this.watchers;
  }

  async accountAdded(accountId: string): Promise<void> {
    if (!this.running || this.tracked.has(accountId)) return;
    const account = await this.options.store.accounts.get(accountId);
    if (account && this.running) await this.track(account);
  }

  /** Before an account is removed: its stream closes and what it streamed is written. */
  async accountRemoved(accountId: string): Promise<void> {
    await this.untrack(accountId);
  }

  /** The key was replaced: reconnect with the new one (the old one may be revoked already). */
  async credentialsChanged(accountId: string): Promise<void> {
    const tracked = this.tracked.get(accountId);
    if (!tracked) return this.accountAdded(accountId);
    const account = await this.options.store.accounts.get(accountId);
    if (account) tracked.account = account;
    tracked.stream?.restart();
  }

  liveState(accountId: string): LiveState | null {
    const tracked = this.tracked.get(accountId);
    return tracked ? this.stateOf(tracked) : null;
  }

  /** The account as the API shows it, with its live state while this process keeps it live. */
  decorate(account: Account): Account {
    const live = this.liveState(account.id);
    return live ? { ...account, live } : account;
  }

  private async track(account: AccountRecord): Promise<void> {
    const now = this.now();
    const tracked: Tracked = {
      account,
      stream: null,
      batcher: new FillBatcher((rows) => this.commit(tracked, rows), (error) => this.options.onError?.(error)),
      condition: this.streamsEnabled ? { state: 'connecting' } : { state: 'down', reason: 'live streams are turned off', retryAt: now, refusedForGood: null },
      early: noStreamedRows(),
      hasSyncState: (await this.options.store.syncState.get(account.id)) !== null,
      passWanted: false,
      lastPassEndedAt: account.lastSyncAt ?? 0,
      lastFillTs: await this.newestFillTs(account.id),
      pollTimer: null,
      published: null,
      since: now,
    };
    if (!this.running || this.tracked.has(account.id)) return;
    this.tracked.set(account.id, tracked);
    if (this.streamsEnabled) {
      tracked.stream = new AccountStream({
        prepare: (signal) => this.prepare(tracked, signal),
        onFills: (rows) => this.received(tracked, rows),
        onCondition: (condition) => this.conditionChanged(tracked, condition),
        requestPass: () => this.requestPass(tracked),
        ...(this.options.now ? { now: this.options.now } : {}),
        ...(this.options.random ? { random: this.options.random } : {}),
        ...(this.options.backoffMs ? { backoffMs: this.options.backoffMs } : {}),
        ...(this.options.connection ? { connection: this.options.connection } : {}),
      });
      tracked.stream.start();
    }
    this.schedulePoll(tracked);
    this.publish(tracked);
  }

  private async untrack(accountId: string): Promise<void> {
    const tracked = this.tracked.get(accountId);
    if (!tracked) return;
    this.tracked.delete(accountId);
    if (tracked.pollTimer) clearTimeout(tracked.pollTimer);
    tracked.pollTimer = null;
    // what the stream delivered is written; its socket ends with a close handshake, not a cut
    await Promise.all([tracked.stream?.stop(), tracked.batcher.close()]);
  }

  private async prepare(tracked: Tracked, signal: AbortSignal) {
    const account = (await this.options.store.accounts.get(tracked.account.id)) ?? tracked.account;
    const factory = (this.options.streamFactory ?? fillStreamFactory)(account.exchange);
    return factory(
      {
        baseUrl: account.baseUrl,
        streamUrl: account.streamUrl,
        credentials: await credentialsFor(account, this.options.secrets),
        identity: account.identity,
        permissions: account.permissions,
      },
      signal,
    );
  }

  private received(tracked: Tracked, rows: StreamedRows): void {
    if (this.tracked.get(tracked.account.id) !== tracked) return;
    if (tracked.hasSyncState) return tracked.batcher.add(rows);
    tracked.early.fills.push(...rows.fills);
    tracked.early.unclassified.push(...rows.unclassified);
    tracked.early.bustedTradeIds.push(...rows.bustedTradeIds);
  }

  /**
   * Streamed fills go to the store exactly as a CSV import does: insert-new-only by exchange id
   * (and by an earlier id scheme's id), rollups in the same transaction, executions the connector
   * could not classify kept aside and busts applied as a REST page's are, the REST cursor left where it is (the
   * walker stays the source of truth: it finds anything the stream missed, and only its pages move
   * a stored fill to another kind or asset). An account's first fills wait for its
   * first REST page, which creates its sync state, so the stored-fills counter stays exact.
   */
  private async commit(tracked: Tracked, { fills, unclassified, bustedTradeIds }: StreamedRows): Promise<void> {
    this.options.assertWritable?.();
    const { account } = tracked;
    const result = await this.options.store.fills.importFills(account.id, fills, {
      ...(unclassified.length > 0 ? { unclassified } : {}),
      ...(bustedTradeIds.length > 0 ? { bustedTradeIds } : {}),
    });
    if (result.inserted > 0 || result.busted > 0) {
      this.options.bus.emit({ type: 'volume', accountId: account.id, exchange: account.exchange, fillsInserted: result.inserted, days: result.days });
    }
    if (result.unclassified > 0 || fills.some((fill) => fill.feeMicros === null)) await this.refreshWarnings(tracked);
    const newest = fills.reduce<number | null>((max, fill) => (max === null || fill.ts > max ? fill.ts : max), tracked.lastFillTs);
    if (newest !== tracked.lastFillTs) {
      tracked.lastFillTs = newest;
      this.publish(tracked);
    }
  }

  private async refreshWarnings(tracked: Tracked): Promise<void> {
    const account = await this.options.store.accounts.get(tracked.account.id);
    if (!account) return;
    const warnings = withCountingWarnings(account.warnings, await countingWarnings(this.options.store, account.id));
    if (warnings.join('\n') === account.warnings.join('\n')) return;
    tracked.account = await this.options.store.accounts.update(account.id, { warnings });
    this.options.bus.emit({ type: 'account', change: 'updated', accountId: account.id, account: this.decorate(toApiAccount(tracked.account, this.now())) });
  }

  private conditionChanged(tracked: Tracked, condition: StreamCondition): void {
    if (this.tracked.get(tracked.account.id) !== tracked && condition.state !== 'stopped') return;
    if (condition.state !== tracked.condition.state) tracked.since = this.now();
    tracked.condition = condition;
    this.schedulePoll(tracked);
    this.publish(tracked);
  }

  /** Runs an incremental pass now; one asked for during a pass runs right after it (it may have started too early). */
  private requestPass(tracked: Tracked): void {
    if (!this.running || this.tracked.get(tracked.account.id) !== tracked) return;
    if (this.options.engine.isRunning(tracked.account.id)) {
      tracked.passWanted = true;
      return;
    }
    tracked.passWanted = false;
    this.options.engine.syncAccount(tracked.account.id).catch((error: unknown) => this.options.onError?.(error));
  }

  private onEvent(event: ApiEvent): void {
    const id = event.type === 'sync' ? event.status.accountId : event.accountId;
    const tracked = this.tracked.get(id);
    if (!tracked) return;
    if (event.type === 'volume') {
      void this.afterVolume(tracked);
    } else if (event.type === 'sync' && (event.status.state === 'done' || event.status.state === 'error')) {
      void this.afterPass(tracked);
    } else if (event.type === 'sync' && !tracked.hasSyncState && event.status.pagesFetched > 0) {
      void this.releaseEarlyFills(tracked);
    }
  }

  private async afterPass(tracked: Tracked): Promise<void> {
    tracked.lastPassEndedAt = this.now();
    const account = await this.options.store.accounts.get(tracked.account.id).catch(() => null);
    if (this.tracked.get(tracked.account.id) !== tracked) return;
    if (account) tracked.account = account;
    await this.releaseEarlyFills(tracked);
    if (tracked.passWanted) this.requestPass(tracked);
    this.schedulePoll(tracked);
    this.publish(tracked);
  }

  private async afterVolume(tracked: Tracked): Promise<void> {
    const newest = await this.newestFillTs(tracked.account.id);
    if (newest !== null && (tracked.lastFillTs === null || newest > tracked.lastFillTs)) {
      tracked.lastFillTs = newest;
      this.publish(tracked);
    }
  }

  private async releaseEarlyFills(tracked: Tracked): Promise<void> {
    if (tracked.hasSyncState) return;
    tracked.hasSyncState = (await this.options.store.syncState.get(tracked.account.id).catch(() => null)) !== null;
    if (!tracked.hasSyncState) return;
    const early = tracked.early;
    tracked.early = noStreamedRows();
    tracked.batcher.add(early);
  }

  private async newestFillTs(accountId: string): Promise<number | null> {
    const page = await this.options.store.fills.list({ accountId, limit: 1 }).catch(() => null);
    return page?.fills[0]?.ts ?? null;
  }

  /** The next REST pass: due `pollSeconds` after the last one ended, whoever ran it. */
  private schedulePoll(tracked: Tracked): void {
    if (tracked.pollTimer) clearTimeout(tracked.pollTimer);
    tracked.pollTimer = null;
    if (!this.running || this.tracked.get(tracked.account.id) !== tracked) return;
    if (this.stateOf(tracked).state === 'paused') return;
    const intervalMs = pollSecondsFor({ condition: tracked.condition, watched: this.watchers > 0, idlePollSeconds: this.idlePollSeconds }) * 1000;
    const dueIn = Math.max(0, tracked.lastPassEndedAt + intervalMs - this.now());
    tracked.pollTimer = setTimeout(() => {
      tracked.pollTimer = null;
      this.requestPass(tracked);
    }, dueIn);
    tracked.pollTimer.unref();
  }

  private refreshAll(): void {
    for (const tracked of this.tracked.values()) {
      this.schedulePoll(tracked);
      this.publish(tracked);
    }
  }

  private stateOf(tracked: Tracked): LiveState {
    return liveStateOf(
      {
        condition: tracked.condition,
        streamsEnabled: this.streamsEnabled,
        watched: this.watchers > 0,
        idlePollSeconds: this.idlePollSeconds,
        accountStatus: tracked.account.status,
        accountError: tracked.account.lastError?.message ?? null,
        lastFillTs: tracked.lastFillTs,
        now: this.now(),
      },
      tracked.since,
    );
  }

  /** Emits an `account` event when what a person sees of the live state changed. */
  private publish(tracked: Tracked): void {
    if (!this.running || this.tracked.get(tracked.account.id) !== tracked) return;
    const state = this.stateOf(tracked);
    if (sameLiveState(tracked.published, state)) return;
    tracked.published = state;
    void this.options.store.accounts
      .get(tracked.account.id)
      .then((account) => {
        if (account && this.tracked.get(account.id) === tracked) {
          this.options.bus.emit({ type: 'account', change: 'updated', accountId: account.id, account: { ...toApiAccount(account, this.now()), live: state } });
        }
      })
      .catch((error: unknown) => this.options.onError?.(error));
  }
}
