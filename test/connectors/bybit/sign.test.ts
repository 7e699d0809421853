import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bybitAuthHeaders } from '../../../src-main/connectors/bybit/client.ts';

// Expected values computed outside this code base from the documented recipe
// (https://bybit-exchange.github.io/docs/v5/guide): HMAC-SHA256(secret, timestamp + apiKey +
// recvWindow + queryString), lowercase hex — with `openssl dgst -sha256 -hmac`.
const input = {
  apiKey: 'XXXXXXXXXX',
  apiSecret: 'YYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYY',
  timestamp: 1658385579423,
  recvWindow: 5000,
};
const bybitSignature = (signed: typeof input & { payload: string }): string | undefined => bybitAuthHeaders(signed)['X-BAPI-SIGN'];

test('the signature of a GET covers timestamp, key, recv window and the query string as sent', () => {
  const payload = 'category=linear&startTime=1700000000000&endTime=1700604799999&limit=100';
  assert.equal(bybitSignature({ ...input, payload }), 'ab909b2d6980aa43c6fba2bb7d0c266d7b5b2c4896eb3f12defbf04e516b84e6');
});

test('a GET without parameters signs an empty payload', () => {
  assert.equal(bybitSignature({ ...input, payload: '' }), '98fb517da602d0818790746c22223bf00708e17b21e2b0460487be8774203a2a');
});

test('reordering the query string changes the signature, because Bybit does not sort it', () => {
  const a = bybitSignature({ ...input, payload: 'category=linear&limit=100' });
  const b = bybitSignature({ ...input, payload: 'limit=100&category=linear' });
  assert.notEqual(a, b);
});

test('the auth headers carry the key, timestamp, recv window and signature but never the secret', () => {
  const headers = bybitAuthHeaders({ ...input, payload: '' });
  assert.deepEqual(headers, {
    'X-BAPI-API-KEY': 'XXXXXXXXXX',
    'X-BAPI-TIMESTAMP': '1658385579423',
    'X-BAPI-RECV-WINDOW': '5000',
    'X-BAPI-SIGN': '98fb517da602d0818790746c22223bf00708e17b21e2b0460487be8774203a2a',
  });
  assert.ok(!JSON.stringify(headers).includes(input.apiSecret));
});
