/**
 * An in-memory PerpvolApi for tests of the REST layer alone (error shapes, SSE bookkeeping):
 * it behaves like the service at the contract's edge and counts its event listeners.
 */
import { emptyCosts } from '../support/empty-costs.ts';
import type { PerpvolApi } from '../../src-shared/contract.ts';
import type { ApiEvent, ApiEventListener } from '../../src-shared/events.ts';
import type { Account, ApiFill, DayVolume } from '../../src-shared/schemas.ts';
import { PerpvolError, notFound } from '../../src-main/core/errors.ts';
import { daysBetween } from '../../src-main/core/days.ts';

export const REJECTED_SECRET = 'rejected-secret-value-123';

export class FakeApi implements PerpvolApi {
  readonly listeners = new Set<ApiEventListener>();
  readonly accounts = new Map<string, Account>();
  fills: ApiFill[] = [];
  private nextId = 1;

  emit(event: ApiEvent): void {
    for (const listener of this.listeners) listener(event);
  }
  subscribe(listener: ApiEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  async health() {
    return { status: 'ok' as const, version: '0.1.0' };
  }
  async listExchanges() {
    return { exchanges: [] };
  }
  async listAccounts() {
    return { accounts: [...this.accounts.values()] };
  }
  async addAccount(input: Parameters<PerpvolApi['addAccount']>[0]) {
    if ([...this.accounts.values()].some((a) => a.label === input.label)) {
      throw new PerpvolError('conflict', 'duplicate_account', 'this account is already added');
    }
    if (input.validate !== false && input.credentials.apiSecret === REJECTED_SECRET) {
      // Deliberately careless: a real exchange error might quote what it was sent.
      throw new PerpvolError('credentials_rejected', 'invalid_api_key', `the exchange rejected key ${input.credentials.apiSecret}`);
    }
    const account: Account = {
      id: `acc_${this.nextId++}`, exchange: input.exchange, label: input.label, baseUrl: input.baseUrl ?? null,
      createdAt: new Date(0).toISOString(), status: 'new', lastSyncAt: null, lastError: null, warnings: [], notes: [],
    };
    this.accounts.set(account.id, account);
    this.emit({ type: 'account', change: 'added', accountId: account.id, account });
    return account;
  }
  async getAccount({ id }: { id: string }) {
    const account = this.accounts.get(id);
    if (!account) throw notFound('account_not_found', `no account ${id}`);
    return account;
  }
  async rotateCredentials({ id }: { id: string; credentials: Record<string, string> }) {
    return this.getAccount({ id });
  }
  async removeAccount({ id }: { id: string; purge?: boolean }) {
    if (!this.accounts.delete(id)) throw notFound('account_not_found', `no account ${id}`);
    return { removed: id };
  }
  async startSync({ accountIds }: { accountIds?: string[] }) {
    return { started: accountIds ?? [...this.accounts.keys()] };
  }
  async syncStatus() {
    return { accounts: [] };
  }
  async dailyVolume(query: Parameters<PerpvolApi['dailyVolume']>[0]) {
    const zero = (date: string): DayVolume => ({ date, volumeUsd: 0.1 + 0.2, makerVolumeUsd: 0, takerVolumeUsd: 0.3, feesUsd: -0.000001, trades: 1 });
    const days = daysBetween(query.from, query.to).map(zero);
    const kinds = query.kinds === 'perpetual,dated_future' ? (['perpetual', 'dated_future'] as const) : (['perpetual'] as const);
    return { from: query.from, to: query.to, currency: 'USD' as const, kinds: [...kinds], total: days, series: query.groupBy ? [{ key: 'bybit', label: 'Bybit', days }] : [] };
  }
  async summary() {
    const w = { volumeUsd: 0, feesUsd: 0, trades: 0, unpricedFees: [] };
    return { asOf: new Date(0).toISOString(), kinds: ['perpetual' as const], today: w, d7: w, d14: w, d30: w, allTime: w, byExchange: {}, byAccount: {} };
  }
  async listFills(query: Parameters<PerpvolApi['listFills']>[0]) {
    const start = query.cursor ? Number(query.cursor) : 0;
    const limit = Number(query.limit ?? 200);
    const fills = this.fills.slice(start, start + limit);
    return { fills, nextCursor: start + limit < this.fills.length ? String(start + limit) : null };
  }
  async reconciliation() {
    return { accounts: [] };
  }
  async importFills(input: Parameters<PerpvolApi['importFills']>[0]) {
    return { imported: input.csv.split('\n').length - 1, duplicates: 0, skipped: 0, days: [], from: null, to: null };
  }
  async tiers() {
    return { asOf: new Date(0).toISOString(), exchanges: {}, tierTableError: null };
  }
  async listTargets() {
    return { targets: [] };
  }
  async setTarget(input: Parameters<PerpvolApi['setTarget']>[0]) {
    return { exchange: input.exchange, volumeUsd: input.volumeUsd, updatedAt: null };
  }
  async costs() {
    return emptyCosts();
  }
}
