/**
 * The self-check after a sync pass (the descriptor's selfCheck), against Paradex's
 * simulator: its `volume_tiers` 14-day figure counts spot and sub-accounts too, so ours may fall
 * below it but never rise above it. While the simulator reports the whole volume the account has
 * no self-check note; when it reports only half (a figure below the perp fills it serves, which its
 * definition cannot explain) the next pass leaves one note saying so, with both amounts; when the
 * figure agrees again the next pass takes the note away.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ApiAccountNote } from '../../src-shared/schemas.ts';
import type { PerpvolCore } from '../../src-main/service/core-runtime.ts';
import { startParadexSimulator, type ParadexSimulatorHandle } from '../sim/paradex/index.ts';
import { addHyperliquidAccount, makeTempDir, openTestCore } from './fixtures/sync-harness.ts';
import { startHyperliquidSimulator, type HyperliquidSimulatorHandle } from '../sim/hyperliquid/simulator.ts';

const selfChecks = (notes: ApiAccountNote[]) => notes.filter((note) => note.code === 'self_check');
/** "1234.567891" → micro-dollars, computed here, not with the product's money code. */
const micros = (usd: string): bigint => {
  const [whole = '0', fraction = ''] = usd.split('.');
  return BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, '0').slice(0, 6));
};

describe('the self-check of an exchange’s own figure after each sync pass', () => {
  let paradex: ParadexSimulatorHandle;
  let hyperliquid: HyperliquidSimulatorHandle;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let core: PerpvolCore;
  let accountId: string;

  const pass = async (id: string) => {
    assert.equal((await core.engine.syncAccount(id)).state, 'done');
    return (await core.service.getAccount({ id })).notes;
  };

  before(async () => {
    [paradex, hyperliquid] = await Promise.all([
      startParadexSimulator({ seed: 43, fillsPerAccount: 1_200, days: 20, accounts: 2 }),
      startHyperliquidSimulator({ seed: 43, fillsPerAccount: 1_500, days: 20 }),
    ]);
    dir = await makeTempDir('perpvol-self-check-');
    core = await openTestCore(dir.path);
    // a subkey: it cannot withdraw
    const added = await core.service.addAccount({ exchange: 'paradex', label: 'Paradex', credentials: paradex.accounts[1]!.credentials, baseUrl: paradex.baseUrl });
    accountId = added.id;
  });
  after(async () => {
    await core.close();
    await Promise.all([paradex.close(), hyperliquid.close()]);
    await dir.remove();
  });

  test('agreeing: no note, and the figure equals ours over the window', async () => {
    assert.deepEqual(selfChecks(await pass(accountId)), []);
    const [reconciled] = (await core.service.reconciliation({ accountId })).accounts;
    const window = reconciled!.reportedWindows[0]!;
    assert.ok(window.oursUsd > 0);
    assert.equal(window.reportedUsd, window.oursUsd);
  });

  test('the exchange reporting less than the fills it serves: the next pass notes it, with both amounts', async () => {
    paradex.reportVolumeShare(0.5);
    const notes = selfChecks(await pass(accountId));
    assert.equal(notes.length, 1, JSON.stringify(notes));
    const note = notes[0]!;
    const [reconciled] = (await core.service.reconciliation({ accountId })).accounts;
    const window = reconciled!.reportedWindows[0]!;
    assert.equal(note.params['figure'], 'window');
    assert.equal(note.params['days'], 14);
    // the window's days up to yesterday: today the exchange may still be adding up
    const yesterday = new Date(Date.parse(`${window.to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    assert.deepEqual([note.params['from'], note.params['to']], [window.from, yesterday]);
    const theirs = micros(note.params['reportedUsd'] as string);
    const ours = micros(note.params['countedUsd'] as string);
    // the simulator reports half of its own window; ours over the same days, read back through the daily view
    assert.equal(theirs, BigInt(Math.round(window.oursUsd * 1e6)) / 2n);
    const daily = await core.service.dailyVolume({ from: window.from, to: yesterday, accountId });
    assert.equal(ours, daily.total.reduce((sum, day) => sum + BigInt(Math.round(day.volumeUsd * 1e6)), 0n));
    assert.ok(ours > theirs);
    const usd = (amount: bigint) => `$${(amount / 1_000_000n).toLocaleString('en-US')}.${String((amount % 1_000_000n) / 10_000n).padStart(2, '0')}`;
    assert.equal(
      note.message,
      `${window.label} — ${usd(theirs)} for ${window.from} to ${yesterday}. Perpvol counts ${usd(ours)} there, more than the exchange's own figure can hold: ` +
        'a fill may be counted twice or under the wrong market. Sync again; if it stays, report it.',
    );
    // the reconciliation view shows the same figure beside ours over its whole window
    assert.equal(window.reportedUsd, Number(theirs) / 1e6);
  });

  test('agreeing again: the next pass takes the note away', async () => {
    paradex.reportVolumeShare(1);
    assert.deepEqual(selfChecks(await pass(accountId)), []);
  });

  test('Hyperliquid: its daily and all-time figures cover ours, so a faithful simulator leaves no note', async () => {
    const id = await addHyperliquidAccount(core, hyperliquid);
    assert.deepEqual(selfChecks(await pass(id)), []);
    const [reconciled] = (await core.service.reconciliation({ accountId: id })).accounts;
    assert.ok(reconciled!.days.length > 0 && reconciled!.reportedAllTimeUsd !== null);
  });
});
