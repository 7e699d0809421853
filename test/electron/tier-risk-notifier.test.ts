import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Tiers, TierView } from '../../src-shared/tier-schemas.ts';
import { riskNotification, tiersAtRisk } from '../../src-main/electron/tier-risk.ts';
import { TierRiskNotifier, type NotificationLike, type ToldRisks } from '../../src-main/electron/tier-risk-notifier.ts';
import { FakeService } from './fakes.ts';

/** A TierView with just what the notifier reads; the rest is irrelevant here. */
function view(atRisk: TierView['atRisk']): TierView {
  return {
    window: { days: 14, from: '2026-02-25', to: '2026-03-10' }, volumeUsd: 26_000_000, kinds: ['perpetual'], perpetualVolumeUsd: 26_000_000, ladderKnown: true, tierTableFile: null, source: 'exchange',
    tier: { name: 'VIP 2', makerRate: 0.00016, takerRate: 0.000375, volumeUsd: 25_000_000 }, nextTier: null, neededUsd: null,
    rollOff: [], tierTableAsOf: null, tierTableSource: null, counts: '', reportedVolumeUsd: null, keep: null, atRisk,
    target: null, exchangeError: null, docsUrl: '',
  };
}

function tiers(byExchange: Tiers['exchanges']): Tiers {
  return { asOf: '2026-03-10T12:00:00.000Z', exchanges: byExchange, tierTableError: null };
}

const BYBIT_RISK = { tierName: 'VIP 2', date: '2026-03-12', shortfallUsd: 1_250_000, perDayUsd: 640_000 };

function setup(supported = true) {
  const service = new FakeService();
  const shown: { title: string; body: string; click: () => void }[] = [];
  const opened: number[] = [];
  let saved: string[] = [];
  const told: ToldRisks = { load: () => saved, save: (keys) => { saved = keys; } };
  const ticks: (() => void)[] = [];
  const notifier = new TierRiskNotifier({
    createNotification: (options) => {
      const entry = { ...options, click: () => {} };
      const notification: NotificationLike = {
        on: (event, listener) => { if (event === 'click') entry.click = listener; },
        show: () => shown.push(entry),
      };
      return notification;
    },
    isSupported: () => supported,
    api: service,
    open: () => opened.push(1),
    told,
    locale: 'en-US',
    every: (_ms, run) => {
      ticks.push(run);
      return () => ticks.splice(0);
    },
  });
  return { service, notifier, shown, opened, told: () => saved, tick: () => ticks.forEach((run) => run()), ticks };
}

const settle = async () => {
  for (let i = 0; i < 4; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('fee tier at risk, on the desktop', () => {
  it('says which tier, when, by how much, and what a day keeps it', () => {
    const [risk] = tiersAtRisk(tiers({ bybit: view(BYBIT_RISK), hyperliquid: view(null) }));
    assert.deepEqual(riskNotification(risk!, 'en-US'), {
      title: 'Bybit VIP 2 at risk',
      body: 'Volume rolling out of the fee window takes you $1.25M below VIP 2 on Thu, Mar 12 (UTC). Trade $640K a day until then to keep it.',
    });
  });

  it('notifies once per risk, across restarts, and a click opens the dashboard', async () => {
    const { service, notifier, shown, opened, told } = setup();
    service.tiersValue = tiers({ bybit: view(BYBIT_RISK) });
    await notifier.start();
    assert.equal(shown.length, 1);
    assert.equal(shown[0]!.title, 'Bybit VIP 2 at risk');
    shown[0]!.click();
    assert.equal(opened.length, 1);
    await notifier.check();
    assert.equal(shown.length, 1, 'the same risk is not told twice');
    assert.deepEqual(told(), ['bybit|VIP 2|2026-03-12']);
    notifier.stop();
  });

  it('tells again when a risk comes back after it had passed, and looks after new fills and every hour', async () => {
    const { service, notifier, shown, tick } = setup();
    await notifier.start();
    assert.equal(shown.length, 0);
    service.tiersValue = tiers({ bybit: view(BYBIT_RISK) });
    service.emit({ type: 'volume', accountId: 'a', exchange: 'bybit', fillsInserted: 1, days: ['2026-03-10'] });
    await settle();
    assert.equal(shown.length, 1, 'a new fill made the check');
    service.tiersValue = tiers({ bybit: view(null) });
    tick();
    await settle();
    service.tiersValue = tiers({ bybit: view(BYBIT_RISK) });
    tick();
    await settle();
    assert.equal(shown.length, 2, 'the hourly look found it again after it had passed');
    notifier.stop();
    assert.equal(service.listenerCount, 0);
  });

  it('shows nothing where the system has no notifications, and survives a failing service', async () => {
    const { service, notifier, shown } = setup(false);
    service.tiersValue = tiers({ bybit: view(BYBIT_RISK) });
    await notifier.start();
    assert.equal(shown.length, 0);
    assert.equal(notifier.atRisk.length, 1, 'the tray still learns of it');
    service.failWith = new Error('database closed');
    await notifier.check();
    notifier.stop();
  });

  it('keeps a shown notification alive until it is clicked or closed, so a late click still opens the dashboard', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const collect = async () => {
      for (let i = 0; i < 3; i++) {
        await new Promise((resolve) => setImmediate(resolve));
        gc();
      }
    };
    /** Like Electron's Notification: its listeners live on the object, and nothing else holds it. */
    class FakeNotification implements NotificationLike {
      readonly listeners = new Map<string, () => void>();
      on(event: string, listener: () => void): void {
        this.listeners.set(event, listener);
      }
      show(): void {}
    }
    const refs: WeakRef<FakeNotification>[] = [];
    const service = new FakeService();
    service.tiersValue = tiers({ bybit: view(BYBIT_RISK), woox: view({ ...BYBIT_RISK, tierName: 'Tier 3' }) });
    const opened: number[] = [];
    let saved: string[] = [];
    const notifier = new TierRiskNotifier({
      createNotification: () => {
        const notification = new FakeNotification();
        refs.push(new WeakRef(notification));
        return notification;
      },
      isSupported: () => true,
      api: service,
      open: () => opened.push(1),
      told: { load: () => saved, save: (keys) => void (saved = keys) },
      locale: 'en-US',
      every: () => () => undefined,
    });
    await notifier.start();
    assert.equal(refs.length, 2);
    await collect();
    // in a function of its own, so that no local of the test keeps them alive
    ((): void => {
      const [first, second] = refs.map((ref) => ref.deref());
      assert.ok(first && second, 'a notification on screen was garbage-collected with its click handler');
      first.listeners.get('click')!();
      second.listeners.get('close')!();
    })();
    assert.deepEqual(opened, [1]);
    notifier.stop();
    await collect();
    assert.equal(refs[0]!.deref(), undefined, 'a clicked notification is let go');
    assert.equal(refs[1]!.deref(), undefined, 'a closed notification is let go');
  });
});
