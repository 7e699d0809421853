import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { noteHeadline, notesToShow } from '../../../src-renderer/src/lib/account-notes.ts';

describe('an account’s notes, folded', () => {
  it('heads each note with its first clause, one short line', () => {
    assert.equal(noteHeadline("Bybit serves only the last two years of fills; if you traded before 2024-12-07, those fills are missing — import the exchange's CSV export to fill the gap"), 'Bybit serves only the last two years of fills');
    assert.equal(noteHeadline('12 executions not counted in volume: Perpvol does not know their type (X ×6)'), '12 executions not counted in volume');
    assert.equal(noteHeadline('The key was not checked with the exchange when it was added.'), 'The key was not checked with the exchange when it was added');
    assert.ok(noteHeadline('x'.repeat(200)).endsWith('…'));
    assert.ok(noteHeadline('x'.repeat(200)).length <= 60);
  });

  it('leaves the unpriced-fees sentence to the figure counted as the overview counts it', () => {
    const notes = notesToShow(['Fees in tokens Perpvol cannot price in USD are listed, not counted as $0: 126.3677833632 DIME over 106 fills.', 'A note']);
    assert.deepEqual(notes, ['A note']);
  });
});
