/**
 * The API token in the browser: given once (typed in, or as `#token=…` in the link the server
 * prints) and kept in localStorage for this origin. The hash is removed from the address bar right
 * away so the token does not linger in history or screenshots.
 */
export const TOKEN_STORAGE_KEY = 'perpvol.apiToken';

/** The token in a URL hash like '#token=abc' or '#/fills&token=abc'; null when absent. */
export function tokenFromHash(hash: string): string | null {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of text.split(/[&?]/)) {
    const [key, value] = part.split('=', 2);
    if (key === 'token' && value) return decodeURIComponent(value);
  }
  return null;
}

/** The hash with the token parameter removed ('' when nothing else remains). */
export function hashWithoutToken(hash: string): string {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  const rest = text.split('&').filter((part) => !part.startsWith('token=') && part !== '');
  return rest.length > 0 ? `#${rest.join('&')}` : '';
}

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export class TokenStore {
  constructor(private readonly storage: KeyValueStorage) {}
  get(): string | null {
    return this.storage.getItem(TOKEN_STORAGE_KEY);
  }
  set(token: string): void {
    this.storage.setItem(TOKEN_STORAGE_KEY, token.trim());
  }
  clear(): void {
    this.storage.removeItem(TOKEN_STORAGE_KEY);
  }
}
