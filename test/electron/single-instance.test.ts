import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SingleInstance } from '../../src-main/electron/single-instance.ts';

function fakeApp(lockAvailable: boolean) {
  const app = {
    quits: 0,
    secondInstanceListeners: [] as (() => void)[],
    requestSingleInstanceLock: () => lockAvailable,
    onSecondInstance(listener: () => void) { app.secondInstanceListeners.push(listener); },
    quit() { app.quits++; },
  };
  return app;
}

describe('SingleInstance', () => {
  it('lets the first instance run and shows its window when the app is launched again', () => {
    const app = fakeApp(true);
    let shown = 0;
    assert.equal(new SingleInstance(app, () => shown++).acquire(), true);
    assert.equal(app.quits, 0);
    for (const listener of app.secondInstanceListeners) listener();
    assert.equal(shown, 1);
  });

  it('makes a second instance quit without starting anything', () => {
    const app = fakeApp(false);
    assert.equal(new SingleInstance(app, () => {}).acquire(), false);
    assert.equal(app.quits, 1);
    assert.equal(app.secondInstanceListeners.length, 0);
  });
});
