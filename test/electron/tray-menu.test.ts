import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTrayMenu, buildTrayTooltip, formatAgo, liveLines, MAX_ERRORS_SHOWN } from '../../src-main/electron/tray-menu.ts';
import type { Account, Summary } from '../../src-shared/schemas.ts';
import type { Tiers } from '../../src-shared/tier-schemas.ts';
import { exchanges, ExchangeRegistry } from '../../src-main/connectors/registry.ts';
import { tiersAtRisk } from '../../src-main/electron/tier-risk.ts';
import { acme } from '../connectors/made-up/acme-adapter.ts';
import { accountOf, statusOf, summaryOf, window } from './fakes.ts';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const texts = (items: ReturnType<typeof buildTrayMenu>) =>
  items.map((i) => (i.kind === 'separator' ? '---' : i.kind === 'action' ? `[${i.label}${i.enabled ? '' : ' (disabled)'}]` : i.label));

describe('tray menu text', () => {
  it('shows today, 7 and 30 days in total and per exchange, last sync, and the actions', () => {
    const summary = summaryOf(
      { today: 12_345.67, d7: 98_765.4, d30: 1_234_567.89 },
      {
        bybit: { today: window(10_000), d7: window(50_000), d14: window(0), d30: window(1_000_000), allTime: window(0) },
        hyperliquid: { today: window(2_345.67), d7: window(48_765.4), d14: window(0), d30: window(234_567.89), allTime: window(0) },
      },
    );
    const items = buildTrayMenu({
      summary,
      accounts: [accountOf({ lastSyncAt: '2026-03-10T11:55:00Z' })],
      statuses: [statusOf({ state: 'done' })],
      now: NOW,
      locale: 'en-US',
    });
    assert.deepEqual(texts(items), [
      'Today $12,346',
      '7 days $98,765',
      '30 days $1.23M',
      '---',
      // in the order the registry lists its exchanges
      'Hyperliquid: $2,346 · 7d $48,765 · 30d $234.57K',
      'Bybit: $10,000 · 7d $50,000 · 30d $1M',
      '---',
      'Last sync: 5 min ago',
      '---',
      '[Sync now]',
      '[Open dashboard]',
      '[Quit Perpvol]',
    ]);
  });

  it('formats amounts in the user locale', () => {
    const items = buildTrayMenu({ summary: summaryOf({ today: 12_345, d7: 0, d30: 0 }), accounts: [], statuses: [], now: NOW, locale: 'de-DE' });
    assert.equal(texts(items)[0]?.replace(/\s/g, ' '), 'Today 12.345 $');
  });

  it('lists account errors, prefers the live sync error, and caps the list', () => {
    const accounts = [1, 2, 3, 4, 5].map((n) =>
      accountOf({ id: `a${n}`, label: `Acct ${n}`, exchange: 'bybit', lastError: { code: 'old', message: `stale error ${n}` } }),
    );
    const statuses = [statusOf({ accountId: 'a1', state: 'error', error: { code: 'bybit_invalid_key', message: 'Bybit rejected the key' } })];
    const lines = texts(buildTrayMenu({ summary: null, accounts, statuses, now: NOW, locale: 'en-US' }));
    assert.ok(lines.includes('⚠ Acct 1 (Bybit): Bybit rejected the key'));
    assert.ok(lines.includes('⚠ Acct 2 (Bybit): stale error 2'));
    assert.ok(!lines.some((l) => l.includes('stale error 1')));
    assert.equal(lines.filter((l) => l.startsWith('⚠ Acct')).length, MAX_ERRORS_SHOWN);
    assert.ok(lines.includes('⚠ and 2 more — open the dashboard'));
  });

  it('says so while syncing and disables "Sync now"', () => {
    const lines = texts(buildTrayMenu({ summary: null, accounts: [accountOf()], statuses: [statusOf({ state: 'running', progress: 0.4 })], now: NOW, locale: 'en-US' }));
    assert.ok(lines.includes('Syncing…'));
    assert.ok(lines.includes('[Sync now (disabled)]'));
  });

  it('guides a new user who has no accounts yet', () => {
    const lines = texts(buildTrayMenu({ summary: summaryOf({ today: 0, d7: 0, d30: 0 }), accounts: [], statuses: [], now: NOW, locale: 'en-US' }));
    assert.ok(lines.includes('No accounts yet'));
    assert.ok(lines.includes('[Sync now (disabled)]'));
  });

  it('describes how long ago a sync was', () => {
    assert.equal(formatAgo(NOW - 10_000, NOW), 'just now');
    assert.equal(formatAgo(NOW - 3 * 3_600_000, NOW), '3 h ago');
    assert.equal(formatAgo(NOW - 72 * 3_600_000, NOW), '3 days ago');
  });

  it('puts today and 30 days in the tooltip', () => {
    assert.equal(buildTrayTooltip(summaryOf({ today: 500, d7: 0, d30: 20_000 }), 'en-US'), 'Perpvol — today $500, 30 days $20,000');
    assert.equal(buildTrayTooltip(null, 'en-US'), 'Perpvol');
  });
});

it('the tray says how each account keeps up: live, polling every N s, or paused', () => {
  const since = '2026-03-10T12:00:00.000Z';
  const lines = liveLines([
    accountOf({ id: 'a', label: 'Main', exchange: 'bybit', live: { state: 'live', pollSeconds: null, lastFillAt: null, since, detail: null } }),
    accountOf({ id: 'b', label: 'Alt', exchange: 'woox', live: { state: 'polling', pollSeconds: 30, lastFillAt: null, since, detail: 'no stream' } }),
    accountOf({ id: 'c', label: 'Old', exchange: 'paradex', live: { state: 'paused', pollSeconds: null, lastFillAt: null, since, detail: 'key rejected' } }),
    accountOf({ id: 'd', label: 'CLI', exchange: 'hyperliquid' }),
  ]);
  assert.deepEqual(lines, ['Main (Bybit): live', 'Alt (WOO X): polling every 30 s', 'Old (Paradex): paused']);
});

it('names a made-up exchange by its registry label, in the per-exchange, live, error and tier-risk lines', () => {
  const registry = new ExchangeRegistry([...exchanges.all(), acme]);
  const acmeWindows = { today: window(1_000), d7: window(7_000), d14: window(0), d30: window(30_000), allTime: window(0) };
  const summary = summaryOf({ today: 1_000, d7: 7_000, d30: 30_000 }, { acme: acmeWindows } as unknown as Summary['byExchange']);
  const since = '2026-03-10T12:00:00.000Z';
  const tiers = { exchanges: { acme: { atRisk: { tierName: 'Pro', date: '2026-03-11', shortfallUsd: 5_000, perDayUsd: 2_500 } } } } as unknown as Tiers;
  const atRisk = tiersAtRisk(tiers, registry);
  const lines = texts(buildTrayMenu({
    summary,
    accounts: [accountOf({ label: 'Desk', exchange: 'acme' as Account['exchange'], lastError: { code: 'x', message: 'key refused' }, live: { state: 'live', pollSeconds: null, lastFillAt: null, since, detail: null } })],
    statuses: [],
    now: NOW,
    locale: 'en-US',
    atRisk,
    exchanges: registry,
  }));
  assert.ok(lines.includes('Acme: $1,000 · 7d $7,000 · 30d $30,000'), lines.join('\n'));
  assert.ok(lines.includes('Desk (Acme): live'), lines.join('\n'));
  assert.ok(lines.includes('⚠ Desk (Acme): key refused'), lines.join('\n'));
  assert.ok(lines.includes('⚠ Acme Pro at risk Wed, Mar 11: trade $2,500/day'), lines.join('\n'));
});
