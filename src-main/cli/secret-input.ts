/**
 * Where the CLI takes every secret (an API secret, a Paradex private key or read-only token) from:
 * the environment, or a prompt in the terminal whose typing is hidden — never a command-line flag.
 * A command's arguments are visible to every user of the machine (`ps`, /proc/<pid>/cmdline) and
 * stay in the shell's history; the environment of a process is readable only by its user, and a
 * hidden prompt leaves nothing behind at all.
 */
import { Option } from 'commander';
import { read } from 'read';
import { badInput, PerpvolError } from '../core/errors.ts';

export interface SecretSource {
  /** The environment variable that may hold it, e.g. PERPVOL_API_SECRET. */
  env: string;
  /** What it is, for the prompt and messages: "Bybit API secret". */
  what: string;
}

export interface SecretInputIo {
  env: NodeJS.ProcessEnv;
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Where the prompt goes: stderr, so that stdout stays the command's output (--json). */
  output: NodeJS.WritableStream & { isTTY?: boolean };
}

const processIo = (): SecretInputIo => ({ env: process.env, input: process.stdin, output: process.stderr });

/**
 * The secret from `source.env` when it is set; otherwise, in a terminal, asked for with hidden
 * typing; otherwise (a script, a pipe) an error saying how to provide it.
 */
export async function readSecret(source: SecretSource, io: SecretInputIo = processIo()): Promise<string> {
  const fromEnv = io.env[source.env]?.trim();
  if (fromEnv) return fromEnv;
  if (!io.input.isTTY) {
    throw badInput(
      'secret_missing',
      `The ${source.what} is needed: set ${source.env} in the environment (for example \`read -rs ${source.env} && export ${source.env}\`), ` +
        'or run this command in a terminal and Perpvol asks for it with hidden typing.',
    );
  }
  let typed: string;
  try {
    typed = await read({ prompt: `${source.what} (typing is hidden; or set ${source.env}):`, silent: true, replace: '', input: io.input, output: io.output, terminal: true });
  } catch (error) {
    throw new PerpvolError('bad_input', 'secret_prompt_cancelled', `No ${source.what} was entered (${error instanceof Error ? error.message : 'cancelled'}); nothing was changed.`);
  } finally {
    io.output.write('\n'); // the hidden line ends without the user's Enter being echoed
  }
  const secret = typed.trim();
  if (secret === '') throw badInput('secret_missing', `No ${source.what} was entered; nothing was changed. Type or paste it at the prompt, or set ${source.env}.`);
  return secret;
}

/**
 * A flag that used to take a secret (`--api-secret <secret>`): still parsed, so that using it
 * gets an explanation instead of "unknown option", but hidden from --help and always refused.
 */
export function refusedSecretFlag(flags: string): Option {
  return new Option(flags).hideHelp();
}

/**
 * The refusal for a secret given on the command line: why, what to do instead, and to clean up
 * after it. `flagAlone`: the flag itself is wanted, only without a value (`--readonly-token`).
 */
export function secretFlagRefused(flag: string, source: SecretSource, { flagAlone = false } = {}): PerpvolError {
  const instead = flagAlone
    ? `Give ${flag} alone and Perpvol asks for the ${source.what} with hidden typing, or set ${source.env}.`
    : `Set ${source.env} instead, or leave it out and Perpvol asks for the ${source.what} with hidden typing.`;
  return badInput(
    'secret_on_command_line',
    `${flag} ${flagAlone ? 'takes no value' : 'is not accepted'}: a secret in a command's arguments is visible to every user of this machine (ps) ` +
      `and stays in your shell history. ${instead} Nothing was changed. If you typed a real secret, remove that line from your shell ` +
      'history, and revoke it at the exchange and create a new one.',
  );
}
