import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AccountReconciliation } from '../../../src-shared/schemas.ts';
import {
  historyCertainlyIncomplete as certainlyIncomplete,
  historyNotice as notice,
  reconciliationBadge as badge,
  notesWorthShowing,
} from '../../../src-renderer/src/lib/reconciliation-view.ts';
import { served } from './served-exchanges.ts';

/** As the components call them: with the account's exchange as the server describes it. */
const historyNotice = (r: AccountReconciliation) => notice(r, served(r.exchange));
const reconciliationBadge = (r: AccountReconciliation) => badge(r, served(r.exchange).label);
const historyCertainlyIncomplete = (r: AccountReconciliation) => certainlyIncomplete(r, served(r.exchange));

const reconciliation = (overrides: Partial<AccountReconciliation> = {}): AccountReconciliation => ({
  accountId: 'a1',
  exchange: 'hyperliquid',
  label: 'HL main',
  historyLimitedBefore: null,
  reportedAsOf: '2026-03-10T12:00:00.000Z',
  oursAllTimeUsd: 1_234_567.89,
  reportedAllTimeUsd: 1_234_567.89,
  days: [
    { date: '2026-03-09', oursUsd: 1000, reportedUsd: 1000, differenceUsd: 0 },
    { date: '2026-03-10', oursUsd: 2000, reportedUsd: 2000, differenceUsd: 0 },
  ],
  mismatchedDays: 0,
  reportedWindows: [],
  reportedDailyLabel: null,
  historyGaps: [],
  ...overrides,
});

describe('reconciliation badge on the account card', () => {
  it('says the account matches the exchange when every reported day and all time agree', () => {
    assert.deepEqual(reconciliationBadge(reconciliation())?.text, 'Matches exchange ✓');
    assert.equal(reconciliationBadge(reconciliation())?.tone, 'ok');
  });

  it('counts the days that differ', () => {
    assert.equal(reconciliationBadge(reconciliation({ mismatchedDays: 1 }))?.text, 'Differs on 1 day');
    const badge = reconciliationBadge(reconciliation({ mismatchedDays: 3 }));
    assert.equal(badge?.text, 'Differs on 3 days');
    assert.equal(badge?.tone, 'warn');
    assert.match(badge?.detail ?? '', /3 days of the 2 days it reports|on 3 days/);
  });

  it('flags an all-time gap of a cent or more even when the reported days match', () => {
    const badge = reconciliationBadge(reconciliation({ oursAllTimeUsd: 900_000, reportedAllTimeUsd: 1_000_000.5 }));
    assert.equal(badge?.text, 'All-time differs by $100,000.50');
    assert.equal(badge?.tone, 'warn');
    assert.equal(reconciliationBadge(reconciliation({ oursAllTimeUsd: 10.004, reportedAllTimeUsd: 10 }))?.tone, 'ok');
  });

  it('shows no badge when the exchange reports nothing to compare with', () => {
    assert.equal(reconciliationBadge(reconciliation({ exchange: 'bybit', reportedAsOf: null, reportedAllTimeUsd: null, days: [] })), null);
  });

  it('compares Paradex’s 14-day fee-tier figure with ours over the same days, and says why they may differ', () => {
    const window = {
      key: 'fee_tier_14d',
      label: "Paradex's own 14-day volume for its fee tiers (retail: VIP 1): it counts spot as well as perps, and the main account together with all its sub-accounts",
      oursLabel: "Perpvol: this account's perpetual-futures volume over the same 14 UTC days, 2026-02-25 to 2026-03-10",
      days: 14,
      from: '2026-02-25',
      to: '2026-03-10',
      tier: 'retail: VIP 1',
      reportedUsd: 150_000,
      oursUsd: 150_000,
      differenceUsd: 0,
    };
    const paradex = (overrides: Partial<AccountReconciliation>) =>
      reconciliation({ exchange: 'paradex', days: [], reportedAllTimeUsd: null, reportedWindows: [window], ...overrides });
    const same = reconciliationBadge(paradex({}));
    assert.equal(same?.tone, 'ok');
    assert.match(same?.detail ?? '', /on its fee-tier window/);
    const off = reconciliationBadge(paradex({ reportedWindows: [{ ...window, reportedUsd: 152_500.5, differenceUsd: -2_500.5 }] }));
    assert.equal(off?.tone, 'warn');
    assert.equal(off?.text, '14-day figure differs by $2,500.50');
    assert.match(off?.detail ?? '', /spot as well as perps.*\$152,500\.50.*2026-02-25 to 2026-03-10.*\$150,000\.00.*Spot trades and sub-accounts/s);
  });
});

describe("Hyperliquid's daily figures and gaps between syncs", () => {
  const label = 'Hyperliquid fee-tier volume (includes spot and sub-accounts)';

  it('says what the exchange\'s daily figures count when a day differs', () => {
    const off = reconciliationBadge(reconciliation({ reportedDailyLabel: label, mismatchedDays: 1 }));
    assert.equal(off?.text, 'Differs on 1 day');
    assert.match(off?.detail ?? '', /Its daily figures are Hyperliquid fee-tier volume \(includes spot and sub-accounts\); ours are this account's perpetuals/);
  });

  it('names each stretch the exchange stopped serving, its own figure for those days beside ours, and offers the import', () => {
    const gap = { from: '2026-03-10T06:00:00.000Z', to: '2026-03-10T06:20:00.000Z', fromDay: '2026-03-10', toDay: '2026-03-10', reportedUsd: 250_000, oursUsd: 190_000.5 };
    const notice = historyNotice(reconciliation({ reportedDailyLabel: label, historyGaps: [gap] }));
    assert.match(notice?.text ?? '', /^Hyperliquid no longer serves your fills between .+ and .+: more than 10,000 fills happened between two syncs\. For Mar 10, 2026 Hyperliquid reports \$250,000\.00 \(Hyperliquid fee-tier volume \(includes spot and sub-accounts\)\), we count \$190,000\.50\.$/);
    assert.equal(notice?.importable, true);
    assert.match(notice?.guidance ?? '', /Export as CSV/);
    assert.equal(historyNotice(reconciliation({ historyGaps: [] })), null);
  });
});

describe('missing-history notice', () => {
  it('tells a Hyperliquid trader which fills are missing, both totals, and to import the CSV export', () => {
    const notice = historyNotice(reconciliation({ historyLimitedBefore: '2025-11-02T08:15:00.000Z', oursAllTimeUsd: 1_000_000, reportedAllTimeUsd: 1_500_000.25 }));
    assert.equal(
      notice?.text,
      'Hyperliquid only serves your 10,000 most recent fills; fills before Nov 2, 2025 are missing from these totals — the exchange reports $1,500,000.25 all-time vs our $1,000,000.00.',
    );
    assert.match(notice?.guidance ?? '', /Export as CSV/);
    assert.match(notice?.guidance ?? '', /import that file into Perpvol/);
  });

  it('leaves out the totals when the exchange reports no all-time number, and says nothing when history is complete', () => {
    const notice = historyNotice(reconciliation({ exchange: 'bybit', historyLimitedBefore: '2024-03-10T00:00:00.000Z', reportedAllTimeUsd: null }));
    assert.equal(notice?.text, 'Bybit only serves the last two years of fills; if you traded on this account before Mar 10, 2024, those fills are missing from these totals.');
    assert.equal(historyNotice(reconciliation()), null);
  });

  it('goes away once the exchange\'s all-time total equals ours, as after importing the CSV export', () => {
    const limited = { historyLimitedBefore: '2025-11-02T08:15:00.000Z' };
    assert.equal(historyNotice(reconciliation({ ...limited, oursAllTimeUsd: 1_500_000.25, reportedAllTimeUsd: 1_500_000.25 })), null);
    assert.notEqual(historyNotice(reconciliation({ ...limited, oursAllTimeUsd: 1_500_000.2, reportedAllTimeUsd: 1_500_000.25 })), null, 'five cents short');
  });

  it('offers the import only where Perpvol reads the export, and says so where it does not', () => {
    const limited = { historyLimitedBefore: '2024-03-10T00:00:00.000Z', reportedAllTimeUsd: null };
    assert.equal(historyNotice(reconciliation({ ...limited, exchange: 'bybit' }))?.importable, true);
    const woox = historyNotice(reconciliation({ ...limited, exchange: 'woox' }));
    assert.equal(woox?.importable, false);
    assert.match(woox?.guidance ?? '', /cannot import WOO X's CSV export yet/);
  });

  it('calls fills certainly missing only when the count limit was hit or the exchange reports more than we count', () => {
    const limited = { historyLimitedBefore: '2025-01-01T00:00:00.000Z' };
    assert.equal(historyCertainlyIncomplete(reconciliation({ ...limited, reportedAllTimeUsd: null })), true, 'Hyperliquid hit its 10,000 fills');
    assert.equal(historyCertainlyIncomplete(reconciliation({ ...limited, oursAllTimeUsd: 100, reportedAllTimeUsd: 150 })), true);
    assert.equal(historyCertainlyIncomplete(reconciliation({ ...limited, oursAllTimeUsd: 150, reportedAllTimeUsd: 150 })), false, 'the totals agree');
    assert.equal(historyCertainlyIncomplete(reconciliation({ ...limited, exchange: 'bybit', reportedAllTimeUsd: null })), false, 'a horizon only');
    assert.equal(historyCertainlyIncomplete(reconciliation()), false);
  });
});

describe('notes on the account card', () => {
  // Chosen by code, never by words: the history note is reworded here on purpose.
  const historyNote = { code: 'history_limited', params: {}, message: 'Hyperliquid keeps only your latest fills (reworded).' } as const;
  const keyNote = { code: 'key_not_checked', params: {}, message: "The key was not checked; import the exchange's CSV export to fill the gap" } as const;
  const limited = { historyLimitedBefore: '2025-11-02T08:15:00.000Z' };

  it('keeps the missing-fills note while the exchange reports more than we count, or reports nothing', () => {
    assert.deepEqual(notesWorthShowing([keyNote, historyNote], reconciliation({ ...limited, oursAllTimeUsd: 100, reportedAllTimeUsd: 150 })), [keyNote, historyNote]);
    assert.deepEqual(notesWorthShowing([historyNote], reconciliation({ ...limited, exchange: 'bybit', reportedAllTimeUsd: null })), [historyNote]);
    assert.deepEqual(notesWorthShowing([historyNote], undefined), [historyNote]);
  });

  it('drops it, and only it, once the exchange\'s own total equals ours (the import filled the gap)', () => {
    assert.deepEqual(notesWorthShowing([keyNote, historyNote], reconciliation({ ...limited, oursAllTimeUsd: 150, reportedAllTimeUsd: 150 })), [keyNote]);
  });
});
