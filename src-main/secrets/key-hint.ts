/**
 * What a list may show of a key so a user can tell which one an account uses: at most the last
 * four characters of the API key id (never of a secret), e.g. "…a1b2". Only exchanges whose key
 * has a public id (Bybit, WOO X) get one; a key too short to hide most of it gets none.
 */
const SHOWN = 4;
const MIN_LENGTH = 12;

/** Where the hint is kept among the account's non-secret key facts (AccountRecord.permissions). */
export const KEY_HINT_FIELD = 'keyHint';

export function keyHint(credentials: Record<string, string>): string | null {
  const apiKey = credentials.apiKey;
  if (!apiKey || apiKey.length < MIN_LENGTH) return null;
  return `…${apiKey.slice(-SHOWN)}`;
}

/** The account's key facts with the hint of these credentials (or without any, when they have none). */
export function withKeyHint(permissions: Record<string, unknown>, credentials: Record<string, string>): Record<string, unknown> {
  const { [KEY_HINT_FIELD]: _old, ...rest } = permissions;
  const hint = keyHint(credentials);
  return hint ? { ...rest, [KEY_HINT_FIELD]: hint } : rest;
}

export function storedKeyHint(permissions: Record<string, unknown>): string | null {
  const hint = permissions[KEY_HINT_FIELD];
  return typeof hint === 'string' && /^….{1,4}$/u.test(hint) ? hint : null;
}
