/**
 * A thousand connect/drop cycles through the real live driver and the real WebSocket client leave
 * nothing behind: no socket, no timer, no listener on the server or the process.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hyperliquidStream } from '../../../src-main/connectors/hyperliquid/fill-stream.ts';
import { LiveAccount } from '../../../src-main/sync/live/live-account.ts';
import { initialLiveState } from '../../../src-main/sync/live/live-machine.ts';
import { startHyperliquidSimulator } from '../../sim/hyperliquid/simulator.ts';
import { eventually } from './live-rig.ts';

const CYCLES = 1_000;

/** Active handles by type, without the ones the test runner itself holds. */
function resources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const type of process.getActiveResourcesInfo()) counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
}

test(`${CYCLES} connect/drop cycles leave handles, timers and listeners at their baseline`, { timeout: 300_000 }, async () => {
  const sim = await startHyperliquidSimulator({ accounts: 1, fillsPerAccount: 5, days: 1, enforceRateLimits: false, snapshotFills: 5 });
  try {
    const url = `${sim.baseUrl.replace(/^http/, 'ws')}/ws`;
    const address = sim.accounts[0]!.credentials['address']!;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const baseline = resources();
    const baselineListeners = process.listenerCount('uncaughtException') + process.listenerCount('exit');
    let ready = 0;
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const stream = new LiveAccount({
      config: { streamsEnabled: true, idlePollSeconds: 300, backoffMs: () => 0 },
      initial: initialLiveState({ now: Date.now(), account: { status: 'ok', error: null }, lastPassEndedAt: Date.now(), lastFillTs: null, hasSyncState: true, watched: false }),
      prepare: async () => hyperliquidStream(url, address),
      write: async () => null,
      runPass: () => 'ignored',
      onError: () => undefined,
      publish: (live) => {
        if (live.state !== 'live') return;
        ready++;
        if (ready >= CYCLES) done();
        else sim.streams.drop();
      },
    });
    stream.start();
    await finished;
    await stream.stop();
    await eventually('every socket closed on the server', () => sim.streams.stats().open === 0, 10_000);
    await eventually('handles back to the baseline', () => {
      const now = resources();
      return [...now].every(([type, count]) => count <= (baseline.get(type) ?? 0));
    }, 10_000).catch(() => undefined);
    const now = resources();
    for (const [type, count] of now) assert.ok(count <= (baseline.get(type) ?? 0), `${type}: ${count} active after, ${baseline.get(type) ?? 0} before`);
    assert.equal(process.listenerCount('uncaughtException') + process.listenerCount('exit'), baselineListeners);
    assert.ok(sim.streams.stats().connections >= CYCLES);
  } finally {
    await sim.close();
  }
});
