import type { UnpricedFee } from '../../src-shared/schemas.ts';
import { addDecimals, formatDecimal, parseDecimal, type Decimal } from '../core/decimal.ts';
import type { Store, UnclassifiedCount, UnpricedFeeRow } from '../store/store.ts';

/**
 * The warnings an account carries about what Perpvol could not count: executions no rule
 * classified (kept aside, out of volume) and fees in tokens without a USD price (listed, not $0).
 * Each starts with a fixed phrase so a later refresh replaces it without touching the account's
 * other warnings (key permissions, history limits).
 */
const UNCLASSIFIED_MARKER = 'not counted in volume: Perpvol does not know';
const UNPRICED_MARKER = 'Fees in tokens Perpvol cannot price';

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

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export function unclassifiedWarning(counts: readonly Pick<UnclassifiedCount, 'rawType' | 'count'>[]): string | null {
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  if (total === 0) return null;
  const types = counts.map((c) => `${c.rawType || 'no type'} ×${c.count.toLocaleString('en-US')}`).join(', ');
  const [its, they] = total === 1 ? ['its', 'it is'] : ['their', 'they are'];
  return `${plural(total, 'execution')} ${UNCLASSIFIED_MARKER} ${its} type (${types}); ${they} kept aside. Update Perpvol, and report this if it stays.`;
}

export function unpricedWarning(fees: readonly UnpricedFee[]): string | null {
  if (fees.length === 0) return null;
  const list = fees.map((f) => `${f.amount} ${f.currency} over ${plural(f.fills, 'fill')}`).join('; ');
  return `${UNPRICED_MARKER} in USD are listed, not counted as $0: ${list}.`;
}

/** Whether a warning is one of these (about the account's stored executions, not its key). */
export function isCountingWarning(warning: string): boolean {
  return warning.includes(UNCLASSIFIED_MARKER) || warning.startsWith(UNPRICED_MARKER);
}

/** `warnings` with the counting warnings replaced by `current` (dropped when there is nothing to say). */
export function withCountingWarnings(warnings: readonly string[], current: readonly (string | null)[]): string[] {
  const others = warnings.filter((w) => !isCountingWarning(w));
  return [...others, ...current.filter((w): w is string => w !== null)];
}

/** The counting warnings of one account as its stored executions say now (every kind, all time). */
export async function countingWarnings(store: Store, accountId: string): Promise<(string | null)[]> {
  const [unclassified, unpriced] = await Promise.all([store.fills.unclassifiedCounts(accountId), store.volume.unpricedFees({ accountId })]);
  return [unclassifiedWarning(unclassified), unpricedWarning(mergeUnpricedFees(unpriced))];
}
