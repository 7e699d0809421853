import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coverageNotes } from '../../src-main/sync/coverage-note.ts';
import { noteWords } from '../../src-main/sync/note-words.ts';
import { startHyperliquidSimulator } from '../sim/hyperliquid/simulator.ts';
import { addHyperliquidAccount, makeTempDir, openTestCore } from './fixtures/sync-harness.ts';

const SPAN = { from: Date.UTC(2025, 4, 3, 10, 0, 0, 7), to: Date.UTC(2025, 4, 3, 10, 0, 0, 7), detail: 'fills beyond the 2,000 read may be missing.' };

test('coverage notes name the moment, once per span', () => {
  const notes = coverageNotes('hyperliquid', [SPAN, SPAN]);
  assert.equal(notes.length, 1, 'the same span once');
  assert.match(noteWords(notes[0]!), /^Hyperliquid history at 2025-05-03T10:00:00.007Z may be incomplete: fills beyond/);
  const wider = coverageNotes('hyperliquid', [{ ...SPAN, to: SPAN.to + 60_000 }]);
  assert.match(noteWords(wider[0]!), /^Hyperliquid history at 2025-05-03T10:00:00.007Z – 2025-05-03T10:01:00.007Z may be incomplete/);
  assert.deepEqual(coverageNotes('hyperliquid', []), [], 'an empty list clears them');
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
