/**
 * The history-limit warning says what each exchange really allows: Hyperliquid's and Bybit's
 * exports can be imported, WOO X's cannot — its card must never tell the user to import one.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { historyLimitedWarning, isHistoryWarning, withHistoryWarning } from '../../src-main/sync/history-warning.ts';

const DAY = Date.parse('2024-12-01T00:00:00Z');

describe('history-limit warning', () => {
  test('Hyperliquid: fills are certainly missing, and its export fills the gap', () => {
    assert.equal(historyLimitedWarning('hyperliquid', DAY), "Hyperliquid serves only your 10,000 most recent fills; fills before 2024-12-01 are missing — import the exchange's CSV export to fill the gap");
  });

  test('Bybit: missing only if the account traded that long ago; its export fills the gap', () => {
    assert.equal(historyLimitedWarning('bybit', DAY), "Bybit serves only the last two years of fills; if you traded before 2024-12-01, those fills are missing — import the exchange's CSV export to fill the gap");
  });

  test('WOO X: never told to import a CSV export, which Perpvol cannot read', () => {
    const warning = historyLimitedWarning('woox', DAY);
    assert.doesNotMatch(warning, /import the/i);
    assert.equal(warning, 'WOO X serves only the last two years of fills; if you traded before 2024-12-01, those fills are missing — Perpvol cannot import its export, so they cannot be counted');
  });

  test('a later sync replaces either wording, and the older one that told WOO X users to import', () => {
    const older = "WOO X does not serve your older fills; fills before 2024-01-01 are missing — import the exchange's CSV export to fill the gap";
    const replaced = withHistoryWarning(['key can trade', older], 'woox', DAY);
    assert.deepEqual(replaced, ['key can trade', historyLimitedWarning('woox', DAY)]);
    assert.ok(isHistoryWarning(replaced[1]!));
    assert.deepEqual(withHistoryWarning(replaced, 'woox', null), ['key can trade']);
  });
});
