import type { NoteOf } from '../../src-shared/account-notes.ts';
import type { SyncStatus } from '../../src-shared/schemas.ts';
import { asPerpvolError, notFound, PerpvolError } from '../core/errors.ts';
import type { ExchangeId } from '../core/exchange.ts';
import type { Connector, ConnectorContext, SyncCursor, UnprovenSpan } from '../connectors/kit/connector.ts';
import { exchanges as appExchanges, type ExchangeRegistry } from '../connectors/registry.ts';
import { redactor } from '../secrets/redaction.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { AccountPatch, AccountRecord, AccountStatus, PageCommit, Store, SyncStateRecord } from '../store/store.ts';
import { credentialsFor } from './account-credentials.ts';
import { claimIdentity } from './account-identity.ts';
import { toApiAccount } from './account-view.ts';
import type { EventBus } from './event-bus.ts';
import { FillCommit } from './fill-commit.ts';
import { checkPage } from './page-check.ts';
import { selfCheckNotes } from './self-check-note.ts';
import { clamp01, maxOrNull, minOrNull, toSyncStatus, type LiveProgress } from './sync-status.ts';

export interface SyncEngineOptions {
  store: Store;
  secrets: SecretStore;
  bus: EventBus;
  /** Clock (ms epoch); injectable so tests are deterministic. */
  now?: () => number;
  /** The exchanges it syncs (default: the app's registry; tests add a made-up one). */
  exchanges?: ExchangeRegistry;
  /** Defaults to the registry's connectors; tests may hand in a fake. */
  createConnector?: (exchange: ExchangeId, context: ConnectorContext) => Connector;
  /** Throws unless this process owns the data folder (a reader, or an owner that lost its lease, never syncs). */
  assertWritable?: () => void;
  /** The one path after every write of fills (shared with live updates and imports). */
  commits?: FillCommit;
}

interface Run {
  controller: AbortController;
  done: Promise<SyncStatus>;
  live: LiveProgress;
}

/**
 * Walks each account's history through its connector and commits it page by page. Every page goes
 * to the store in ONE transaction with the cursor that follows it, so a kill at any instant loses
 * nothing and counts nothing twice; the next pass resumes from the last committed cursor. The first
 * pass (cursor null) is the backfill, later passes are incremental — the connector tells them apart
 * by the cursor alone.
 */
export class SyncEngine {
  private readonly store: Store;
  private readonly secrets: SecretStore;
  private readonly bus: EventBus;
  private readonly now: () => number;
  private readonly exchanges: ExchangeRegistry;
  private readonly makeConnector: (exchange: ExchangeId, context: ConnectorContext) => Connector;
  private readonly runs = new Map<string, Run>();
  private readonly assertWritable: () => void;
  private readonly commits: FillCommit;
  private stopped = false;

  constructor(options: SyncEngineOptions) {
    this.store = options.store;
    this.secrets = options.secrets;
    this.bus = options.bus;
    this.now = options.now ?? Date.now;
    this.exchanges = options.exchanges ?? appExchanges;
    this.makeConnector = options.createConnector ?? ((exchange, context) => this.exchanges.createConnector(exchange, context));
    this.assertWritable = options.assertWritable ?? (() => undefined);
    this.commits = options.commits ?? new FillCommit({ store: this.store, bus: this.bus, now: this.now, exchanges: this.exchanges });
  }

  /**
   * Syncs one account and resolves with its final status (state 'done' or 'error'; sync failures
   * are reported there, not thrown). Single-flight: while a pass runs, callers join it.
   */
  syncAccount(accountId: string): Promise<SyncStatus> {
    const running = this.runs.get(accountId);
    if (running) return running.done;
    if (this.stopped) return Promise.reject(stoppedError());
    try {
      this.assertWritable();
    } catch (error) {
      return Promise.reject(error);
    }
    const controller = new AbortController();
    const live: LiveProgress = { progress: 0, pagesFetched: 0, fillsStored: 0, coveredFrom: null, coveredTo: null };
    const done = this.runPass(accountId, controller.signal, live).finally(() => {
      if (this.runs.get(accountId)?.controller === controller) this.runs.delete(accountId);
    });
    this.runs.set(accountId, { controller, done, live });
    return done;
  }

  /** Syncs the given accounts (default: all) side by side; resolves when every pass has ended. */
  async syncAccounts(accountIds?: string[]): Promise<SyncStatus[]> {
    const ids = accountIds ?? (await this.store.accounts.list()).map((account) => account.id);
    return Promise.all(ids.map((id) => this.syncAccount(id)));
  }

  isRunning(accountId: string): boolean {
    return this.runs.has(accountId);
  }

  async status(accountId: string): Promise<SyncStatus> {
    const account = await this.store.accounts.get(accountId);
    if (!account) throw unknownAccount(accountId);
    return toSyncStatus(account, await this.store.syncState.get(accountId), this.runs.get(accountId)?.live ?? null);
  }

  async statuses(): Promise<SyncStatus[]> {
    const [accounts, states] = await Promise.all([this.store.accounts.list(), this.store.syncState.list()]);
    const stateById = new Map(states.map((state) => [state.accountId, state]));
    return accounts.map((account) =>
      toSyncStatus(account, stateById.get(account.id) ?? null, this.runs.get(account.id)?.live ?? null),
    );
  }

  /** Aborts one account's pass (before it is removed); its uncommitted page is abandoned. */
  async cancel(accountId: string): Promise<void> {
    const run = this.runs.get(accountId);
    if (!run) return;
    run.controller.abort(stoppedError());
    await run.done.catch(() => undefined);
  }

  /** Aborts every pass and waits until none touches the store any more (SIGTERM, app quit). */
  async stop(): Promise<void> {
    this.stopped = true;
    const runs = [...this.runs.values()];
    for (const run of runs) run.controller.abort(stoppedError());
    await Promise.allSettled(runs.map((run) => run.done));
  }

  private async runPass(accountId: string, signal: AbortSignal, live: LiveProgress): Promise<SyncStatus> {
    const account = await this.store.accounts.get(accountId);
    if (!account) throw unknownAccount(accountId);
    const before = await this.store.syncState.get(accountId);
    Object.assign(live, {
      pagesFetched: before?.pagesFetched ?? 0,
      fillsStored: before?.fillsStored ?? 0,
      coveredFrom: before?.coveredFrom ?? null,
      coveredTo: before?.coveredTo ?? null,
    });
    // What the account returns to if this pass is abandoned by a shutdown.
    const restingStatus: AccountStatus = account.status === 'syncing' ? (account.lastSyncAt ? 'ok' : 'new') : account.status;
    await this.updateAccount(accountId, { status: 'syncing' });
    this.bus.emit({ type: 'sync', status: toSyncStatus(account, before, live) });
    try {
      // One connector per pass, with the secret read for this pass only (a rotated key applies next pass).
      const connector = this.makeConnector(account.exchange, {
        baseUrl: account.baseUrl,
        credentials: await credentialsFor(account, this.secrets),
        identity: account.identity,
        facts: account.permissions,
      });
      // A key added without validation is identified first: a second copy of an account counts nothing.
      const identified = await claimIdentity(this.store, connector, account, signal);
      const { unproven } = await this.walkPages(connector, identified, before, signal, live);
      if (signal.aborted) return await this.abandon(accountId, restingStatus);
      const saved = await this.saveReportedVolume(connector, account, signal);
      const selfCheck = saved ? await this.selfCheck(account) : undefined;
      // the pass's end state and the notes its pages leave, in one update
      await this.commits.settle(accountId, { pass: { unproven, selfCheck }, patch: { status: 'ok', lastSyncAt: this.now(), lastError: null } });
    } catch (error) {
      if (signal.aborted) return await this.abandon(accountId, restingStatus);
      // An exchange may echo what it was sent; the stored error must never hold a secret.
      const lastError = redactor.redactValue(asPerpvolError(error).toJSON());
      // pages committed before the failure may have brought unclassified executions or unpriced fees
      const patch: AccountPatch = { status: 'error', lastError };
      await this.commits.settle(accountId, { patch }).catch(() => this.updateAccount(accountId, patch).catch(() => undefined));
    }
    this.runs.delete(accountId);
    const status = await this.status(accountId);
    this.bus.emit({ type: 'sync', status });
    return status;
  }

  /** Fetches and commits pages until the connector's pass ends; returns the history limit and unproven spans seen. */
  private async walkPages(
    connector: Connector,
    account: AccountRecord,
    before: SyncStateRecord | null,
    signal: AbortSignal,
    live: LiveProgress,
  ): Promise<{ unproven: UnprovenSpan[] | undefined }> {
    let cursor: SyncCursor | null = before?.cursor ?? null;
    let limitedBefore = before?.historyLimitedBefore ?? null;
    let unproven: UnprovenSpan[] | undefined;
    const backfillDone = before?.backfillDone ?? false;
    for await (const page of connector.pages(cursor, { signal, now: this.now() })) {
      // A page that arrives after shutdown began is abandoned uncommitted; the cursor stays behind it.
      if (signal.aborted) return { unproven };
      checkPage(page, account.exchange, this.now());
      live.progress = clamp01(page.progress);
      live.coveredFrom = minOrNull(live.coveredFrom, page.coveredFrom);
      live.coveredTo = maxOrNull(live.coveredTo, page.coveredTo);
      limitedBefore = page.historyLimitedBefore ?? limitedBefore;
      unproven = page.unproven ?? unproven;
      cursor = page.cursor;
      const result = await this.commits.page(account, {
        accountId: account.id,
        fills: page.fills,
        ...(page.unclassified ? { unclassified: page.unclassified } : {}),
        ...(page.bustedTradeIds ? { bustedTradeIds: page.bustedTradeIds } : {}),
        ...(page.reclassified ? { reclassified: page.reclassified } : {}),
        ...(page.historyGaps ? { historyGaps: page.historyGaps } : {}),
        state: this.stateAfter(cursor, backfillDone, live, limitedBefore, live.pagesFetched + 1),
      });
      live.pagesFetched += 1;
      live.fillsStored = result.fillsStored;
      this.bus.emit({ type: 'sync', status: toSyncStatus(account, null, live) });
    }
    if (!signal.aborted && !backfillDone) {
      live.progress = 1;
      await this.store.fills.commitPage({
        accountId: account.id,
        fills: [],
        state: this.stateAfter(cursor, true, live, limitedBefore, live.pagesFetched),
      });
    }
    return { unproven };
  }

  private stateAfter(
    cursor: SyncCursor | null,
    backfillDone: boolean,
    live: LiveProgress,
    limitedBefore: number | null,
    pagesFetched: number,
  ): PageCommit['state'] {
    return {
      cursor,
      backfillDone,
      pagesFetched,
      progress: live.progress,
      coveredFrom: live.coveredFrom,
      coveredTo: live.coveredTo,
      historyLimitedBefore: limitedBefore,
      updatedAt: this.now(),
    };
  }

  /** The exchange's own figures, kept beside ours; a failure here never fails the sync. True when this pass saved them. */
  private async saveReportedVolume(connector: Connector, account: AccountRecord, signal: AbortSignal): Promise<boolean> {
    try {
      const reported = await connector.reportedVolume?.(signal);
      if (!reported || signal.aborted) return false;
      await this.store.reportedVolume.save(
        account.id,
        reported.daily.map(({ day, volumeMicros }) => ({ day, volumeMicros })),
        reported.allTimeMicros,
        reported.asOf,
        reported.windows,
        reported.dailyLabel ?? null,
      );
      return true;
    } catch {
      // Our own numbers are complete without it; the comparison simply waits for the next sync.
      return false;
    }
  }

  /**
   * The exchange's figures just saved beside ours, under its descriptor's self-check: the notes
   * for those that differ beyond what its definition explains (undefined: no check, notes kept).
   */
  private async selfCheck(account: AccountRecord): Promise<NoteOf<'self_check'>[] | undefined> {
    const check = this.exchanges.find(account.exchange)?.selfCheck;
    if (!check) return undefined;
    try {
      const reported = await this.store.reportedVolume.get(account.id);
      return reported ? await selfCheckNotes(this.store, account, check, reported) : undefined;
    } catch {
      return undefined; // like the figures themselves: never fails the sync
    }
  }

  private async abandon(accountId: string, restingStatus: AccountStatus): Promise<SyncStatus> {
    await this.updateAccount(accountId, { status: restingStatus }).catch(() => undefined);
    this.runs.delete(accountId);
    const status = await this.status(accountId);
    this.bus.emit({ type: 'sync', status });
    return status;
  }

  private async updateAccount(accountId: string, patch: AccountPatch): Promise<void> {
    const updated = await this.store.accounts.update(accountId, patch);
    this.bus.emit({ type: 'account', change: 'updated', accountId, account: toApiAccount(updated, this.now()) });
  }
}

function unknownAccount(accountId: string): PerpvolError {
  return notFound('account_not_found', `There is no account with id ${accountId}. List accounts to see their ids.`);
}

function stoppedError(): PerpvolError {
  return new PerpvolError('internal', 'sync_stopped', 'Perpvol is shutting down; the sync will resume from where it stopped at the next start.');
}
