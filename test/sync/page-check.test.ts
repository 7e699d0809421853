import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FillPage } from '../../src-main/connectors/kit/connector.ts';
import { checkPage } from '../../src-main/sync/page-check.ts';

const NOW = Date.UTC(2026, 0, 1);
const page = (over: Partial<FillPage>): FillPage => ({ fills: [], cursor: {}, progress: 1, coveredFrom: null, coveredTo: null, ...over });
const refused = (over: Partial<FillPage>) => assert.throws(() => checkPage(page(over), 'bybit', NOW), { code: 'malformed_page' });

test('a page that would move a market to nothing Perpvol counts, or report an impossible history gap, is refused whole', () => {
  checkPage(page({ reclassified: [{ symbol: 'BTCQUSDT', kind: 'dated_future', underlying: 'BTC' }], historyGaps: [{ from: 1, to: 2 }] }), 'bybit', NOW);
  refused({ reclassified: [{ symbol: 'BTCQUSDT', kind: 'spot' as never, underlying: 'BTC' }] });
  refused({ reclassified: [{ symbol: '', kind: 'perpetual', underlying: 'BTC' }] });
  refused({ reclassified: [{ symbol: 'X', kind: 'perpetual', underlying: '' }] });
  refused({ historyGaps: [{ from: 5, to: 4 }] });
  refused({ historyGaps: [{ from: Number.NaN, to: 4 }] });
});
