import type { NoteOf } from '../../src-shared/account-notes.ts';
import type { UnpricedFee } from '../../src-shared/schemas.ts';
import { addDecimals, formatDecimal, parseDecimal, type Decimal } from '../core/decimal.ts';
import type { Store, UnclassifiedCount, UnpricedFeeRow } from '../store/store.ts';

/**
 * The notes an account carries about what Perpvol could not count: executions no rule classified
 * (kept aside, out of volume) and fees in tokens without a USD price (listed, not $0).
 */

/** Unpriced fees added up per token (accounts and exchanges merged), largest fill count first. */
export function mergeUnpricedFees(rows: readonly UnpricedFeeRow[]): UnpricedFee[] {
  const byToken = new Map<string, { amount: Decimal; fills: number }>();
  for (const row of rows) {
    const sum = byToken.get(row.currency) ?? { amount: { units: 0n, scale: 0 }, fills: 0 };
    sum.amount = addDecimals(sum.amount, parseDecimal(row.amount));
    sum.fills += row.fills;
    byToken.set(row.currency, sum);
  }
  return [...byToken.entries()]
    .map(([currency, sum]) => ({ currency, amount: formatDecimal(sum.amount), fills: sum.fills }))
    .sort((a, b) => b.fills - a.fills || a.currency.localeCompare(b.currency));
}

export function unclassifiedNote(counts: readonly Pick<UnclassifiedCount, 'rawType' | 'count'>[]): NoteOf<'unclassified_executions'> | null {
  const types = counts.filter((c) => c.count > 0).map((c) => ({ rawType: c.rawType, count: c.count }));
  return types.length === 0 ? null : { code: 'unclassified_executions', params: { types } };
}

export function unpricedNote(fees: readonly UnpricedFee[]): NoteOf<'unpriced_fees'> | null {
  const listed = fees.map((f) => ({ currency: f.currency, amount: f.amount, fills: f.fills }));
  return listed.length === 0 ? null : { code: 'unpriced_fees', params: { fees: listed } };
}

/** The counting notes of one account as its stored executions say now (every kind, all time). */
export async function countingNotes(store: Store, accountId: string): Promise<(NoteOf<'unclassified_executions'> | NoteOf<'unpriced_fees'>)[]> {
  const [unclassified, unpriced] = await Promise.all([store.fills.unclassifiedCounts(accountId), store.volume.unpricedFees({ accountId })]);
  return [unclassifiedNote(unclassified), unpricedNote(mergeUnpricedFees(unpriced))].filter((note) => note !== null);
}
