/**
 * An account's notes to fold: which to list (chosen by their code, never by their words), and each
 * one's headline for the folded line, read from the sentence's shape (its first clause).
 */
import type { ApiAccountNote } from '../../../src-shared/schemas.ts';

/** The messages to list: the unpriced-fees note is left out, as the Accounts page shows that figure itself, counted as the overview counts it. */
export function notesToShow(notes: readonly ApiAccountNote[]): string[] {
  return notes.filter((note) => note.code !== 'unpriced_fees').map((note) => note.message);
}

/** Headlines longer than this are cut with an ellipsis (the folded line is one line). */
const HEADLINE_MAX = 60;

/** "Bybit serves only the last two years of fills; if you traded…" → "Bybit serves only the last two years of fills". */
export function noteHeadline(note: string): string {
  const first = note.trim().split(/[;:(]| — |\. /)[0]!.trim().replace(/[.,]$/, '');
  return first.length > HEADLINE_MAX ? `${first.slice(0, HEADLINE_MAX - 1).trimEnd()}…` : first;
}
