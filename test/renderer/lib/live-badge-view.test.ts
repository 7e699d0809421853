import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { liveBadge } from '../../../src-renderer/src/lib/live-badge-view.ts';

const base = { lastFillAt: '2026-11-30T12:00:00.000Z', since: '2026-11-30T11:00:00.000Z' };

describe('live badge', () => {
  it('shows nothing where this process keeps no account live', () => {
    assert.equal(liveBadge(undefined), null);
  });

  it('says Live while the stream is connected, with the newest fill seen', () => {
    const badge = liveBadge({ ...base, state: 'live', pollSeconds: null, detail: null }, 'en-US');
    assert.equal(badge?.text, 'Live');
    assert.equal(badge?.tone, 'live');
    assert.match(badge!.detail, /Newest fill seen: Nov 30, 2026/);
  });

  it('says how often it polls, in seconds or minutes, and why', () => {
    const watched = liveBadge({ ...base, state: 'polling', pollSeconds: 30, detail: 'No stream: the stream endpoint answered HTTP 503; trying the live stream again in 8 s.' }, 'en-US');
    assert.equal(watched?.text, 'Polling every 30 s');
    assert.match(watched!.detail, /^No stream: .*HTTP 503/);
    assert.equal(liveBadge({ ...base, state: 'polling', pollSeconds: 300, detail: null }, 'en-US')?.text, 'Polling every 5 min');
  });

  it('says Paused with what to do, and when no fill was seen yet', () => {
    const badge = liveBadge({ ...base, lastFillAt: null, state: 'paused', pollSeconds: null, detail: 'Bybit rejected the API key. Replace the key to resume.' }, 'en-US');
    assert.equal(badge?.text, 'Paused');
    assert.equal(badge?.tone, 'paused');
    assert.equal(badge?.detail, 'Bybit rejected the API key. Replace the key to resume. No fill seen yet.');
  });
});
