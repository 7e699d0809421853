import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextTheme, parseTheme, resolveDark } from '../../../src-renderer/src/lib/theme.ts';

describe('theme', () => {
  it('follows the system until the user picks light or dark', () => {
    assert.equal(resolveDark(parseTheme(null), true), true);
    assert.equal(resolveDark(parseTheme('light'), true), false);
    assert.equal(resolveDark(parseTheme('dark'), false), true);
    assert.equal(parseTheme('purple'), 'system');
  });

  it('cycles system → light → dark → system', () => {
    assert.deepEqual([nextTheme('system'), nextTheme('light'), nextTheme('dark')], ['light', 'dark', 'system']);
  });
});
