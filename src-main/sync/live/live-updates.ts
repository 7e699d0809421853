/**
 * Keeps every account up to the second while this process owns the data folder: one private
 * stream per account whose fills go through the one path after every write (sync/fill-commit.ts:
 * batched ≤ 100 ms, deduplicated by exchange id, rollups in the same transaction, the REST cursor
 * untouched), and the REST walker as the safety net — a pass on every (re)connect, on every gap,
 * every sync interval while live, and every 30 s while a client watches an account that has no
 * stream. Each account carries its live state (live / polling every N s / paused) and the newest
 * fill seen; an `account` event says when that changes.
 *
 * What happens to an account is decided by its state machine (live-machine.ts) and carried out by
 * its driver (live-account.ts); this supervisor only connects them to the store, the sync engine,
 * the event bus and the clients watching.
 */
import type { ApiEvent } from '../../../src-shared/events.ts';
import type { Account, LiveState } from '../../../src-shared/schemas.ts';
import type { ExchangeId } from '../../core/exchange.ts';
import type { FillStreamFactory, StreamedRows } from '../../connectors/stream/fill-stream.ts';
import { exchanges } from '../../connectors/registry.ts';
import type { StreamSessionOptions } from '../../connectors/kit/stream-session.ts';
import type { SecretStore } from '../../secrets/secret-store.ts';
import type { AccountRecord, Store } from '../../store/store.ts';
import { credentialsFor } from '../account-credentials.ts';
import { toApiAccount } from '../account-view.ts';
import type { EventBus } from '../event-bus.ts';
import { FillCommit } from '../fill-commit.ts';
import { DEFAULT_SYNC_INTERVAL_MINUTES } from '../scheduler.ts';
import { LiveAccount } from './live-account.ts';
import { initialLiveState, type LiveConfig } from './live-machine.ts';
import { reconnectDelayMs } from './reconnect-backoff.ts';

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
  connection?: StreamSessionOptions;
  random?: () => number;
  /** Replaces the reconnect back-off (tests). */
  backoffMs?: (failures: number) => number;
  /** Throws unless this process may write (it owns the data folder). */
  assertWritable?: () => void;
  onError?: (error: unknown) => void;
  /** The one path after every write of fills (shared with the sync engine and imports). */
  commits?: FillCommit;
}

export class LiveUpdates {
  private readonly tracked = new Map<string, LiveAccount>();
  private readonly now: () => number;
  private readonly config: LiveConfig;
  private readonly commits: FillCommit;
  private watchers = 0;
  private running = false;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly options: LiveUpdatesOptions) {
    this.now = options.now ?? Date.now;
    this.commits = options.commits ?? new FillCommit({ store: options.store, bus: options.bus, now: this.now });
    this.config = {
      streamsEnabled: options.streamsEnabled ?? true,
      idlePollSeconds: options.idlePollSeconds ?? DEFAULT_SYNC_INTERVAL_MINUTES * 60,
      backoffMs: options.backoffMs ?? ((failures) => reconnectDelayMs(failures, options.random)),
    };
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
    if (this.watchers === 1) this.tellAll(true);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.watchers--;
      if (this.watchers === 0) this.tellAll(false);
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
    const live = this.tracked.get(accountId);
    if (!live) return this.accountAdded(accountId);
    live.dispatch({ type: 'key_replaced' });
  }

  liveState(accountId: string): LiveState | null {
    return this.tracked.get(accountId)?.liveState ?? null;
  }

  /** The account as the API shows it, with its live state while this process keeps it live. */
  decorate(account: Account): Account {
    const live = this.liveState(account.id);
    return live ? { ...account, live } : account;
  }

  private async track(record: AccountRecord): Promise<void> {
    const accountId = record.id;
    const initial = initialLiveState({
      now: this.now(),
      account: { status: record.status, error: record.lastError?.message ?? null },
      lastPassEndedAt: record.lastSyncAt ?? 0,
      lastFillTs: await this.newestFillTs(accountId),
      hasSyncState: (await this.options.store.syncState.get(accountId)) !== null,
      watched: this.watchers > 0,
    });
    if (!this.running || this.tracked.has(accountId)) return;
    const live: LiveAccount = new LiveAccount({
      config: this.config,
      initial,
      prepare: (signal) => this.prepare(record, signal),
      write: (rows) => this.write(record, rows),
      runPass: () => this.runPass(live, accountId),
      publish: (state) => this.publish(live, accountId, state),
      onError: (error) => this.options.onError?.(error),
      ...(this.options.now ? { now: this.options.now } : {}),
      ...(this.options.connection ? { connection: this.options.connection } : {}),
    });
    this.tracked.set(accountId, live);
    live.start();
  }

  private async untrack(accountId: string): Promise<void> {
    const live = this.tracked.get(accountId);
    if (!live) return;
    this.tracked.delete(accountId);
    // what the stream delivered is written; its socket ends with a close handshake, not a cut
    await live.stop();
  }

  private async prepare(record: AccountRecord, signal: AbortSignal) {
    const account = (await this.options.store.accounts.get(record.id)) ?? record;
    const factory = (this.options.streamFactory ?? exchanges.fillStreamFactory)(account.exchange);
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

  /** Streamed rows go through the one path after every write; answers the newest fill among them. */
  private async write(record: AccountRecord, rows: StreamedRows): Promise<number | null> {
    this.options.assertWritable?.();
    await this.commits.streamed(record, rows);
    return rows.fills.reduce<number | null>((max, fill) => (max === null || fill.ts > max ? fill.ts : max), null);
  }

  private runPass(live: LiveAccount, accountId: string): 'started' | 'busy' | 'ignored' {
    if (!this.running || this.tracked.get(accountId) !== live) return 'ignored';
    if (this.options.engine.isRunning(accountId)) return 'busy';
    this.options.engine.syncAccount(accountId).catch((error: unknown) => this.options.onError?.(error));
    return 'started';
  }

  private onEvent(event: ApiEvent): void {
    const id = event.type === 'sync' ? event.status.accountId : event.accountId;
    const live = this.tracked.get(id);
    if (!live) return;
    if (event.type === 'volume') {
      void this.afterVolume(live, id);
    } else if (event.type === 'sync' && (event.status.state === 'done' || event.status.state === 'error')) {
      void this.afterPass(live, id);
    } else if (event.type === 'sync' && !live.machine.hasSyncState && event.status.pagesFetched > 0) {
      void this.lookForSyncState(live, id);
    }
  }

  private async afterPass(live: LiveAccount, accountId: string): Promise<void> {
    const account = await this.options.store.accounts.get(accountId).catch(() => null);
    if (this.tracked.get(accountId) !== live) return;
    await this.lookForSyncState(live, accountId);
    const machine = live.machine.account;
    live.dispatch({ type: 'pass_ended', account: account ? { status: account.status, error: account.lastError?.message ?? null } : machine });
  }

  private async afterVolume(live: LiveAccount, accountId: string): Promise<void> {
    const newest = await this.newestFillTs(accountId);
    if (newest !== null && this.tracked.get(accountId) === live) live.dispatch({ type: 'fill_seen', ts: newest });
  }

  /** An account's first streamed rows wait for its first REST page (its sync state). */
  private async lookForSyncState(live: LiveAccount, accountId: string): Promise<void> {
    if (live.machine.hasSyncState) return;
    const state = await this.options.store.syncState.get(accountId).catch(() => null);
    if (state !== null && this.tracked.get(accountId) === live) live.dispatch({ type: 'sync_state_seen' });
  }

  private async newestFillTs(accountId: string): Promise<number | null> {
    const page = await this.options.store.fills.list({ accountId, limit: 1 }).catch(() => null);
    return page?.fills[0]?.ts ?? null;
  }

  private tellAll(watched: boolean): void {
    for (const live of this.tracked.values()) live.dispatch({ type: 'watched', watched });
  }

  /** Emits an `account` event with the live state the machine published. */
  private publish(live: LiveAccount, accountId: string, state: LiveState): void {
    if (!this.running || this.tracked.get(accountId) !== live) return;
    void this.options.store.accounts
      .get(accountId)
      .then((account) => {
        if (account && this.tracked.get(account.id) === live) {
          this.options.bus.emit({ type: 'account', change: 'updated', accountId: account.id, account: { ...toApiAccount(account, this.now()), live: state } });
        }
      })
      .catch((error: unknown) => this.options.onError?.(error));
  }
}
