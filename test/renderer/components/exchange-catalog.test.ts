/**
 * A fifth exchange the renderer has never heard of — the test-only "Acme", registered only in a
 * server's registry — shows by the name and colour its descriptor serves, in the chart's colours and
 * in a component rendered the way the dashboard renders it; an id the list does not hold (yet)
 * shows as itself in a palette colour. Never an error, never "undefined".
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ExchangeInfo } from '../../../src-shared/exchange-info.ts';
import type { ExchangeIdValue, Summary, VolumeWindow, Windows } from '../../../src-shared/schemas.ts';
import { ExchangeStanding, exchangeRows } from '../../../src-renderer/src/components/ExchangeStanding.tsx';
import { ExchangesContext } from '../../../src-renderer/src/hooks/exchanges-context.ts';
import { exchangeCatalog } from '../../../src-renderer/src/lib/exchange-catalog.ts';
import { PALETTE, seriesColors } from '../../../src-renderer/src/lib/series-colors.ts';
import { acme } from '../../connectors/made-up/acme-adapter.ts';
import { SERVED_EXCHANGES } from '../lib/served-exchanges.ts';

// Acme's served description: a JSON round trip, as GET /api/v1/exchanges gives it.
const WITH_ACME: ExchangeInfo[] = [...SERVED_EXCHANGES, JSON.parse(JSON.stringify(acme.info))];
const ACME_LIME = { light: '#65a30d', dark: '#a3e635' };
const ACME_SECOND = '#3f6212';
const palette = new Set(PALETTE.flatMap((shade) => [shade.light, shade.dark]));

describe('exchange names and colours from the served list', () => {
  it('names and colours an exchange only the server knows, and an unknown id as itself in a palette colour', () => {
    const catalog = exchangeCatalog(WITH_ACME);
    assert.equal(catalog.name('acme'), 'Acme');
    assert.deepEqual(catalog.shade('acme'), ACME_LIME);
    assert.equal(catalog.name('woox'), 'WOO X');
    assert.equal(catalog.name('nosuch'), 'nosuch');
    assert.ok(palette.has(catalog.shade('nosuch').light));
    const before = exchangeCatalog([]);
    assert.equal(before.name('bybit'), 'bybit', 'before the list arrives: the id, not undefined');
    assert.ok(palette.has(before.shade('bybit').dark));
  });

  it('draws the made-up exchange in its colour and its accounts in its shades, no two series alike', () => {
    const catalog = exchangeCatalog(WITH_ACME);
    const byExchange = seriesColors('exchange', ['bybit', 'acme', 'nosuch'], false, catalog);
    assert.equal(byExchange['bybit'], '#d97706');
    assert.equal(byExchange['acme'], ACME_LIME.light);
    assert.ok(palette.has(byExchange['nosuch']!));
    const accounts = [{ id: 'a1', exchange: 'acme' }, { id: 'a2', exchange: 'acme' }, { id: 'x1', exchange: 'nosuch' }, { id: 'x2', exchange: 'nosuch' }];
    const byAccount = seriesColors('account', accounts.map((a) => a.id), true, catalog, accounts);
    assert.equal(byAccount['a1'], ACME_LIME.dark);
    assert.equal(byAccount['a2'], '#d9f99d');
    assert.equal(new Set(Object.values(byAccount)).size, 4, 'two accounts of an unknown exchange still differ');
    assert.equal(seriesColors('account', ['a2'], false, catalog, accounts)['a2'], ACME_SECOND);
  });

  it('renders the overview’s exchange table with the made-up exchange’s name and colour', () => {
    const window: VolumeWindow = { volumeUsd: 1_250, feesUsd: 0.5, trades: 3, unpricedFees: [] };
    const windows: Windows = { today: window, d7: window, d14: window, d30: window, allTime: window };
    const summary: Summary = { ...windows, asOf: '2026-12-07T12:00:00.000Z', kinds: ['perpetual'], byExchange: { ['acme' as ExchangeIdValue]: windows, ['nosuch' as ExchangeIdValue]: windows }, byAccount: {} };
    const rows = exchangeRows(summary, null, {}, () => ({ partial: false, note: null }));
    const html = renderToStaticMarkup(createElement(ExchangesContext.Provider, { value: WITH_ACME }, createElement(ExchangeStanding, { rows, dark: false })));
    assert.match(html, />Acme</);
    assert.match(html, new RegExp(`data-color="${ACME_LIME.light}"`));
    assert.match(html, />nosuch</);
    assert.doesNotMatch(html, /undefined/);
  });
});
