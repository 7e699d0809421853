/**
 * Two ways a stream can go on looking healthy while it is not, and what Perpvol does about them:
 * - the key was replaced: the stream logs in again with the new key at once (the old one may be
 *   deleted any moment), also out of "paused", where it would otherwise wait 30 minutes;
 * - the wall clock jumped (the computer slept, or its clock was set): the socket may still be open
 *   while fills went by unseen, so the connection is ended and the REST walker looks — here with
 *   the stream silently stalled and heartbeats that would take ten minutes to notice, so only the
 *   clock jump can explain the fills being counted.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ExchangeId } from '../../../src-main/core/exchange.ts';
import type { BybitSimulatorHandle } from '../../sim/bybit/simulator.ts';
import { sumTruth, toMicros } from '../fixtures/sync-harness.ts';
import { eventually, startLiveRig, type LiveRig } from './live-rig.ts';

async function countedEqualsTruth(rig: LiveRig, exchange: ExchangeId): Promise<boolean> {
  const truth = sumTruth(rig.accounts[exchange]!.sim.truth());
  const ours = (await rig.service.summary({})).byExchange[exchange]?.allTime;
  return ours !== undefined && ours.trades === truth.trades && toMicros(ours.volumeUsd) === truth.volumeMicros;
}

describe('a replaced key', () => {
  let rig: LiveRig;
  let sim: BybitSimulatorHandle;
  let id: string;
  before(async () => {
    rig = await startLiveRig({ exchanges: ['bybit'] });
    sim = rig.sims.bybit as BybitSimulatorHandle;
    id = rig.accounts.bybit!.id;
    await eventually('bybit live', () => rig.live.liveState(id)?.state === 'live');
    await eventually('bybit synced', async () => !rig.engine.isRunning(id) && (await countedEqualsTruth(rig, 'bybit')));
  });
  after(() => rig.close());

  test('the stream logs in again with the new key as soon as it is replaced, and fills keep arriving through it', async () => {
    const oldKey = rig.accounts.bybit!.sim.credentials['apiKey']!;
    assert.deepEqual(sim.streams.openKeys(), [oldKey]);
    const connections = sim.streams.stats().connections;
    const fresh = sim.addKey(0, {});
    await rig.service.rotateCredentials({ id, credentials: fresh });
    await eventually('the stream on the new key', () => sim.streams.openKeys().join() === fresh.apiKey && rig.live.liveState(id)?.state === 'live');
    assert.equal(sim.streams.stats().connections, connections + 1, 'one new connection, made for the new key');

    // the REST pass the new connection asked for (what happened while it was away) ends first
    await eventually('the reconnect\'s REST pass ended', () => {
      const last = rig.events.filter((event) => event.type === 'sync' && event.status.accountId === id).at(-1);
      return !rig.engine.isRunning(id) && last?.type === 'sync' && (last.status.state === 'done' || last.status.state === 'error');
    });

    // the old key is deleted: nothing of the account may depend on it any more
    sim.revokeKey(oldKey);
    const firstEvent = rig.events.length;
    rig.accounts.bybit!.sim.trade(2);
    await eventually('fills through the new key counted', () => countedEqualsTruth(rig, 'bybit'));
    assert.ok(!rig.events.slice(firstEvent).some((event) => event.type === 'sync'), 'no REST pass was needed');
    assert.equal(sim.streams.stats().authFailures, 0, 'the stream never tried the deleted key');
  });

  test('a paused account (its key deleted on the exchange) is live again the moment a working key replaces it', async () => {
    const deleted = sim.streams.openKeys()[0]!;
    sim.revokeKey(deleted);
    await eventually('the stream refused for good', () => sim.streams.stats().authFailures > 0);
    await rig.service.startSync({ accountIds: [id] });
    await eventually('paused', () => rig.live.liveState(id)?.state === 'paused');
    const state = rig.live.liveState(id)!;
    assert.match(state.detail ?? '', /Replace the key to resume/);

    const working = sim.addKey(0, {});
    await rig.service.rotateCredentials({ id, credentials: working });
    // without the replacement the next attempt would be PERMANENT_REFUSAL_RETRY_MS (30 min) away
    await eventually('live on the working key', () => rig.live.liveState(id)?.state === 'live' && sim.streams.openKeys().join() === working.apiKey);
    rig.accounts.bybit!.sim.trade(1);
    await eventually('counted again', () => countedEqualsTruth(rig, 'bybit'));
  });
});

describe('a clock jump', () => {
  const wall = { offsetMs: 0 };
  let rig: LiveRig;
  before(async () => {
    rig = await startLiveRig({
      exchanges: ['hyperliquid'],
      // heartbeats every 200 ms, but an unanswered one would be noticed only after ten minutes
      connection: { heartbeat: { intervalMs: 200, timeoutMs: 600_000 }, wallClock: () => Date.now() + wall.offsetMs },
    });
    const { id } = rig.accounts.hyperliquid!;
    await eventually('hyperliquid live', () => rig.live.liveState(id)?.state === 'live');
    await eventually('hyperliquid synced', async () => !rig.engine.isRunning(id) && (await countedEqualsTruth(rig, 'hyperliquid')));
  });
  after(() => rig.close());

  test('ends the connection and runs a REST pass, which finds the fills the silent stream missed', async () => {
    const { id, sim } = rig.accounts.hyperliquid!;
    const streams = rig.sims.hyperliquid!.streams;
    const firstEvent = rig.events.length;
    streams.stall(true); // the socket stays up and says nothing: what a laptop lid closing looks like
    sim.trade(3);
    wall.offsetMs += 10 * 60_000; // the machine "slept" ten minutes
    await eventually('the missed fills counted by the REST pass', () => countedEqualsTruth(rig, 'hyperliquid'));
    const since = rig.events.slice(firstEvent);
    assert.ok(since.some((event) => event.type === 'sync' && event.status.accountId === id), 'a REST pass ran');
    assert.ok(
      since.some((event) => event.type === 'account' && /clock jumped by 600 s/.test(event.account?.live?.detail ?? '')),
      'the account said why it dropped the stream',
    );
    streams.stall(false);
    await eventually('live again', () => rig.live.liveState(id)?.state === 'live');
  });
});
