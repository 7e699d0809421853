/**
 * Live updates end to end against the four simulators: a fill traded on an exchange reaches the
 * store and the summary through the private stream (no REST pass in between), every fault a
 * stream has ends with every fill counted exactly once (truth from the simulators), accounts
 * without a stream are polled, and removing an account closes its stream.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ExchangeId } from '../../../src-main/core/exchange.ts';
import type { ParadexSimAccount, ParadexSimulatorHandle } from '../../sim/paradex/paradex-simulator.ts';
import { sumTruth, toMicros } from '../fixtures/sync-harness.ts';
import { EXCHANGES, eventually, startLiveRig, type LiveRig } from './live-rig.ts';

async function countedEqualsTruth(rig: LiveRig, exchange: ExchangeId): Promise<boolean> {
  const truth = sumTruth(rig.accounts[exchange]!.sim.truth());
  const summary = await rig.service.summary({});
  const ours = summary.byExchange[exchange]?.allTime;
  return ours !== undefined && ours.trades === truth.trades && toMicros(ours.volumeUsd) === truth.volumeMicros;
}

async function settled(rig: LiveRig, exchanges: readonly ExchangeId[] = EXCHANGES): Promise<void> {
  for (const exchange of exchanges) {
    const { id } = rig.accounts[exchange]!;
    await eventually(`${exchange} live`, () => rig.live.liveState(id)?.state === 'live');
    await eventually(`${exchange} synced to the truth`, async () => !rig.engine.isRunning(id) && (await countedEqualsTruth(rig, exchange)));
  }
}

describe('live updates through each exchange\'s private stream', () => {
  let rig: LiveRig;
  before(async () => {
    rig = await startLiveRig();
    await settled(rig);
  });
  after(() => rig.close());

  for (const exchange of EXCHANGES) {
    test(`${exchange}: a traded fill is in GET /volume/summary through the stream, with no REST pass`, async () => {
      const { id, sim } = rig.accounts[exchange]!;
      const firstEvent = rig.events.length;
      sim.trade(2);
      await eventually('the streamed fills to be counted', () => countedEqualsTruth(rig, exchange));
      const since = rig.events.slice(firstEvent);
      assert.ok(since.some((event) => event.type === 'volume' && event.accountId === id && event.fillsInserted > 0), 'a volume event for the account');
      assert.ok(!since.some((event) => event.type === 'sync' && event.status.accountId === id), 'no REST pass ran for it');
      const account = await rig.service.getAccount({ id });
      assert.equal(account.live?.state, 'live');
      assert.ok(account.live?.lastFillAt, 'the newest fill seen is shown');
    });
  }

  test('paradex: a fill the chain busts leaves the summary through the stream (tradebusts), with no REST pass', async () => {
    const { id } = rig.accounts.paradex!;
    const sim = rig.sims.paradex as ParadexSimulatorHandle;
    const account = rig.accounts.paradex!.sim as ParadexSimAccount;
    // busts the chain makes a moment after earlier live fills are made, and counted, first
    await eventually('earlier busts made and counted', async () => account.book.busts.every((bust) => bust.created_at <= Date.now()) && (await countedEqualsTruth(rig, 'paradex')));
    const busted = new Set(account.book.busts.map((bust) => bust.busted_fill_id));
    const counted = account.book.rows.filter((row) => row.fill_type === 'FILL' && row.assetKind === 'PERP' && !busted.has(row.id)).at(-1)!;
    const before = await rig.service.summary({});
    const firstEvent = rig.events.length;
    sim.bust(0, counted.id);
    await eventually('the busted fill to leave the count', () => countedEqualsTruth(rig, 'paradex'));
    const after = await rig.service.summary({});
    assert.equal(after.byExchange.paradex!.allTime.trades, before.byExchange.paradex!.allTime.trades - 1);
    const since = rig.events.slice(firstEvent);
    assert.ok(since.some((event) => event.type === 'volume' && event.accountId === id), 'a volume event for the account');
    assert.ok(!since.some((event) => event.type === 'sync' && event.status.accountId === id), 'no REST pass ran for it');
  });

  test('removing an account closes its stream and stops its updates', async () => {
    const { id } = rig.accounts.hyperliquid!;
    await rig.service.removeAccount({ id });
    const sim = rig.sims.hyperliquid!;
    await eventually('the socket to close', () => sim.streams.stats().open === 0);
    assert.equal(rig.live.liveState(id), null);
  });
});

describe('stream faults: every fill counted exactly once', () => {
  let rig: LiveRig;
  before(async () => {
    rig = await startLiveRig({ connection: { heartbeat: { intervalMs: 300, timeoutMs: 400 } } });
    await settled(rig);
  });
  after(() => rig.close());

  test('duplicated and out-of-order frames, a drop with fills traded while it is down, and a silent stall', async () => {
    for (const exchange of EXCHANGES) {
      const sim = rig.sims[exchange]!;
      const account = rig.accounts[exchange]!;
      sim.streams.duplicate(true);
      sim.streams.reorder(true);
      account.sim.trade(3);
      account.sim.trade(2);
      await eventually(`${exchange}: duplicates and reordered frames counted once`, () => countedEqualsTruth(rig, exchange));
      sim.streams.duplicate(false);
      sim.streams.reorder(false);

      // a drop, and fills traded before the stream is back: the stream never replays them
      const connectionsBefore = sim.streams.stats().connections;
      sim.streams.drop();
      account.sim.trade(2);
      await eventually(`${exchange}: reconnected`, () => sim.streams.stats().connections > connectionsBefore && rig.live.liveState(account.id)?.state === 'live');
      await eventually(`${exchange}: the gap filled by the REST pass`, () => countedEqualsTruth(rig, exchange));

      // a silent stall: the socket stays up, nothing flows, the heartbeat goes unanswered
      sim.streams.stall(true);
      account.sim.trade(2);
      await eventually(`${exchange}: the stall noticed`, () => rig.live.liveState(account.id)?.state !== 'live');
      sim.streams.stall(false);
      await eventually(`${exchange}: live again`, () => rig.live.liveState(account.id)?.state === 'live');
      await eventually(`${exchange}: fills traded during the stall counted once`, () => countedEqualsTruth(rig, exchange));
      assert.equal(sim.streams.stats().authFailures, 0, `${exchange}: every stream login was accepted`);
    }
  });
});

describe('when no stream can be had', () => {
  let rig: LiveRig;
  before(async () => {
    rig = await startLiveRig({ refuseStreams: true, idlePollSeconds: 1, exchanges: ['hyperliquid', 'woox'] });
  });
  after(() => rig.close());

  test('accounts poll the REST API instead, say so, and still count every fill once', async () => {
    for (const exchange of ['hyperliquid', 'woox'] as const) {
      const { id, sim } = rig.accounts[exchange]!;
      // between two attempts it says why; while an attempt runs it says it is connecting
      await eventually(`${exchange} polling, saying why`, () => rig.live.liveState(id)?.state === 'polling' && /HTTP 503/.test(rig.live.liveState(id)?.detail ?? ''));
      const state = rig.live.liveState(id)!;
      assert.equal(state.pollSeconds, 1);
      assert.match(state.detail ?? '', /HTTP 503/);
      sim.trade(3);
      await eventually(`${exchange}: polled fills counted`, () => countedEqualsTruth(rig, exchange));
      assert.equal(rig.sims[exchange]!.streams.stats().connections, 0, 'no stream was ever opened');
    }
  });
});
