import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DesktopWatch } from '../../src-main/electron/desktop-watch.ts';

test('the app watches while its window is on screen or its tray menu is open, and only then', () => {
  let holders = 0;
  const watch = new DesktopWatch(() => {
    holders++;
    return () => holders--;
  });
  assert.equal(holders, 0);
  watch.setWindowVisible(true);
  watch.setMenuOpen(true);
  assert.equal(holders, 1, 'one watch for both');
  watch.setWindowVisible(false);
  assert.equal(holders, 1, 'the open menu still watches');
  watch.setMenuOpen(false);
  assert.equal(holders, 0);
  watch.setMenuOpen(true);
  watch.dispose();
  assert.equal(holders, 0, 'quitting releases it');
});
