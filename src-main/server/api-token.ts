/**
 * The bearer token that guards the REST API (docs/api.md, "Authentication"). It is PERPVOL_API_TOKEN when set;
 * otherwise a random token generated once into `<data-dir>/api-token`, readable only by the user,
 * so scripts on the same machine can read it and nothing else can.
 */
import { randomBytes, createHash, timingSafeEqual } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PerpvolError } from '../core/errors.ts';

export const API_TOKEN_FILE = 'api-token';
const TOKEN_BYTES = 32;
/**
 * Shortest token accepted. The generated one is 43 characters (32 random bytes); a short
 * PERPVOL_API_TOKEN ("secret", "1") could be guessed over the network, back-off or not.
 */
export const MIN_TOKEN_LENGTH = 32;
const OWNER_ONLY = 0o600;
/** The data dir holds the database and the secrets file too: only its owner may look inside. */
const PRIVATE_DIR = 0o700;

export interface ApiToken {
  token: string;
  /** Where the token was read from or written to; null when it came from the environment/options. */
  path: string | null;
  generated: boolean;
}

/** The configured token, or the data dir's token file (created with mode 0600 on first start). */
export async function resolveApiToken(dataDir: string, configured?: string): Promise<ApiToken> {
  if (configured && configured.trim() !== '') {
    const token = configured.trim();
    if (token.length < MIN_TOKEN_LENGTH) {
      throw tooShort(
        `PERPVOL_API_TOKEN is ${token.length} characters long; use at least ${MIN_TOKEN_LENGTH} (for example \`openssl rand -base64 32\`), or unset it and Perpvol generates one into ${join(dataDir, API_TOKEN_FILE)}`,
      );
    }
    return { token, path: null, generated: false };
  }
  const path = join(dataDir, API_TOKEN_FILE);
  const existing = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (existing !== null && existing.trim() !== '') {
    if (existing.trim().length < MIN_TOKEN_LENGTH) {
      throw tooShort(
        `the API token in ${path} is ${existing.trim().length} characters long; use at least ${MIN_TOKEN_LENGTH}: delete the file and Perpvol generates a new one at the next start (then give scripts and browsers the new token)`,
      );
    }
    // A token file someone loosened is tightened again: it is a password.
    if (process.platform !== 'win32' && ((await stat(path)).mode & 0o077) !== 0) await chmod(path, OWNER_ONLY);
    return { token: existing.trim(), path, generated: false };
  }
  // The token is often the first thing written to a new data dir; create it private, as the core does.
  await mkdir(dataDir, { recursive: true, mode: PRIVATE_DIR });
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  await writeFile(path, `${token}\n`, { mode: OWNER_ONLY });
  await chmod(path, OWNER_ONLY); // the umask may have taken bits away from `mode`, never added; be explicit
  return { token, path, generated: true };
}

function tooShort(message: string): PerpvolError {
  return new PerpvolError('bad_input', 'api_token_too_short', message);
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Whether an Authorization header carries the token. Both sides are hashed first so the
 * comparison runs on equal-length buffers and takes the same time whatever the guess.
 */
export function bearerMatches(header: string | undefined, token: string): boolean {
  if (typeof header !== 'string') return false;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  const presented = match?.[1] ?? '';
  const ok = timingSafeEqual(digest(presented), digest(token));
  return ok && presented !== '';
}
