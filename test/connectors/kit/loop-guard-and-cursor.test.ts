/**
 * The kit's loop guard and cursor reader on their own: what every cursor-paged walk does with a
 * cursor that comes back, and what every adapter does with a cursor it cannot read.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { PerpvolError } from '../../../src-main/core/errors.ts';
import { LoopGuard, MAX_EMPTY_PAGES_IN_A_ROW } from '../../../src-main/connectors/kit/loop-guard.ts';
import { readVersionedCursor } from '../../../src-main/connectors/kit/versioned-cursor.ts';

const loops = (error: unknown) => error instanceof PerpvolError && error.code === 'paging_loop' && error.retryable && /Example/.test(error.message);

test('a cursor seen earlier in the query — not only the one just sent — is a loop when its page has rows', () => {
  const guard = new LoopGuard('Example');
  guard.enter('q', null);
  assert.equal(guard.follow('a', 10, () => 'pages'), 'a');
  guard.enter('q', 'a');
  assert.equal(guard.follow('b', 10, () => 'pages'), 'b');
  guard.enter('q', 'b');
  assert.throws(() => guard.follow('a', 10, () => 'pages'), loops);
});

test('an empty page pointing back at a cursor already followed ends the query', () => {
  const guard = new LoopGuard('Example');
  guard.enter('q', 'a');
  assert.equal(guard.follow('a', 0, () => 'pages'), null);
  assert.equal(guard.follow('', 3, () => 'pages'), null);
});

test('empty pages with new cursors are followed, but only so many in a row; a new query starts afresh', () => {
  const guard = new LoopGuard('Example');
  guard.enter('q', null);
  for (let i = 0; i < MAX_EMPTY_PAGES_IN_A_ROW; i++) assert.equal(guard.follow(`c${i}`, 0, () => 'pages'), `c${i}`);
  assert.throws(() => guard.follow('next', 0, () => 'pages'), loops);
  guard.enter('other query', null);
  assert.equal(guard.follow('c0', 5, () => 'pages'), 'c0');
});

const V2 = z.object({ v: z.literal(2), at: z.number() });
const V1 = z.object({ v: z.literal(1), time: z.number() });
const format = { current: V2, older: [{ schema: V1, upgrade: (old: z.infer<typeof V1>) => ({ v: 2 as const, at: old.time }) }] };

test('a cursor is read in its current layout, carried forward from an older one, or else means: begin a backfill', () => {
  assert.deepEqual(readVersionedCursor(format, { v: 2, at: 5 }), { v: 2, at: 5 });
  assert.deepEqual(readVersionedCursor(format, { v: 1, time: 7 }), { v: 2, at: 7 });
  assert.equal(readVersionedCursor(format, null), null);
  assert.equal(readVersionedCursor(format, { v: 3, at: 5 }), null);
  assert.equal(readVersionedCursor(format, { v: 2, at: 'yesterday' }), null);
});
