/**
 * A missed heartbeat is a gap even when the stream carries on. A brief stall on the exchange's side
 * swallows our heartbeat and the fills traded meanwhile; then frames flow again on the same socket.
 * Traffic after the stall does not prove nothing was lost — only the answer to the heartbeat would —
 * so the REST walker looks, and finds the fills at once instead of at the next 5-minute pass.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ExchangeId } from '../../../src-main/core/exchange.ts';
import { sumTruth, toMicros } from '../fixtures/sync-harness.ts';
import { EXCHANGES, eventually, startLiveRig, type LiveRig } from './live-rig.ts';

async function countedEqualsTruth(rig: LiveRig, exchange: ExchangeId): Promise<boolean> {
  const truth = sumTruth(rig.accounts[exchange]!.sim.truth());
  const ours = (await rig.service.summary({})).byExchange[exchange]?.allTime;
  return ours !== undefined && ours.trades === truth.trades && toMicros(ours.volumeUsd) === truth.volumeMicros;
}

describe('a heartbeat swallowed by a brief stall', () => {
  let rig: LiveRig;
  before(async () => {
    // a heartbeat every 200 ms, answered within 1.5 s (the REST safety net itself is 300 s away)
    rig = await startLiveRig({ connection: { heartbeat: { intervalMs: 200, timeoutMs: 1_500 } } });
    for (const exchange of EXCHANGES) {
      const { id } = rig.accounts[exchange]!;
      await eventually(`${exchange} live`, () => rig.live.liveState(id)?.state === 'live');
      await eventually(`${exchange} synced`, async () => !rig.engine.isRunning(id) && (await countedEqualsTruth(rig, exchange)));
    }
  });
  after(() => rig.close());

  for (const exchange of EXCHANGES) {
    test(`${exchange}: fills lost in the stall are found by a REST pass, though the stream resumed on the same socket`, async () => {
      const { id, sim } = rig.accounts[exchange]!;
      const streams = rig.sims[exchange]!.streams;
      const connections = streams.stats().connections;
      const swallowed = streams.stats().swallowed;
      const firstEvent = rig.events.length;
      streams.stall(true);
      sim.trade(2); // never sent on the stream
      await eventually('a heartbeat swallowed', () => streams.stats().swallowed > swallowed);
      streams.stall(false);
      sim.trade(1); // sent: the stream carries on
      await eventually('every fill counted', () => countedEqualsTruth(rig, exchange));
      assert.ok(rig.events.slice(firstEvent).some((event) => event.type === 'sync' && event.status.accountId === id), 'a REST pass found them');
      assert.equal(streams.stats().connections, connections, 'the connection itself was kept');
      assert.equal(rig.live.liveState(id)?.state, 'live');
    });
  }
});
