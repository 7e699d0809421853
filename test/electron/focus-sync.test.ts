import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FocusSync } from '../../src-main/electron/focus-sync.ts';

describe('FocusSync', () => {
  it('syncs on the first focus and then at most once per interval', () => {
    let now = 0;
    let syncs = 0;
    const focus = new FocusSync(async () => { syncs++; }, () => now, 60_000);
    assert.equal(focus.onFocus(), true);
    now = 59_999;
    assert.equal(focus.onFocus(), false);
    now = 60_000;
    assert.equal(focus.onFocus(), true);
    assert.equal(syncs, 2);
  });

  it('reports a failed sync instead of throwing into the window event', async () => {
    const errors: unknown[] = [];
    const focus = new FocusSync(() => Promise.reject(new Error('offline')), () => 0, 1, (e) => errors.push(e));
    focus.onFocus();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal((errors[0] as Error).message, 'offline');
  });
});
