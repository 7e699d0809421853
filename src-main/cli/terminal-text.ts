/**
 * Text from outside the program — account labels (stored ones from before labels were checked
 * too), exchange error messages, file names — is printed in the user's terminal, where a control
 * character is an instruction: ESC starts a sequence that can move the cursor, rewrite lines or set
 * the window title, a carriage return overwrites the line, NUL and DEL hide text. Every terminal
 * output of the CLI passes through here, and shows each such character as a visible escape instead.
 */

/** C0 controls, DEL and C1 controls (Unicode general category Cc). */
const CONTROL = /\p{Cc}/gu;
/** The same, except newline and tab, which the CLI's own layout uses. */
const CONTROL_BUT_LAYOUT = /[^\P{Cc}\n\t]/gu;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\x1b': '\\e' };

function visible(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** One value (a table cell, a label): every control character escaped, newlines and tabs included. */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, visible);
}

/** Whole lines of output: control characters escaped, the output's own newlines and tabs kept. */
export function terminalText(text: string): string {
  return text.replace(CONTROL_BUT_LAYOUT, visible);
}

/**
 * JSON for a terminal: JSON.stringify already escapes C0 controls inside strings, but not DEL or C1
 * (U+0080–U+009F, which some terminals read as ESC sequences); those become \u escapes, still valid JSON.
 */
export function terminalJson(json: string): string {
  return json.replace(/[\u007f-\u009f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Writes to stdout with control characters escaped (see terminalText). */
export function printOut(text: string): void {
  process.stdout.write(terminalText(text));
}

/** Writes to stderr with control characters escaped (see terminalText). */
export function printErr(text: string): void {
  process.stderr.write(terminalText(text));
}
