import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createParadexConnector } from '../../../src-main/connectors/paradex/descriptor.ts';
import { parseWindowDays } from '../../../src-main/connectors/paradex/fee-tiers.ts';
import { startParadexSimulator, type ParadexSimulatorHandle } from '../../sim/paradex/index.ts';
import { fastOptions } from './support.ts';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const DAY = 86_400_000;

/** The account's perp volume over 14 UTC days ending today (or yesterday), from the simulator's truth. */
function last14DaysMicros(sim: ParadexSimulatorHandle, index: number, endDaysAgo = 0): bigint {
  const days = new Set(Array.from({ length: 14 }, (_, i) => new Date(NOW - (i + endDaysAgo) * DAY).toISOString().slice(0, 10)));
  let sum = 0n;
  for (const [day, totals] of sim.accounts[index]!.truth()) if (days.has(day)) sum += BigInt(totals.volumeMicros);
  return sum;
}

describe('Paradex’s own fee-tier volume', () => {
  let sim: ParadexSimulatorHandle;
  let proOnly: ParadexSimulatorHandle;
  before(async () => {
    sim = await startParadexSimulator({ seed: 51, fillsPerAccount: 900, days: 40, now: () => NOW });
    proOnly = await startParadexSimulator({ seed: 52, fillsPerAccount: 300, days: 40, now: () => NOW, volumeTierKinds: ['pro'] });
  });
  after(async () => {
    await sim.close();
    await proOnly.close();
  });

  it('reads volume_tiers over the window /system/volume-tiers states (14 days), one figure naming every profile’s tier', async () => {
    const connector = createParadexConnector({ baseUrl: sim.baseUrl, credentials: sim.accounts[1]!.credentials }, fastOptions(() => NOW));
    const reported = await connector.reportedVolume!(AbortSignal.timeout(10_000));
    assert.ok(reported);
    assert.deepEqual(reported.daily, []);
    assert.equal(reported.allTimeMicros, null);
    assert.equal(reported.asOf, NOW);
    assert.equal(reported.windows?.length, 1);
    const [window] = reported.windows!;
    assert.equal(window!.key, 'fee_tier_14d');
    assert.equal(window!.days, 14);
    assert.equal(window!.volumeMicros, last14DaysMicros(sim, 1));
    assert.ok(window!.volumeMicros > 0n);
    assert.match(window!.tier ?? '', /^retail: VIP \d, pro: Pro \d$/);
    assert.match(window!.label, /14-day volume for its fee tiers.*spot as well as perps.*sub-accounts/);
  });

  it('reads a read-only token’s account the same way', async () => {
    const token = proOnly.issueReadonlyToken(0);
    const connector = createParadexConnector({ baseUrl: proOnly.baseUrl, credentials: { readonlyToken: token } }, fastOptions(() => NOW));
    const reported = await connector.reportedVolume!(AbortSignal.timeout(10_000));
    assert.equal(reported?.windows?.[0]?.volumeMicros, last14DaysMicros(proOnly, 0));
    assert.match(reported?.windows?.[0]?.tier ?? '', /^pro: Pro \d$/);
  });

  it('passes on Paradex’s figure as it is under the other reading of "14D" (the 14 completed days), never its own sum', async () => {
    const completed = await startParadexSimulator({ seed: 53, fillsPerAccount: 300, days: 40, now: () => NOW, volumeWindow: 'completed_utc_days' });
    try {
      const connector = createParadexConnector({ baseUrl: completed.baseUrl, credentials: completed.accounts[1]!.credentials }, fastOptions(() => NOW));
      const reported = await connector.reportedVolume!(AbortSignal.timeout(10_000));
      assert.equal(reported?.windows?.[0]?.volumeMicros, last14DaysMicros(completed, 1, 1));
    } finally {
      await completed.close();
    }
  });

  it('reads the window length the tier table states', () => {
    assert.equal(parseWindowDays('14d'), 14);
    assert.equal(parseWindowDays('336h'), 14);
    assert.equal(parseWindowDays('2w'), 14);
    assert.equal(parseWindowDays('30D'), 30);
    assert.equal(parseWindowDays('36h'), null);
    assert.equal(parseWindowDays('fortnight'), null);
  });
});
