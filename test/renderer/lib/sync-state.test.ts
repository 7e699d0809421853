import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Account, SyncStatus } from '../../../src-shared/schemas.ts';
import { coverageOf, windowPartiality } from '../../../src-renderer/src/lib/partial-windows.ts';
import { syncStateOf } from '../../../src-renderer/src/lib/sync-state.ts';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const DAY = 86_400_000;

const account = (overrides: Partial<Account> = {}): Account => ({
  id: 'a1', exchange: 'bybit', label: 'Bybit main', baseUrl: null, createdAt: '2026-03-01T00:00:00Z', status: 'ok',
  lastSyncAt: '2026-03-10T11:57:00Z', lastError: null, warnings: [], notes: [], ...overrides,
});
const status = (overrides: Partial<SyncStatus> = {}): SyncStatus => ({
  accountId: 'a1', state: 'done', progress: 1, fillsStored: 10, pagesFetched: 1, syncedFrom: null, syncedTo: null, error: null, ...overrides,
});

describe('an account’s sync state in words', () => {
  it('says how far a first sync has come', () => {
    const view = syncStateOf(account({ lastSyncAt: null, status: 'syncing' }), status({ state: 'running', progress: 0.493 }), NOW, 'en-US');
    assert.deepEqual([view.label, view.tone, view.backfilling], ['Backfilling 49%', 'busy', true]);
  });

  it('shows the live state once history is in, and up to date without one', () => {
    const live = { state: 'live' as const, pollSeconds: null, lastFillAt: null, since: '2026-03-10T10:00:00Z', detail: null };
    assert.equal(syncStateOf(account({ live }), status(), NOW, 'en-US').label, 'Live');
    const polling = { ...live, state: 'polling' as const, pollSeconds: 30, detail: 'stream refused: HTTP 404' };
    assert.equal(syncStateOf(account({ live: polling }), status(), NOW, 'en-US').label, 'Polling every 30 s');
    const up = syncStateOf(account(), status(), NOW, 'en-US');
    assert.deepEqual([up.label, up.tone], ['Up to date', 'ok']);
    assert.equal(up.detail, 'Last synced 3 minutes ago (Mar 10, 2026, 11:57:00 UTC).');
  });

  it('shows an error in words, with dates as the dashboard writes them', () => {
    const error = { code: 'woox_history_incomplete', message: 'WOO X counts 12 more trades in 2026-01-01 … 2026-01-31 than it serves' };
    const view = syncStateOf(account({ status: 'error', lastError: error }), status({ state: 'error', error }), NOW, 'en-US');
    assert.deepEqual([view.label, view.tone], ['Error', 'error']);
    assert.equal(view.detail, 'WOO X counts 12 more trades in Jan 1, 2026 … Jan 31, 2026 than it serves');
  });

  it('tells an interrupted first sync from one not started', () => {
    assert.equal(syncStateOf(account({ lastSyncAt: null, status: 'new' }), status({ state: 'idle', progress: 0.3 }), NOW, 'en-US').label, 'Backfill paused at 30%');
    assert.equal(syncStateOf(account({ lastSyncAt: null, status: 'new' }), undefined, NOW, 'en-US').label, 'Waiting for first sync');
  });
});

describe('partial windows while a backfill runs', () => {
  const backfilling = (from: number, to: number) => coverageOf(account({ lastSyncAt: null }), status({ state: 'running', syncedFrom: new Date(from).toISOString(), syncedTo: new Date(to).toISOString() }));

  it('marks a 30-day window partial while history is only 10 days deep in it, and says so', () => {
    // A forward walk from two years ago that has reached 10 days into the 30-day window.
    const start30 = Date.parse('2026-02-09T00:00:00Z');
    const coverage = backfilling(NOW - 700 * DAY, start30 + 10 * DAY + 3_600_000);
    assert.deepEqual(windowPartiality([coverage], 'd30', NOW), { partial: true, note: 'Bybit main: 10 of 30 days synced so far' });
    assert.equal(windowPartiality([coverage], 'today', NOW).note, 'Bybit main has not reached today yet');
    assert.equal(windowPartiality([coverage], 'allTime', NOW).note, 'Bybit main is still backfilling');
  });

  it('keeps a window whole once the backfill has covered it (a walk from now backwards)', () => {
    const coverage = backfilling(NOW - 40 * DAY, NOW - 60_000);
    assert.equal(windowPartiality([coverage], 'd30', NOW).partial, false);
    assert.equal(windowPartiality([coverage], 'allTime', NOW).partial, true);
  });

  it('never marks a window partial for an account whose first sync finished', () => {
    assert.deepEqual(windowPartiality([coverageOf(account(), undefined)], 'd30', NOW), { partial: false, note: null });
  });
});
