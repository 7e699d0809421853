import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { hmacSha256Hex, v3AuthHeaders } from '../../../src-main/connectors/woox/client.ts';

// The documented example key pair (https://developer.woox.io/api-reference/guide, https://docs.woox.io/#authentication).
const DOC_KEY = { apiKey: 'AbmyVJGUpN064ks5ELjLfA==', apiSecret: 'QHKRXHPAW1MC9YGZMAT8YDJG2HPR' };
const DOC_TIMESTAMP = 1578565539808;

test('the HMAC reproduces the signature WOO X publishes for its example order', () => {
  const content = 'order_price=9000&order_quantity=0.11&order_type=LIMIT&side=BUY&symbol=SPOT_BTC_USDT|1578565539808';
  // x-api-signature of the documented request (WOO X support article on error -1002).
  assert.equal(hmacSha256Hex(DOC_KEY.apiSecret, content), '20da0852f73b20da0208c7e627975a59ff072379883d8457d03104651032033d');
});

/** The signature WOO X expects over a signed content, computed here with node's own HMAC. */
const signatureOf = (content: string): string => createHmac('sha256', DOC_KEY.apiSecret).update(content).digest('hex');

test('v3 signing normalizes a GET as timestamp, method, path and query exactly as the guide shows', () => {
  const headers = v3AuthHeaders(DOC_KEY, DOC_TIMESTAMP, { method: 'get', path: '/v3/algo/orders', queryString: 'algoType=STOP', body: '' });
  const content = '1578565539808GET/v3/algo/orders?algoType=STOP';
  assert.equal(headers['x-api-key'], DOC_KEY.apiKey);
  assert.equal(headers['x-api-timestamp'], '1578565539808');
  assert.equal(headers['x-api-signature'], signatureOf(content));
  assert.match(headers['x-api-signature']!, /^[0-9a-f]{64}$/);
});

test('v3 signing appends a POST body verbatim and adds no "?" when there is no query', () => {
  const body = '{"symbol": "PERP_BTC_USDT", "side": "BUY", "reduceOnly": false, "type": "MARKET", "quantity": "1", "algoType": "TRAILING_STOP", "callbackRate": "100"}';
  const headers = v3AuthHeaders(DOC_KEY, DOC_TIMESTAMP, { method: 'POST', path: '/v3/algo/order', queryString: '', body });
  assert.equal(headers['x-api-signature'], signatureOf(`1578565539808POST/v3/algo/order${body}`));
});
