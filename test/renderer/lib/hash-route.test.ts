import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRoute, routeHash } from '../../../src-renderer/src/lib/hash-route.ts';

describe('page and view in the address bar', () => {
  it('reads the page and its view', () => {
    const route = parseRoute('#/daily?range=1y&group=underlying');
    assert.equal(route.page, 'daily');
    assert.equal(route.params.get('range'), '1y');
    assert.equal(route.params.get('group'), 'underlying');
    assert.equal(parseRoute('#/fills').page, 'fills');
    assert.equal(parseRoute('').page, '');
    assert.equal(parseRoute('#/fills&token=x').params.get('token'), 'x', 'the older link form');
    assert.equal(parseRoute('#token=x').page, '');
  });

  it('writes it back the same way', () => {
    assert.equal(routeHash({ page: 'daily', params: new URLSearchParams({ range: '2y', from: '2026-01-01' }) }), '#/daily?range=2y&from=2026-01-01');
    assert.equal(routeHash({ page: 'overview', params: new URLSearchParams() }), '#/overview');
    const text = '#/fills?account=a%26b&from=2026-01-01';
    assert.equal(routeHash(parseRoute(text)), text);
  });
});
