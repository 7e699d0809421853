import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coverageWarning, isCoverageWarning, withCoverageWarnings } from '../../src-main/sync/coverage-warning.ts';
import { startHyperliquidSimulator } from '../sim/hyperliquid/simulator.ts';
import { addHyperliquidAccount, makeTempDir, openTestCore } from './fixtures/sync-harness.ts';

const SPAN = { from: Date.UTC(2025, 4, 3, 10, 0, 0, 7), to: Date.UTC(2025, 4, 3, 10, 0, 0, 7), detail: 'fills beyond the 2,000 read may be missing.' };

test('coverage warnings replace each other and leave the account\'s other warnings alone', () => {
  const keyWarning = 'This key can trade.';
  const first = withCoverageWarnings([keyWarning], 'hyperliquid', [SPAN]);
  assert.deepEqual(first, [keyWarning, coverageWarning('hyperliquid', SPAN)]);
  assert.match(first[1]!, /^Hyperliquid history at 2025-05-03T10:00:00.007Z may be incomplete: fills beyond/);
  assert.ok(isCoverageWarning(first[1]!) && !isCoverageWarning(keyWarning));
  assert.deepEqual(withCoverageWarnings(first, 'hyperliquid', [SPAN, SPAN]), first, 'the same span once');
  assert.deepEqual(withCoverageWarnings(first, 'hyperliquid', undefined), first, 'a connector that does not report leaves them');
  assert.deepEqual(withCoverageWarnings(first, 'hyperliquid', []), [keyWarning], 'an empty list clears them');
});

test('a sync that meets more fills in one millisecond than Hyperliquid can page ends done, with a warning naming that moment', async () => {
  const dir = await makeTempDir();
  const core = await openTestCore(dir.path);
  const sim = await startHyperliquidSimulator({ seed: 61, fillsPerAccount: 1_000, days: 20 });
  try {
    const crowded = sim.accounts[0]!.allFills()[400]!.time + 1;
    sim.accounts[0]!.trade(2_400, crowded);
    const accountId = await addHyperliquidAccount(core, sim);
    const status = await core.engine.syncAccount(accountId);
    assert.equal(status.state, 'done', JSON.stringify(status.error));
    const { warnings } = await core.service.getAccount({ id: accountId });
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.ok(warnings[0]!.includes(new Date(crowded).toISOString()), warnings[0]);
    assert.match(warnings[0]!, /beyond the 2,000 read may be missing/);
    assert.match(warnings[0]!, /trade-history CSV/);
    // Stored: everything else plus the 2,000 of that moment that could be read.
    assert.equal(await core.store.fills.count(accountId), sim.accounts[0]!.allFills().filter((f) => !f.coin.startsWith('@') && !f.coin.includes('/')).length - 400);

    await core.engine.syncAccount(accountId);
    assert.deepEqual((await core.service.getAccount({ id: accountId })).warnings, warnings, 'kept, not repeated, by the next pass');
  } finally {
    await core.close();
    await sim.close();
    await dir.remove();
  }
});
