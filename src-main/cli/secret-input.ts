/**
 * Secrets the CLI must never take from its command line, where shell history and `ps` keep them:
 * read from an environment variable, else asked for on the terminal without echo, else taken from
 * the first line of standard input (`perpvol … --readonly-token < token.txt`).
 */
import { badInput } from '../core/errors.ts';

/** Longest secret read from standard input; a token is a few hundred characters. */
const MAX_STDIN_BYTES = 64 * 1024;
const ENTER = new Set(['\r', '\n']);
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const BACKSPACE = new Set(['\u007f', '\b']);

/** Asks on the terminal, echoing nothing; resolves with what was typed before Enter. */
function askHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string): void => {
      for (const char of chunk) {
        if (ENTER.has(char)) return finish(), resolve(typed);
        if (char === CTRL_C || char === CTRL_D) return finish(), reject(badInput('cancelled', 'Cancelled; nothing was changed.'));
        typed = BACKSPACE.has(char) ? typed.slice(0, -1) : typed + char;
      }
    };
    process.stderr.write(question);
    stdin.setEncoding('utf8');
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/** The first non-empty line of standard input (a pipe or a redirected file). */
async function firstLineOfStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.length > MAX_STDIN_BYTES) break;
  }
  return text.split(/\r?\n/).find((line) => line.trim() !== '')?.trim() ?? '';
}

export interface SecretSource {
  /** Environment variable to read first. */
  env: string;
  /** What it is, for the prompt and the messages ("Paradex read-only token"). */
  what: string;
}

export async function readSecret(source: SecretSource): Promise<string> {
  const fromEnv = process.env[source.env]?.trim();
  if (fromEnv) return fromEnv;
  const value = process.stdin.isTTY ? await askHidden(`${source.what} (input hidden): `) : await firstLineOfStdin();
  if (value.trim() === '') {
    throw badInput(
      'secret_missing',
      `No ${source.what} was given. Set ${source.env}, run the command in a terminal to be asked for it, or pipe it in on standard input.`,
    );
  }
  return value.trim();
}

/** The refusal for a secret written on the command line: it is already in the shell's history. */
export function secretOnCommandLine(flag: string, source: SecretSource): Error {
  return badInput(
    'secret_on_command_line',
    `${flag} takes no value: a ${source.what} on the command line stays in your shell history and is visible to other programs (ps). ` +
      `Nothing was changed. Give the flag alone and type it when asked, or set ${source.env} (or pipe it in on standard input). ` +
      `The ${source.what} you typed is now in your shell history: revoke it and create a new one.`,
  );
}
