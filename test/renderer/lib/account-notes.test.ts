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

  it('leaves the unpriced-fees note to the figure counted as the overview counts it, by its code, whatever its words', () => {
    const unpriced = { code: 'unpriced_fees', params: { fees: [{ currency: 'DIME', amount: '126.3677833632', fills: 106 }] }, message: 'Reworded: DIME paid.' } as const;
    const other = { code: 'key_not_checked', params: {}, message: 'Fees in tokens: a key note that merely starts like the other one.' } as const;
    assert.deepEqual(notesToShow([unpriced, other]), ['Fees in tokens: a key note that merely starts like the other one.']);
  });
});
