import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE, WindowStateStore, type Rectangle } from '../../src-main/electron/window-state.ts';

const ONE_SCREEN: Rectangle[] = [{ x: 0, y: 0, width: 1920, height: 1080 }];
const fresh = () => join(mkdtempSync(join(tmpdir(), 'perpvol-window-')), 'window-state.json');

describe('WindowStateStore', () => {
  it('opens at the default size, centred, the first time', () => {
    assert.deepEqual(new WindowStateStore(fresh(), () => ONE_SCREEN).load(), { ...DEFAULT_WINDOW_SIZE, maximized: false });
  });

  it('remembers size, place and maximized state across restarts', () => {
    const file = fresh();
    new WindowStateStore(file, () => ONE_SCREEN).save({ x: 100, y: 50, width: 1400, height: 900 }, true);
    assert.deepEqual(new WindowStateStore(file, () => ONE_SCREEN).load(), { x: 100, y: 50, width: 1400, height: 900, maximized: true });
  });

  it('forgets the place (not the size) when that monitor is gone', () => {
    const file = fresh();
    const twoScreens = [...ONE_SCREEN, { x: 1920, y: 0, width: 2560, height: 1440 }];
    new WindowStateStore(file, () => twoScreens).save({ x: 2500, y: 200, width: 1300, height: 850 }, false);
    assert.deepEqual(new WindowStateStore(file, () => ONE_SCREEN).load(), { width: 1300, height: 850, maximized: false });
  });

  it('falls back to the default for a damaged or absurd file', () => {
    const file = fresh();
    writeFileSync(file, '{"x": 1, "y": 2, "wid');
    assert.deepEqual(new WindowStateStore(file, () => ONE_SCREEN).load(), { ...DEFAULT_WINDOW_SIZE, maximized: false });
    writeFileSync(file, JSON.stringify({ x: 0, y: 0, width: 5, height: -3 }));
    assert.deepEqual(new WindowStateStore(file, () => ONE_SCREEN).load(), { ...DEFAULT_WINDOW_SIZE, maximized: false });
  });

  it('never saves a size below the minimum', () => {
    const file = fresh();
    new WindowStateStore(file, () => ONE_SCREEN).save({ x: 10, y: 10, width: 200.4, height: 100 }, false);
    const state = new WindowStateStore(file, () => ONE_SCREEN).load();
    assert.equal(state.width, MIN_WINDOW_SIZE.width);
    assert.equal(state.height, MIN_WINDOW_SIZE.height);
  });
});
