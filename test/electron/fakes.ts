/** Small stand-ins for the few Electron APIs the shell uses (no Electron binary in tests). */
import { emptyCosts } from '../support/empty-costs.ts';
import type { PerpvolApi } from '../../src-shared/contract.ts';
import type { ApiEvent, ApiEventListener } from '../../src-shared/events.ts';
import type { Account, Summary, SyncStatus, VolumeWindow } from '../../src-shared/schemas.ts';
import type { Tiers } from '../../src-shared/tier-schemas.ts';
import type { IpcInvokeEventLike, IpcMainLike } from '../../src-main/electron/ipc-bridge.ts';

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: IpcInvokeEventLike, payload: unknown) => Promise<unknown>>();
  handle(channel: string, listener: (event: IpcInvokeEventLike, payload: unknown) => Promise<unknown>): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke would get back. */
  invoke(channel: string, payload: unknown, senderUrl = 'file:///app/out/renderer/index.html'): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: { url: senderUrl } }, payload);
  }
}

export const window = (volumeUsd: number, feesUsd = 0, trades = 0): VolumeWindow => ({ volumeUsd, feesUsd, trades, unpricedFees: [] });

export function summaryOf(values: { today: number; d7: number; d30: number }, byExchange: Summary['byExchange'] = {}): Summary {
  return {
    asOf: '2026-03-10T12:00:00.000Z',
    kinds: ['perpetual'],
    today: window(values.today),
    d7: window(values.d7),
    d14: window(values.d7),
    d30: window(values.d30),
    allTime: window(values.d30),
    byExchange,
    byAccount: {},
  };
}

export function accountOf(overrides: Partial<Account> = {}): Account {
  return {
    id: 'acc-1',
    exchange: 'hyperliquid',
    label: 'Main',
    baseUrl: null,
    createdAt: '2026-03-01T00:00:00.000Z',
    status: 'ok',
    lastSyncAt: null,
    lastError: null,
    warnings: [],
    notes: [],
    ...overrides,
  };
}

export function statusOf(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return { accountId: 'acc-1', state: 'idle', progress: 0, fillsStored: 0, pagesFetched: 0, syncedFrom: null, syncedTo: null, error: null, ...overrides };
}

/** A service double: records calls, answers from fields the test sets, emits events on demand. */
export class FakeService implements PerpvolApi {
  calls: { method: string; input: unknown }[] = [];
  summaryValue: Summary = summaryOf({ today: 0, d7: 0, d30: 0 });
  accounts: Account[] = [];
  statuses: SyncStatus[] = [];
  failWith: Error | null = null;
  private readonly listeners = new Set<ApiEventListener>();

  private record<T>(method: string, input: unknown, value: T): Promise<T> {
    this.calls.push({ method, input });
    return this.failWith ? Promise.reject(this.failWith) : Promise.resolve(value);
  }
  emit(event: ApiEvent): void {
    for (const listener of this.listeners) listener(event);
  }
  get listenerCount(): number {
    return this.listeners.size;
  }
  health = (input: object) => this.record('health', input, { status: 'ok' as const, version: '0.1.0' });
  listExchanges = (input: object) => this.record('listExchanges', input, { exchanges: [] });
  listAccounts = (input: object) => this.record('listAccounts', input, { accounts: this.accounts });
  addAccount = (input: Parameters<PerpvolApi['addAccount']>[0]) => this.record('addAccount', input, accountOf({ label: input.label, exchange: input.exchange }));
  getAccount = (input: { id: string }) => this.record('getAccount', input, accountOf({ id: input.id }));
  rotateCredentials = (input: { id: string }) => this.record('rotateCredentials', input, accountOf({ id: input.id }));
  removeAccount = (input: { id: string }) => this.record('removeAccount', input, { removed: input.id });
  startSync = (input: { accountIds?: string[] }) => this.record('startSync', input, { started: input.accountIds ?? [] });
  syncStatus = (input: object) => this.record('syncStatus', input, { accounts: this.statuses });
  dailyVolume = (input: Parameters<PerpvolApi['dailyVolume']>[0]) =>
    this.record('dailyVolume', input, { from: input.from, to: input.to, currency: 'USD' as const, kinds: ['perpetual' as const], total: [], series: [] });
  summary = (input: object) => this.record('summary', input, this.summaryValue);
  listFills = (input: object) => this.record('listFills', input, { fills: [], nextCursor: null });
  reconciliation = (input: object) => this.record('reconciliation', input, { accounts: [] });
  importFills = (input: object) => this.record('importFills', input, { imported: 0, duplicates: 0, skipped: 0, days: [], from: null, to: null });
  tiersValue: Tiers = { asOf: new Date(0).toISOString(), exchanges: {}, tierTableError: null };
  tiers = (input: object) => this.record('tiers', input, this.tiersValue);
  listTargets = (input: object) => this.record('listTargets', input, { targets: [] });
  setTarget = (input: Parameters<PerpvolApi['setTarget']>[0]) =>
    this.record('setTarget', input, { exchange: input.exchange, volumeUsd: input.volumeUsd, updatedAt: null });
  costs = (input: object) => this.record('costs', input, emptyCosts());
  subscribe(listener: ApiEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
