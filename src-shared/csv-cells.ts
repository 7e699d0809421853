/**
 * Cells of Perpvol's CSV exports that are safe to open in a spreadsheet (OWASP "CSV Injection",
 * https://owasp.org/www-community/attacks/CSV_Injection): a spreadsheet runs a cell that starts
 * with =, +, -, @, a tab or a carriage return as a formula, so a text cell that does — an account
 * label, a symbol, an id an exchange sent — gets a leading apostrophe, which spreadsheets hide and
 * read as "this is text". RFC 4180 quoting does not help: a quoted "=cmd" still runs.
 *
 * Number columns are left alone so that -12.5 stays a number a spreadsheet can sum; a value in a
 * number column that is not a plain decimal is treated as text. Shared by the REST and CLI exports
 * and the desktop app's, so all three write the same cells.
 */

/** The OWASP list, plus the full-width forms Apple Numbers normalises to them. */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** What a number column holds: an optional minus, digits, an optional fraction. */
const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/** A text cell, with a leading apostrophe when a spreadsheet would read it as a formula. */
export function textCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A number cell: a plain decimal as is (negative ones too); anything else is treated as text. */
export function numberCell(value: string): string {
  return PLAIN_DECIMAL.test(value) ? value : textCell(value);
}
