import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SlidingWindowCounter } from './sliding-window.ts';

function counterAt(start = 0): { counter: SlidingWindowCounter; set: (t: number) => void } {
  let now = start;
  return { counter: new SlidingWindowCounter(() => now), set: (t) => void (now = t) };
}

test('admits N inside any window and refuses the N+1th until the oldest has left it', () => {
  const { counter, set } = counterAt();
  const check = [{ key: 'uid 1 /v5/execution/list', limit: 3, windowMs: 1_000 }];
  for (const t of [0, 400, 999]) {
    set(t);
    assert.ok(counter.admit(check));
  }
  set(999.9);
  assert.equal(counter.admit(check), null, 'a fourth within one second of the first');
  assert.ok(Math.abs(counter.msUntilRoom(check[0]!.key) - 0.1) < 1e-9, 'room again when the first request leaves');
  set(1_000);
  assert.ok(counter.admit(check), 'exactly one window after the first, the first has left');
  assert.deepEqual(counter.peaks(), [{ key: check[0]!.key, limit: 3, windowMs: 1_000, peak: 3 }]);
});

test('counts weight, including weight added after answering, and refuses what would not fit', () => {
  const { counter, set } = counterAt();
  const ip = (weight: number) => [{ key: 'ip', limit: 1_200, windowMs: 60_000, weight }];
  const fills = counter.admit(ip(20));
  assert.ok(fills);
  fills.addWeight(100); // 2,000 fills returned
  assert.equal(counter.usage('ip'), 120);
  assert.ok(counter.admit(ip(1_080)));
  assert.equal(counter.admit(ip(2)), null);
  set(60_000);
  assert.ok(counter.admit(ip(2)));
  assert.equal(counter.peaks()[0]!.peak, 1_200);
});

test('a request refused by one limit counts under none of them', () => {
  const { counter } = counterAt();
  const both = [
    { key: 'account per second', limit: 120, windowMs: 1_000 },
    { key: 'account per minute', limit: 1, windowMs: 60_000 },
  ];
  assert.ok(counter.admit(both));
  assert.equal(counter.admit(both), null);
  assert.equal(counter.lastRefusedKey, 'account per minute');
  assert.equal(counter.usage('account per second'), 1);
});
