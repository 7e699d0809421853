/**
 * The one path after every write of fills. Fills arrive three ways — a sync page, a batch of
 * streamed rows, an imported file — and each is written through the store's page writer (one
 * transaction: new fills only, rollups, and for a sync page its cursor), then comes here: one
 * `volume` event when the counted volume changed (the dashboards, the tray and fee-tier standing,
 * which is computed from the rollups on read, follow it), and the account's notes recomputed from
 * the store (account-notes.ts), with one `account` event when they changed.
 */
import type { ImportFillsResult } from '../../src-shared/schemas.ts';
import type { ExchangeRegistry } from '../connectors/registry.ts';
import type { StreamedRows } from '../connectors/stream/fill-stream.ts';
import type { AccountPatch, AccountRecord, PageCommit, PageCommitResult, Store } from '../store/store.ts';
import { notesAfterWrite, sameNotes, type PassFacts } from './account-notes.ts';
import { toApiAccount } from './account-view.ts';
import type { EventBus } from './event-bus.ts';

export interface FillCommitOptions {
  store: Store;
  bus: EventBus;
  now?: () => number;
  /** Whose descriptors the notes follow (default: the app's registry; tests add a made-up exchange). */
  exchanges?: ExchangeRegistry;
}

/** What a write changed, whichever path made it. */
export interface WriteOutcome {
  inserted: number;
  busted: number;
  reclassified: number;
  days: string[];
}

type Writer = Pick<AccountRecord, 'id' | 'exchange'>;

export class FillCommit {
  private readonly store: Store;
  private readonly bus: EventBus;
  private readonly now: () => number;
  private readonly exchanges: ExchangeRegistry | undefined;

  constructor(options: FillCommitOptions) {
    this.store = options.store;
    this.bus = options.bus;
    this.now = options.now ?? Date.now;
    this.exchanges = options.exchanges;
  }

  /**
   * One sync page with the cursor that follows it. Notes wait for the pass's end (`settle` with its
   * facts): a backfill of a thousand pages recomputes them once, not a thousand times.
   */
  async page(account: Writer, commit: PageCommit): Promise<PageCommitResult> {
    const result = await this.store.fills.commitPage(commit);
    this.written(account, result);
    return result;
  }

  /** Streamed rows: insert-new-only by exchange id, busts applied, the REST cursor untouched. */
  async streamed(account: Writer, { fills, unclassified, bustedTradeIds }: StreamedRows): Promise<PageCommitResult> {
    const result = await this.store.fills.importFills(account.id, fills, {
      ...(unclassified.length > 0 ? { unclassified } : {}),
      ...(bustedTradeIds.length > 0 ? { bustedTradeIds } : {}),
    });
    this.written(account, result);
    await this.settle(account.id);
    return result;
  }

  /**
   * A CSV import, written in its own transaction (in the import worker): a file spanning a gap the
   * exchange no longer serves fills that gap.
   */
  async imported(account: Writer, result: ImportFillsResult): Promise<void> {
    this.written(account, { inserted: result.imported, busted: 0, reclassified: 0, days: result.days });
    if (result.from !== null && result.to !== null) await this.store.syncState.resolveHistoryGaps(account.id, Date.parse(result.from), Date.parse(result.to));
    await this.settle(account.id);
  }

  /**
   * Recomputes the account's notes from the store and writes them with `patch` (a sync pass's end
   * state) in one update; emits `account` when anything changed. Null when the account is gone.
   */
  async settle(accountId: string, options: { pass?: PassFacts; patch?: AccountPatch } = {}): Promise<AccountRecord | null> {
    const account = await this.store.accounts.get(accountId);
    if (!account) return null;
    const notes = await notesAfterWrite(this.store, account, options.pass, this.exchanges);
    const patch: AccountPatch = { ...options.patch };
    if (!sameNotes(notes, account.warnings)) patch.warnings = notes;
    if (Object.keys(patch).length === 0) return account;
    const updated = await this.store.accounts.update(accountId, patch);
    this.bus.emit({ type: 'account', change: 'updated', accountId, account: toApiAccount(updated, this.now()) });
    return updated;
  }

  private written(account: Writer, outcome: WriteOutcome): void {
    if (outcome.inserted > 0 || outcome.busted > 0 || outcome.reclassified > 0) {
      this.bus.emit({ type: 'volume', accountId: account.id, exchange: account.exchange, fillsInserted: outcome.inserted, days: outcome.days });
    }
  }
}
