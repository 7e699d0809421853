import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SseParser } from '../../../src-renderer/src/api/sse-parser.ts';
import { toApiEvent } from '../../../src-renderer/src/api/sse-stream.ts';

describe('SSE parsing', () => {
  it('parses named events and ignores comments (keep-alives)', () => {
    const parser = new SseParser();
    const messages = parser.push(': connected\n\nevent: volume\ndata: {"a":1}\n\n: heartbeat\n\n');
    assert.deepEqual(messages, [{ event: 'volume', data: '{"a":1}', id: null }]);
  });

  it('reassembles messages split anywhere across chunks, including inside \\r\\n', () => {
    const text = 'event: sync\r\ndata: {"x":\r\ndata: 2}\r\n\r\nevent: account\r\ndata: {}\r\n\r\n';
    for (let cut = 1; cut < text.length; cut++) {
      const parser = new SseParser();
      const messages = [...parser.push(text.slice(0, cut)), ...parser.push(text.slice(cut))];
      assert.deepEqual(messages, [
        { event: 'sync', data: '{"x":\n2}', id: null },
        { event: 'account', data: '{}', id: null },
      ], `cut at ${cut}`);
    }
  });

  it('defaults the event name to "message" and keeps the last id', () => {
    assert.deepEqual(new SseParser().push('id: 7\ndata:hello\n\n'), [{ event: 'message', data: 'hello', id: '7' }]);
  });

  it('turns the server’s messages into typed events and drops what it cannot read', () => {
    const event = { type: 'volume', accountId: 'a', exchange: 'hyperliquid', fillsInserted: 2, days: ['2026-01-01'] };
    assert.deepEqual(toApiEvent({ event: 'volume', data: JSON.stringify(event), id: null }), event);
    const { type: _type, ...withoutType } = event;
    assert.deepEqual(toApiEvent({ event: 'volume', data: JSON.stringify(withoutType), id: null }), event);
    assert.equal(toApiEvent({ event: 'volume', data: '{not json', id: null }), null);
    assert.equal(toApiEvent({ event: 'mystery', data: '{"type":"mystery"}', id: null }), null);
  });
});
