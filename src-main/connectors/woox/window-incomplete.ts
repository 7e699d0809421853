/**
 * The account error for a window WOO X would not serve in full. It names the window and how many
 * trades are missing (by WOO X's own count, when it gives one), and says what happens next: the
 * cursor stays at the window's start, so every later sync tries it again.
 */
import { PerpvolError } from '../../core/errors.ts';

export const WINDOW_INCOMPLETE_CODE = 'woox_history_incomplete';

function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function windowIncompleteError(window: { start: number; end: number }, total: number | null, read: number): PerpvolError {
  const span = `between ${utc(window.start)} and ${utc(window.end)}`;
  const what =
    total !== null
      ? `WOO X counts ${total.toLocaleString('en-US')} trades ${span} but served only ${read.toLocaleString('en-US')} of them: ` +
        `${(total - read).toLocaleString('en-US')} are missing`
      : `WOO X served ${read.toLocaleString('en-US')} trades ${span} in full pages but would not page past them, and does not ` +
        'say how many there are: some trades of that window are missing';
  return new PerpvolError(
    'exchange_unavailable',
    WINDOW_INCOMPLETE_CODE,
    `${what}, however Perpvol asked (by time range, page number and trade id). The trades that were read are stored; ` +
      'history is not marked complete past the start of that window, and every sync tries it again. Until then the volume ' +
      'of those days may be too low. If this persists, report it with this message.',
    true,
  );
}
