import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createConnectionMonitor, type Connection } from '../../../src-renderer/src/api/connection-state.ts';

describe('connection to the server, as the event stream tells it', () => {
  it('starts online and stays so while the stream is still connecting', () => {
    const monitor = createConnectionMonitor();
    monitor.report('connecting');
    assert.equal(monitor.current(), 'online');
  });

  it('is lost when the stream closes, and back when it opens again', () => {
    const monitor = createConnectionMonitor();
    const seen: Connection[] = [];
    monitor.subscribe((c) => seen.push(c));
    monitor.report('open');
    monitor.report('closed');
    monitor.report('connecting');
    monitor.report('closed');
    monitor.report('open');
    assert.deepEqual(seen, ['lost', 'online']);
    assert.equal(monitor.current(), 'online');
  });

  it('asks for one reload per recovery, not one per failed retry', () => {
    const monitor = createConnectionMonitor();
    let reloads = 0;
    const stop = monitor.onReconnect(() => reloads++);
    monitor.report('open');
    assert.equal(reloads, 0, 'the first connection is not a recovery');
    for (let i = 0; i < 4; i++) monitor.report('closed');
    monitor.report('open');
    monitor.report('open');
    assert.equal(reloads, 1);
    stop();
    monitor.report('closed');
    monitor.report('open');
    assert.equal(reloads, 1, 'an unsubscribed listener is not called');
  });

  it('does not call a wrong token a lost connection', () => {
    const monitor = createConnectionMonitor();
    monitor.report('unauthorized');
    assert.equal(monitor.current(), 'online');
  });
});
