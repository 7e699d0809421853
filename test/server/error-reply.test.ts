import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PerpvolError } from '../../src-main/core/errors.ts';
import { toErrorReply } from '../../src-main/server/error-reply.ts';

test('exchange trouble answers 502, 503 and 504 with its own code, never 500', () => {
  const cases: [PerpvolError | DOMException, number, string][] = [
    [new PerpvolError('exchange_unavailable', 'unexpected_answer', 'WOO X answered GET /v3/account/info with HTTP 404'), 502, 'unexpected_answer'],
    [new PerpvolError('rate_limited', 'rate_limited', 'Bybit answered "too many requests" 6 times in a row'), 503, 'rate_limited'],
    [new PerpvolError('exchange_timeout', 'exchange_timeout', 'Paradex did not answer GET /v1/fills within 15 s'), 504, 'exchange_timeout'],
    [new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 504, 'exchange_timeout'],
  ];
  for (const [error, status, code] of cases) {
    const reply = toErrorReply(error);
    assert.equal(reply.status, status, code);
    assert.equal(reply.body.error.code, code);
  }
  assert.match(toErrorReply(cases[0]![0]).body.error.message, /GET \/v3\/account\/info/);
});
