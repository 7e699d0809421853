import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PerpvolError } from '../../src-main/core/errors.ts';
import { exchangeUnreachable, rateLimitedForNow } from '../../src-main/connectors/http/exchange-errors.ts';
import { keyCheckFailure, withKeyCheckRetry } from '../../src-main/service/key-check-retry.ts';

describe('the key check while the user waits', () => {
  it('tries "too many requests" and server errors again before giving up', async () => {
    let calls = 0;
    const answer = await withKeyCheckRetry(async () => {
      calls += 1;
      if (calls === 1) throw rateLimitedForNow('Hyperliquid', 60_000);
      if (calls === 2) throw new PerpvolError('exchange_unavailable', 'exchange_maintenance', 'Bybit is unavailable (HTTP 502).', true);
      return 'checked';
    });
    assert.equal(answer, 'checked');
    assert.equal(calls, 3);
  });

  it('does not retry what seconds cannot fix: a refused key, a host that does not resolve', async () => {
    for (const error of [new PerpvolError('credentials_rejected', 'invalid_api_key', 'The key was refused.'), exchangeUnreachable('Bybit', 'http://x.invalid', 'getaddrinfo ENOTFOUND x.invalid')]) {
      let calls = 0;
      await assert.rejects(withKeyCheckRetry(async () => { calls += 1; throw error; }), (e) => e === error);
      assert.equal(calls, 1);
    }
  });

  it('tells the user once that nothing was added, the system’s words on a Details line', () => {
    const told = keyCheckFailure(exchangeUnreachable('Bybit', 'http://x.invalid', 'getaddrinfo ENOTFOUND x.invalid'), 'Bybit', 'added', 'http://x.invalid') as PerpvolError;
    const [sentence, details] = told.message.split('\nDetails: ');
    assert.equal(sentence, 'Bybit could not be reached at http://x.invalid, so the account was not added. Check your internet connection and the API address, then try again.');
    assert.equal(details, 'getaddrinfo ENOTFOUND x.invalid');
    assert.equal(told.code, 'exchange_unreachable');
    const busy = keyCheckFailure(rateLimitedForNow('Hyperliquid', 60_000), 'Hyperliquid', 'replaced', null) as PerpvolError;
    assert.match(busy.message, /too many requests.*so the key was not replaced/);
    assert.doesNotMatch(busy.message, /next sync/);
    const refused = new PerpvolError('credentials_rejected', 'invalid_api_key', 'The key was refused.');
    assert.equal(keyCheckFailure(refused, 'Bybit', 'added', null), refused, 'a refused key keeps its own message');
  });
});
