import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TrayQuickView, type TrayMenuTemplateItem } from '../../src-main/electron/tray-quick-view.ts';
import { accountOf, FakeService, statusOf, summaryOf } from './fakes.ts';

function setup() {
  const service = new FakeService();
  service.accounts = [accountOf()];
  const menus: TrayMenuTemplateItem[][] = [];
  const tooltips: string[] = [];
  const titles: string[] = [];
  const badges: number[] = [];
  const actions = { sync: 0, open: 0, quit: 0 };
  let destroyed = false;
  const view = new TrayQuickView({
    createTray: () => ({
      setContextMenu: (m) => menus.push(m as TrayMenuTemplateItem[]),
      setToolTip: (t) => tooltips.push(t),
      setTitle: (t) => titles.push(t),
      destroy: () => { destroyed = true; },
    }),
    setBadgeCount: (count) => badges.push(count),
    buildMenu: (template) => template,
    api: service,
    actions: { sync: () => actions.sync++, open: () => actions.open++, quit: () => actions.quit++ },
    now: () => Date.parse('2026-03-10T12:00:00Z'),
    locale: 'en-US',
  });
  return { service, view, menus, tooltips, titles, badges, actions, isDestroyed: () => destroyed };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('TrayQuickView', () => {
  it('shows the current totals when it starts', async () => {
    const { service, view, menus, tooltips } = setup();
    service.summaryValue = summaryOf({ today: 100, d7: 700, d30: 3_000 });
    await view.start();
    assert.equal(menus.at(-1)?.[0]?.label, 'Today $100');
    assert.equal(tooltips.at(-1), 'Perpvol — today $100, 30 days $3,000');
  });

  it('puts a fee tier at risk in the menu, the tooltip and the badge, and clears them when it passes', async () => {
    const { service, view, menus, tooltips, titles, badges } = setup();
    service.summaryValue = summaryOf({ today: 100, d7: 700, d30: 3_000 });
    const risky = (atRisk: unknown) => ({
      asOf: '2026-03-10T12:00:00.000Z',
      tierTableError: null,
      exchanges: { hyperliquid: { atRisk } as never },
    });
    service.tiersValue = risky({ tierName: 'Tier 1', date: '2026-03-11', shortfallUsd: 300_000, perDayUsd: 150_000 });
    await view.start();
    assert.ok(menus.at(-1)!.some((item) => item.label === '⚠ Hyperliquid Tier 1 at risk Wed, Mar 11: trade $150K/day'));
    assert.equal(tooltips.at(-1), 'Perpvol — today $100, 30 days $3,000 — ⚠ 1 fee tier at risk');
    assert.equal(titles.at(-1), '⚠1');
    assert.equal(badges.at(-1), 1);
    service.tiersValue = risky(null);
    await view.refresh();
    assert.ok(!menus.at(-1)!.some((item) => item.label?.startsWith('⚠')));
    assert.equal(titles.at(-1), '');
    assert.equal(badges.at(-1), 0);
  });

  it('rebuilds the menu after every volume event', async () => {
    const { service, view, menus } = setup();
    await view.start();
    service.summaryValue = summaryOf({ today: 250, d7: 700, d30: 3_000 });
    service.emit({ type: 'volume', accountId: 'acc-1', exchange: 'hyperliquid', fillsInserted: 2, days: ['2026-03-10'] });
    await settle();
    await settle();
    assert.equal(menus.at(-1)?.[0]?.label, 'Today $250');
  });

  it('ignores sync progress ticks but follows sync state changes', async () => {
    const { service, view, menus } = setup();
    await view.start();
    const before = menus.length;
    service.emit({ type: 'sync', status: statusOf({ state: 'running', progress: 0.1 }) });
    await settle();
    await settle();
    const afterStart = menus.length;
    service.emit({ type: 'sync', status: statusOf({ state: 'running', progress: 0.2 }) });
    service.emit({ type: 'sync', status: statusOf({ state: 'running', progress: 0.3 }) });
    await settle();
    await settle();
    assert.equal(afterStart, before + 1);
    assert.equal(menus.length, afterStart);
  });

  it('wires "Sync now" and "Open dashboard" to their actions', async () => {
    const { view, menus, actions } = setup();
    await view.start();
    const menu = menus.at(-1)!;
    menu.find((i) => i.label === 'Sync now')?.click?.();
    menu.find((i) => i.label === 'Open dashboard')?.click?.();
    assert.deepEqual(actions, { sync: 1, open: 1, quit: 0 });
  });

  it('keeps the last good menu when the service fails, and unsubscribes on stop', async () => {
    const { service, view, menus, isDestroyed } = setup();
    const errors: unknown[] = [];
    (view as unknown as { deps: { onError: (e: unknown) => void } }).deps.onError = (e) => errors.push(e);
    await view.start();
    const count = menus.length;
    service.failWith = new Error('database closed');
    await view.refresh();
    assert.equal(menus.length, count);
    assert.equal(errors.length, 1);
    view.stop();
    assert.equal(service.listenerCount, 0);
    assert.ok(isDestroyed());
  });
});
