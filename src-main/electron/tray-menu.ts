/**
 * The tray quick view's text, built from the API's own shapes. Pure: no Electron, no clock, no
 * locale lookups of its own, so what the tray says is unit-tested to the letter.
 */
import { exchanges as appExchanges, type ExchangeRegistry } from '../connectors/registry.ts';
import type { Account, Summary, SyncStatus } from '../../src-shared/schemas.ts';
import { riskLine, type TierAtRisk } from './tier-risk.ts';

export type TrayAction = 'sync' | 'open' | 'quit';

export type TrayMenuItem =
  | { kind: 'text'; label: string }
  | { kind: 'separator' }
  | { kind: 'action'; label: string; action: TrayAction; enabled: boolean };

export interface TrayMenuInput {
  summary: Summary | null;
  accounts: Account[];
  statuses: SyncStatus[];
  /** ms epoch, for "5 min ago". */
  now: number;
  /** BCP 47 locale for number formatting, e.g. 'en-US'. */
  locale: string;
  /** Fee tiers that roll-off takes away within 48 hours without trades. */
  atRisk?: TierAtRisk[];
  /** Whose labels and order the exchanges are named in (default: the app's registry). */
  exchanges?: ExchangeRegistry;
}

/** How many account errors the menu lists before "and N more" (a menu is not a log). */
export const MAX_ERRORS_SHOWN = 3;

export function formatUsdCompact(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'USD',
    notation: Math.abs(value) >= 100_000 ? 'compact' : 'standard',
    minimumFractionDigits: 0,
    maximumFractionDigits: Math.abs(value) >= 100_000 ? 2 : 0,
  }).format(value);
}

export function formatAgo(thenMs: number, nowMs: number): string {
  const seconds = Math.max(0, Math.round((nowMs - thenMs) / 1000));
  if (seconds < 60) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

function lastSyncLine(accounts: Account[], now: number): string {
  const times = accounts.map((a) => (a.lastSyncAt ? Date.parse(a.lastSyncAt) : NaN)).filter((t) => !Number.isNaN(t));
  if (times.length === 0) return accounts.length === 0 ? 'No accounts yet' : 'Not synced yet';
  return `Last sync: ${formatAgo(Math.max(...times), now)}`;
}

/** "Bybit main: live", "WOO X: polling every 30 s" — how each account keeps up right now. */
export function liveLines(accounts: Account[], exchanges: ExchangeRegistry = appExchanges): string[] {
  return accounts.flatMap((account) => {
    const live = account.live;
    if (!live) return [];
    const how = live.state === 'live' ? 'live' : live.state === 'polling' ? `polling every ${live.pollSeconds ?? '?'} s` : 'paused';
    return [`${account.label} (${exchanges.label(account.exchange)}): ${how}`];
  });
}

function errorLines(accounts: Account[], statuses: SyncStatus[], exchanges: ExchangeRegistry): string[] {
  const statusById = new Map(statuses.map((s) => [s.accountId, s]));
  const failing = accounts
    .map((account) => ({ account, error: statusById.get(account.id)?.error ?? account.lastError }))
    .filter((entry) => entry.error !== null);
  const lines = failing
    .slice(0, MAX_ERRORS_SHOWN)
    .map(({ account, error }) => `⚠ ${account.label} (${exchanges.label(account.exchange)}): ${error?.message ?? ''}`);
  if (failing.length > MAX_ERRORS_SHOWN) lines.push(`⚠ and ${failing.length - MAX_ERRORS_SHOWN} more — open the dashboard`);
  return lines;
}

/** `ids` in the order the registry lists its exchanges; ids it does not hold after them, sorted. */
export function inRegistryOrder<T extends string>(ids: readonly T[], exchanges: ExchangeRegistry): T[] {
  const order = exchanges.ids() as readonly string[];
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  return [...ids].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export function buildTrayMenu(input: TrayMenuInput): TrayMenuItem[] {
  const { summary, accounts, statuses, now, locale, exchanges = appExchanges } = input;
  const usd = (value: number) => formatUsdCompact(value, locale);
  const items: TrayMenuItem[] = [];
  if (summary) {
    items.push({ kind: 'text', label: `Today ${usd(summary.today.volumeUsd)}` });
    items.push({ kind: 'text', label: `7 days ${usd(summary.d7.volumeUsd)}` });
    items.push({ kind: 'text', label: `30 days ${usd(summary.d30.volumeUsd)}` });
    const perExchange = inRegistryOrder(Object.keys(summary.byExchange) as (keyof Summary['byExchange'])[], exchanges).flatMap((id) => {
      const windows = summary.byExchange[id];
      if (!windows) return [];
      return [
        `${exchanges.label(id)}: ${usd(windows.today.volumeUsd)} · 7d ${usd(windows.d7.volumeUsd)} · 30d ${usd(windows.d30.volumeUsd)}`,
      ];
    });
    if (perExchange.length > 0) {
      items.push({ kind: 'separator' });
      for (const label of perExchange) items.push({ kind: 'text', label });
    }
  } else {
    items.push({ kind: 'text', label: 'Volume not loaded yet' });
  }
  if (input.atRisk && input.atRisk.length > 0) {
    items.push({ kind: 'separator' });
    for (const risk of input.atRisk) items.push({ kind: 'text', label: riskLine(risk, locale) });
  }
  items.push({ kind: 'separator' });
  const running = statuses.some((s) => s.state === 'running');
  items.push({ kind: 'text', label: running ? 'Syncing…' : lastSyncLine(accounts, now) });
  for (const label of liveLines(accounts, exchanges)) items.push({ kind: 'text', label });
  for (const label of errorLines(accounts, statuses, exchanges)) items.push({ kind: 'text', label });
  items.push({ kind: 'separator' });
  items.push({ kind: 'action', label: 'Sync now', action: 'sync', enabled: accounts.length > 0 && !running });
  items.push({ kind: 'action', label: 'Open dashboard', action: 'open', enabled: true });
  items.push({ kind: 'action', label: 'Quit Perpvol', action: 'quit', enabled: true });
  return items;
}

/** The tray icon's hover text: one line, today's and 30 days' volume, and tiers at risk. */
export function buildTrayTooltip(summary: Summary | null, locale: string, atRisk: TierAtRisk[] = []): string {
  const risk = atRisk.length === 0 ? '' : ` — ⚠ ${atRisk.length === 1 ? '1 fee tier' : `${atRisk.length} fee tiers`} at risk`;
  if (!summary) return `Perpvol${risk}`;
  return `Perpvol — today ${formatUsdCompact(summary.today.volumeUsd, locale)}, 30 days ${formatUsdCompact(summary.d30.volumeUsd, locale)}${risk}`;
}

/** The badge beside the tray icon (macOS menu bar text): the number of tiers at risk, or nothing. */
export function buildTrayBadge(atRisk: TierAtRisk[]): string {
  return atRisk.length === 0 ? '' : `⚠${atRisk.length}`;
}
