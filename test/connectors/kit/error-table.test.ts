/**
 * The kit's error tables (kit/error-table.ts): from one table per exchange, the retry verdict the
 * HTTP client acts on and the PerpvolError the user reads — and, per exchange, that every row is
 * reachable, yields its own stable code and says what the exchange means by it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PerpvolError } from '../../../src-main/core/errors.ts';
import { BYBIT_ANSWERS } from '../../../src-main/connectors/bybit/errors.ts';
import type { ExchangeAnswer } from '../../../src-main/connectors/http/exchange-http-client.ts';
import { HYPERLIQUID_ANSWERS } from '../../../src-main/connectors/hyperliquid/errors.ts';
import { classifierFor, errorFor, readAnswer, type ErrorRow, type ErrorTable, type ExchangeWords } from '../../../src-main/connectors/kit/error-table.ts';
import { isKeyRefusal, PARADEX_ANSWERS } from '../../../src-main/connectors/paradex/errors.ts';
import { WOOX_ANSWERS } from '../../../src-main/connectors/woox/errors.ts';

function answer(status: number, body: unknown, headers: Record<string, string> = {}): ExchangeAnswer {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return { status, headers, text, where: 'GET /route', settleWeight: () => undefined };
}

/** The error a final answer becomes, thrown by the one answer reader. */
function errorOf<W extends ExchangeWords>(format: ErrorTable<W>, final: ExchangeAnswer, subject = 'acct'): PerpvolError {
  try {
    readAnswer(format, final, subject);
  } catch (error) {
    assert.ok(error instanceof PerpvolError, String(error));
    return error;
  }
  assert.fail('expected the answer to be refused');
}

const bybit = BYBIT_ANSWERS;
const woox = WOOX_ANSWERS;
const paradex = PARADEX_ANSWERS;
const hyperliquid = HYPERLIQUID_ANSWERS;

describe('Bybit: one table, both answers', () => {
  test('retCode 10006 is waited out until the reset time in Bybit\'s header, as a rate limit', () => {
    const reset = Date.now() + 5_000;
    const verdict = classifierFor(bybit)(answer(200, { retCode: 10006, retMsg: 'Too many visits!' }, { 'x-bapi-limit-reset-timestamp': String(reset) }));
    assert.ok(verdict.retry && verdict.rateLimited === true);
    assert.ok(verdict.delayMs !== undefined && verdict.delayMs > 4_000 && verdict.delayMs <= 5_000);
  });

  test('retCode 10016 on an HTTP 200 is tried again (not as a rate limit), then exchange_maintenance naming the retCode', () => {
    const final = answer(200, { retCode: 10016, retMsg: 'Server error' });
    const verdict = classifierFor(bybit)(final);
    assert.ok(verdict.retry && verdict.rateLimited === undefined);
    const error = errorOf(bybit, final);
    assert.deepEqual([error.code, error.kind, error.retryable], ['exchange_maintenance', 'exchange_unavailable', true]);
    assert.match(error.message, /\(retCode 10016\)/);
  });

  test('an HTTP 403 is not retried (a ten-minute IP ban), whatever its body, and says to wait', () => {
    const final = answer(403, 'access too frequent');
    assert.deepEqual(classifierFor(bybit)(final), { retry: false });
    const error = errorOf(bybit, final);
    assert.deepEqual([error.code, error.kind, error.retryable], ['ip_rate_limited', 'rate_limited', true]);
    assert.match(error.message, /10 minutes/);
    assert.deepEqual(classifierFor(bybit)(answer(403, { retCode: 10006, retMsg: 'Too many visits!' })), { retry: false }, 'not even with a rate-limit retCode');
  });

  test('one code, two wordings: an unknown key by retCode and a bare 401', () => {
    assert.match(errorOf(bybit, answer(200, { retCode: 10003, retMsg: 'API key is invalid.' })).message, /mainnet, testnet and demo keys/);
    const bare = errorOf(bybit, answer(401, '<html>401</html>'));
    assert.equal(bare.code, 'invalid_api_key');
    assert.match(bare.message, /HTTP 401/);
  });

  test('a retCode the table does not name keeps Bybit\'s words and is worth a later try', () => {
    const error = errorOf(bybit, answer(200, { retCode: 170_213, retMsg: 'Order does not exist.' }));
    assert.deepEqual([error.code, error.retryable], ['exchange_error', true]);
    assert.match(error.message, /error 170213 \("Order does not exist\."\)/);
  });

  test('the clock offset comes from Bybit\'s timestamps in its message', () => {
    const error = errorOf(bybit, answer(200, { retCode: 10002, retMsg: 'invalid request, req_timestamp[1700000020000],server_timestamp[1700000000000]' }));
    assert.equal(error.code, 'clock_skew');
    assert.match(error.message, /20 s off.*ahead of Bybit/s);
  });

  test('a success carries `result`; JSON that is no envelope is malformed and retryable', () => {
    assert.deepEqual(readAnswer(bybit, answer(200, { retCode: 0, retMsg: 'OK', result: { list: [] } })), { list: [] });
    const error = errorOf(bybit, answer(200, { rows: [] }));
    assert.deepEqual([error.code, error.retryable], ['malformed_response', true]);
  });
});

describe('WOO X: one table, both answers', () => {
  test('-1003 is waited out as a rate limit; -1000 is tried again', () => {
    const throttled = classifierFor(woox)(answer(200, { success: false, code: -1003, message: 'Rate limit exceed.' }));
    assert.ok(throttled.retry && throttled.rateLimited === true);
    const unknown = classifierFor(woox)(answer(200, { success: false, code: -1000, message: 'unknown' }));
    assert.ok(unknown.retry && unknown.rateLimited === undefined);
  });

  test('a refused key is final at once, quoting WOO X (its code may come as a string)', () => {
    const final = answer(401, '{"success":false,"code":"-1002","message":"auth invalid"}');
    assert.deepEqual(classifierFor(woox)(final), { retry: false });
    const error = errorOf(woox, final);
    assert.deepEqual([error.code, error.kind, error.retryable], ['woox_key_rejected', 'credentials_rejected', false]);
    assert.match(error.message, /\(-1002\) \("auth invalid"\)/);
  });

  test('a gateway\'s 502 page is retried, then woox_unavailable; a 404 page is the kit\'s unexpected_answer at once', () => {
    const gateway = answer(502, '<html>Bad Gateway</html>', { 'content-type': 'text/html' });
    assert.equal(classifierFor(woox)(gateway).retry, true);
    assert.match(errorOf(woox, gateway).message, /HTTP 502 without an explanation/);
    const missing = answer(404, '<html>Not Found</html>', { 'content-type': 'text/html' });
    assert.deepEqual(classifierFor(woox)(missing), { retry: false });
    const error = errorOf(woox, missing);
    assert.deepEqual([error.code, error.retryable], ['unexpected_answer', false]);
    assert.match(error.message, /that route does not exist there/);
  });

  test('ids beyond 2^53 reach the caller exact', () => {
    assert.deepEqual(readAnswer(woox, answer(200, '{"success":true,"id":9007199254740993123}')), { success: true, id: '9007199254740993123' });
  });
});

describe('Paradex: rows in order', () => {
  test('a 401 is a refused token whatever code it carries; a 404 with a code is not the API speaking', () => {
    assert.equal(errorOf(paradex, answer(401, { error: 'VALIDATION_ERROR', message: 'x' })).code, 'paradex_token_rejected');
    assert.equal(errorOf(paradex, answer(404, { error: 'NOT_FOUND', message: 'no route' })).code, 'unexpected_answer');
  });

  test('an unknown code on a status Paradex does not document is worth a later try, and names the account', () => {
    const error = errorOf(paradex, answer(409, { error: 'SOMETHING_NEW', message: 'new' }), '0xabc');
    assert.deepEqual([error.code, error.retryable], ['paradex_unexpected_answer', true]);
    const signature = errorOf(paradex, answer(400, { error: 'INVALID_STARKNET_SIGNATURE' }), '0xabc');
    assert.match(signature.message, /account 0xabc.*\(Paradex said INVALID_STARKNET_SIGNATURE\)/s);
  });

  test('a login refusal that another login path may cure is told from one it cannot', () => {
    assert.equal(isKeyRefusal(answer(400, { error: 'SUBKEY_NOT_FOUND' })), true);
    assert.equal(isKeyRefusal(answer(400, { error: 'INVALID_TIMESTAMP' })), false);
    assert.equal(isKeyRefusal(answer(503, { error: 'INVALID_STARKNET_SIGNATURE' })), false);
  });
});

describe('Hyperliquid: plain-text refusals', () => {
  test('a 422 quotes the reason and names the request type; a 500 is retried, then exchange_error', () => {
    const refused = errorOf(hyperliquid, answer(422, 'Failed to deserialize the JSON body into the target type'), 'userFills');
    assert.deepEqual([refused.code, refused.kind], ['hyperliquid_rejected_request', 'bad_input']);
    assert.match(refused.message, /"userFills" request \(HTTP 422: Failed to deserialize/);
    const down = answer(500, 'internal');
    assert.equal(classifierFor(hyperliquid)(down).retry, true);
    assert.deepEqual([errorOf(hyperliquid, down).code, errorOf(hyperliquid, down).retryable], ['exchange_error', true]);
  });
});

/** An answer that should land on `row`: its first code in the exchange's envelope, else its first status, bare. */
const probeFor =
  (envelope: (code: string | number) => ExchangeAnswer, unknownCode: string | number) =>
  (row: ErrorRow<never>): ExchangeAnswer => {
    if (row.codes) return envelope(row.codes[0]!);
    if (row.anyCode) return envelope(unknownCode);
    const status = row.status ?? row.bareStatus;
    return answer(status === 'server_error' ? 503 : status![0]!, 'no envelope here');
  };

function everyRowYieldsItsOwnCode<W extends ExchangeWords>(name: string, table: ErrorTable<W>, probe: (row: ErrorRow<never>) => ExchangeAnswer): void {
  test(`${name}: every row is reachable and yields its own stable, documented code`, () => {
    const codes = table.rows.map((row) => row.code);
    assert.deepEqual(codes, [...new Set(codes)], 'two rows share a code');
    for (const row of table.rows) {
      assert.match(row.code, /^[a-z][a-z0-9_]*$/, `${row.code} is not snake_case`);
      assert.ok(row.means.trim().length > 10, `${row.code} does not say what the exchange means`);
      const error = errorFor(table, probe(row), 'acct');
      assert.deepEqual([error.code, error.kind, error.retryable], [row.code, row.kind, row.retryable], `the row for ${row.code} is shadowed`);
      assert.ok(error.message.length > 20 && !/undefined|null/.test(error.message), `${row.code}: ${error.message}`);
      const verdict = classifierFor(table)(probe(row));
      if (row.retry) assert.ok(verdict.retry && (verdict.rateLimited === true) === (row.retry === 'rate_limit'), `${row.code} is not retried as it says`);
    }
  });
}

everyRowYieldsItsOwnCode('Bybit', bybit, probeFor((code) => answer(200, { retCode: code, retMsg: 'words' }), 99_999));
everyRowYieldsItsOwnCode('WOO X', woox, probeFor((code) => answer(400, { success: false, code, message: 'words' }), -9_999));
everyRowYieldsItsOwnCode('Paradex', paradex, probeFor((code) => answer(418, { error: code, message: 'words' }), 'SOMETHING_NEW'));
everyRowYieldsItsOwnCode('Hyperliquid', hyperliquid, probeFor(() => assert.fail('Hyperliquid has no envelope codes'), ''));
