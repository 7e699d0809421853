/**
 * The tray icon and its menu: volume today / 7d / 30d, per exchange, last sync and errors, "Sync
 * now" and "Open dashboard". It re-reads the service after every volume or account event and when
 * a sync changes state, so the menu is current when the user opens it.
 */
import type { PerpvolApi } from '../../src-shared/contract.ts';
import type { ApiEvent } from '../../src-shared/events.ts';
import type { ExchangeRegistry } from '../connectors/registry.ts';
import { tiersAtRisk } from './tier-risk.ts';
import { buildTrayBadge, buildTrayMenu, buildTrayTooltip, type TrayAction, type TrayMenuItem } from './tray-menu.ts';

/** The few calls made on Electron's Tray. */
export interface TrayHandle {
  setContextMenu(menu: unknown): void;
  setToolTip(text: string): void;
  /** Text beside the icon (macOS); other systems have none, the tooltip and menu say it there. */
  setTitle?(title: string): void;
  destroy(): void;
}

/** Electron's MenuItemConstructorOptions, the part used here. */
export interface TrayMenuTemplateItem {
  type?: 'separator' | 'normal';
  label?: string;
  enabled?: boolean;
  click?: () => void;
}

export interface TrayQuickViewDeps {
  createTray(): TrayHandle;
  /** Menu.buildFromTemplate */
  buildMenu(template: TrayMenuTemplateItem[]): unknown;
  api: Pick<PerpvolApi, 'summary' | 'listAccounts' | 'syncStatus' | 'tiers' | 'subscribe'>;
  /** app.setBadgeCount: tiers at risk on the dock / launcher icon where the system shows one. */
  setBadgeCount?(count: number): void;
  actions: Record<TrayAction, () => void>;
  now?: () => number;
  locale: string;
  /** Whose labels and order the menu names exchanges in (default: the app's registry). */
  exchanges?: ExchangeRegistry;
  /** Where a failed refresh is reported (the menu keeps its last good text). */
  onError?: (error: unknown) => void;
}

export function toMenuTemplate(items: TrayMenuItem[], actions: Record<TrayAction, () => void>): TrayMenuTemplateItem[] {
  return items.map((item) => {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'text':
        return { label: item.label, enabled: false };
      case 'action':
        return { label: item.label, enabled: item.enabled, click: actions[item.action] };
    }
  });
}

/** Whether an event changes what the tray shows (sync progress ticks do not; state changes do). */
export function eventAffectsTray(event: ApiEvent, previousSyncState: Map<string, string>): boolean {
  if (event.type !== 'sync') return true;
  const before = previousSyncState.get(event.status.accountId);
  previousSyncState.set(event.status.accountId, event.status.state);
  return before !== event.status.state;
}

export class TrayQuickView {
  private tray: TrayHandle | null = null;
  private unsubscribe: (() => void) | null = null;
  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;
  private readonly syncStates = new Map<string, string>();
  /** The last menu shown, for tests and for logging. */
  lastItems: TrayMenuItem[] = [];

  constructor(private readonly deps: TrayQuickViewDeps) {}

  start(): Promise<void> {
    this.tray = this.deps.createTray();
    this.unsubscribe = this.deps.api.subscribe((event) => {
      if (eventAffectsTray(event, this.syncStates)) void this.refresh();
    });
    return this.refresh();
  }

  /** Re-reads the service and rebuilds the menu; calls during a refresh coalesce into one more. */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.refreshAgain = false;
        await this.renderOnce();
      } while (this.refreshAgain);
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async renderOnce(): Promise<void> {
    if (!this.tray) return;
    try {
      const [summary, { accounts }, { accounts: statuses }] = await Promise.all([
        this.deps.api.summary({}),
        this.deps.api.listAccounts({}),
        this.deps.api.syncStatus({}),
      ]);
      // Tiers may ask the exchanges; if that fails the volume menu still shows.
      const tiers = await this.deps.api.tiers({}).catch((error: unknown) => {
        this.deps.onError?.(error);
        return null;
      });
      const atRisk = tiersAtRisk(tiers, this.deps.exchanges);
      const now = this.deps.now?.() ?? Date.now();
      this.lastItems = buildTrayMenu({ summary, accounts, statuses, now, locale: this.deps.locale, atRisk, ...(this.deps.exchanges ? { exchanges: this.deps.exchanges } : {}) });
      this.tray?.setContextMenu(this.deps.buildMenu(toMenuTemplate(this.lastItems, this.deps.actions)));
      this.tray?.setToolTip(buildTrayTooltip(summary, this.deps.locale, atRisk));
      this.tray?.setTitle?.(buildTrayBadge(atRisk));
      this.deps.setBadgeCount?.(atRisk.length);
    } catch (error) {
      this.deps.onError?.(error);
    }
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.tray?.destroy();
    this.tray = null;
  }
}
