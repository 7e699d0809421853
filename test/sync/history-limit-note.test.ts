/**
 * The history-limit note says what each exchange really allows: Hyperliquid's and Bybit's exports
 * can be imported, WOO X's cannot — its card must never tell the user to import one. A later sync
 * replaces the note by its code, and a sentence an earlier version stored is replaced too.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { notesAfterWrite } from '../../src-main/sync/account-notes.ts';
import { historyLimitedNote } from '../../src-main/sync/history-limit-note.ts';
import { noteWords } from '../../src-main/sync/note-words.ts';
import { decodeStoredNotes } from '../../src-main/store/stored-notes.ts';
import type { Store } from '../../src-main/store/store.ts';
import { exchanges, ExchangeRegistry } from '../../src-main/connectors/registry.ts';
import { historyGapNote } from '../../src-main/sync/history-gap-note.ts';
import { credentialExpiryNote } from '../../src-main/sync/credential-expiry.ts';
import { acme, ACME } from '../connectors/made-up/acme-adapter.ts';

const DAY = Date.parse('2024-12-01T00:00:00Z');

/** What notesAfterWrite reads of a store, for an account with this history limit and nothing else to say. */
function storeWithLimit(historyLimitedBefore: number | null): Store {
  return {
    syncState: { get: async () => ({ historyLimitedBefore, historyGaps: [] }) },
    fills: { unclassifiedCounts: async () => [] },
    volume: { unpricedFees: async () => [] },
  } as unknown as Store;
}

describe('history-limit note', () => {
  test('Hyperliquid: fills are certainly missing, and its export fills the gap', () => {
    assert.equal(noteWords(historyLimitedNote('hyperliquid', DAY)), "Hyperliquid serves only your 10,000 most recent fills; fills before 2024-12-01 are missing — import the exchange's CSV export to fill the gap");
  });

  test('Bybit: missing only if the account traded that long ago; its export fills the gap', () => {
    assert.equal(noteWords(historyLimitedNote('bybit', DAY)), "Bybit serves only the last two years of fills; if you traded before 2024-12-01, those fills are missing — import the exchange's CSV export to fill the gap");
  });

  test('WOO X: never told to import a CSV export, which Perpvol cannot read', () => {
    const note = historyLimitedNote('woox', DAY);
    assert.deepEqual(note.params, { exchange: 'woox', before: '2024-12-01', limit: { kind: 'years', years: 2 }, importable: false });
    assert.doesNotMatch(noteWords(note), /import the/i);
    assert.equal(noteWords(note), 'WOO X serves only the last two years of fills; if you traded before 2024-12-01, those fills are missing — Perpvol cannot import its export, so they cannot be counted');
  });

  test('a later sync replaces the note, and the older stored sentence that told WOO X users to import', async () => {
    const older = "WOO X does not serve your older fills; fills before 2024-01-01 are missing — import the exchange's CSV export to fill the gap";
    const stored = decodeStoredNotes(JSON.stringify(['key can trade', older]));
    const account = { id: 'a1', exchange: 'woox' as const, warnings: stored };
    const replaced = await notesAfterWrite(storeWithLimit(DAY), account);
    assert.deepEqual(replaced, [{ code: 'legacy_text', params: { text: 'key can trade', family: 'key' } }, historyLimitedNote('woox', DAY)]);
    assert.deepEqual(await notesAfterWrite(storeWithLimit(null), { ...account, warnings: replaced }), [replaced[0]]);
  });

  test("the notes follow the exchange's descriptor alone: a made-up exchange with a count cap and an export path gets both", () => {
    const capped = { ...acme, history: { limit: { kind: 'recent_fills' as const, fills: 500 }, exportPath: 'acme.example → History → Trades → Export' } };
    const registry = new ExchangeRegistry([...exchanges.all(), capped]);
    assert.equal(
      noteWords(historyLimitedNote(ACME, DAY, registry), registry),
      "Acme serves only your 500 most recent fills; fills before 2024-12-01 are missing — import the exchange's CSV export to fill the gap",
    );
    const gap = historyGapNote(ACME, { from: DAY, to: DAY + 3_600_000 }, { reportedMicros: null, reportedLabel: null, oursMicros: 0n }, registry);
    assert.deepEqual([gap.params.cause, gap.params.exportPath], [{ kind: 'recent_fills', fills: 500 }, 'acme.example → History → Trades → Export']);
    assert.match(noteWords(gap, registry), /more than 500 fills happened since the sync before, and Acme serves only the 500 most recent\. .* Import Acme's trade-history CSV export \(acme\.example → History → Trades → Export\)/);
    // without the rule in its descriptor, nothing is claimed about its limit
    assert.deepEqual(historyLimitedNote(ACME, DAY, new ExchangeRegistry([...exchanges.all(), acme])).params.limit, { kind: 'unknown' });
  });

  test('a credential expiry names the credential and its renewal as the descriptor says', () => {
    const paradex = exchanges.get('paradex').credentialRenewal;
    const note = credentialExpiryNote('paradex', DAY + 86_400_000, DAY, paradex);
    assert.equal(note?.params.credential, 'read-only token');
    assert.match(noteWords(note!), /^The Paradex read-only token expires on 2024-12-02 00:00 UTC \(in 1 day\); after that this account stops syncing\. Create a new one in Paradex/);
    assert.equal(credentialExpiryNote('bybit', DAY + 86_400_000, DAY)?.params.credential, 'API key');
  });
});
