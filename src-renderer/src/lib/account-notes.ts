/**
 * An account's warnings as notes to fold: which to list, and each one's headline for the folded
 * line. Read from the sentences' shape (their first clause), never from exact wording, so a
 * reworded warning still folds the same way.
 */

/** The unpriced-fees note: the Accounts page shows that figure itself, counted as the overview counts it. */
const UNPRICED_FEES = /^fees in tokens\b/i;

export function notesToShow(warnings: readonly string[]): string[] {
  return warnings.filter((warning) => !UNPRICED_FEES.test(warning.trim()));
}

/** Headlines longer than this are cut with an ellipsis (the folded line is one line). */
const HEADLINE_MAX = 60;

/** "Bybit serves only the last two years of fills; if you traded…" → "Bybit serves only the last two years of fills". */
export function noteHeadline(note: string): string {
  const first = note.trim().split(/[;:(]| — |\. /)[0]!.trim().replace(/[.,]$/, '');
  return first.length > HEADLINE_MAX ? `${first.slice(0, HEADLINE_MAX - 1).trimEnd()}…` : first;
}
