import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ApiEvent } from '../../src-shared/events.ts';
import { EventBus } from '../../src-main/sync/event-bus.ts';

const event: ApiEvent = { type: 'account', change: 'removed', accountId: 'a', account: null };

test('every subscriber hears an event even when another one throws, until it unsubscribes', () => {
  const bus = new EventBus();
  const heard: ApiEvent[] = [];
  bus.subscribe(() => {
    throw new Error('broken listener');
  });
  const unsubscribe = bus.subscribe((e) => heard.push(e));
  bus.emit(event);
  unsubscribe();
  bus.emit(event);
  assert.deepEqual(heard, [event]);
  assert.equal(bus.listenerCount, 1);
});
