import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PerpvolError } from '../../../src-main/core/errors.ts';
import { liveStateOf, WATCHED_POLL_SECONDS } from '../../../src-main/sync/live/live-state.ts';
import { RECONNECT_MAX_MS, RECONNECT_MIN_MS, reconnectDelayMs } from '../../../src-main/sync/live/reconnect-backoff.ts';

const NOW = Date.UTC(2026, 2, 10, 12);
const base = { streamsEnabled: true, watched: false, idlePollSeconds: 300, accountStatus: 'ok' as const, accountError: null, lastFillTs: NOW - 5_000, now: NOW };

describe('an account\'s live state', () => {
  test('a connected stream is live, with the newest fill seen', () => {
    const state = liveStateOf({ ...base, condition: { state: 'live', since: NOW } }, NOW);
    assert.deepEqual({ state: state.state, pollSeconds: state.pollSeconds, lastFillAt: state.lastFillAt }, { state: 'live', pollSeconds: null, lastFillAt: new Date(NOW - 5_000).toISOString() });
  });

  test('without a stream it polls every sync interval, and every 30 s while someone watches', () => {
    const condition = { state: 'down' as const, reason: 'no stream: the stream endpoint answered HTTP 503', retryAt: NOW + 8_000, refusedForGood: null };
    assert.equal(liveStateOf({ ...base, condition }, NOW).pollSeconds, 300);
    const watched = liveStateOf({ ...base, watched: true, condition }, NOW);
    assert.equal(watched.state, 'polling');
    assert.equal(watched.pollSeconds, WATCHED_POLL_SECONDS);
    assert.equal(watched.detail, 'No stream: the stream endpoint answered HTTP 503; trying the live stream again in 8 s.');
  });

  test('a key refused by the stream and the REST API alike pauses the account and says what to do', () => {
    const refused = new PerpvolError('credentials_rejected', 'stream_auth_rejected', 'Bybit refused the private stream login.');
    const condition = { state: 'down' as const, reason: 'refused', retryAt: NOW + 1_800_000, refusedForGood: refused };
    const paused = liveStateOf({ ...base, condition, accountStatus: 'error', accountError: 'Bybit rejected the API key.' }, NOW);
    assert.equal(paused.state, 'paused');
    assert.match(paused.detail ?? '', /Replace the key/);
    // the REST API still answering: keep polling rather than pausing
    assert.equal(liveStateOf({ ...base, condition }, NOW).state, 'polling');
  });
});

describe('reconnect back-off', () => {
  test('grows from 1 s to at most 60 s, jittered', () => {
    assert.equal(reconnectDelayMs(0, () => 0), RECONNECT_MIN_MS);
    assert.equal(reconnectDelayMs(1, () => 0), 2 * RECONNECT_MIN_MS);
    assert.ok(reconnectDelayMs(0, () => 0.99) > RECONNECT_MIN_MS);
    assert.equal(reconnectDelayMs(30, () => 0.99), RECONNECT_MAX_MS);
    assert.equal(reconnectDelayMs(6, () => 0), RECONNECT_MAX_MS);
  });
});
