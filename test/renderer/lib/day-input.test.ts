import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDayInput } from '../../../src-renderer/src/lib/day-input.ts';

describe('a typed day', () => {
  it('reads the way the dashboard writes days, and ISO', () => {
    assert.equal(parseDayInput('Dec 7, 2026'), '2026-12-07');
    assert.equal(parseDayInput(' december 7 2026 '), '2026-12-07');
    assert.equal(parseDayInput('7 Dec 2026'), '2026-12-07');
    assert.equal(parseDayInput('2026-02-28'), '2026-02-28');
  });

  it('refuses what is not a real day', () => {
    for (const text of ['Feb 30, 2026', '12/07/2026', 'Dex 7, 2026', '2026-02-30', '', 'soon']) assert.equal(parseDayInput(text), null, text);
  });
});
