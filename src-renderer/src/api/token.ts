/**
 * The API token in the browser: given once (typed in, or as `#token=…` in the link the server
 * prints) and kept in localStorage for this origin. The hash is removed from the address bar right
 * away so the token does not linger in history or screenshots.
 */
import { parseRoute, routeHash } from '../lib/hash-route.ts';

export const TOKEN_STORAGE_KEY = 'perpvol.apiToken';

/** The token in a URL hash like '#token=abc', '#/fills&token=abc' or '#/daily?range=1y&token=abc'; null when absent. */
export function tokenFromHash(hash: string): string | null {
  return parseRoute(hash).params.get('token') || null;
}

/** The hash with the token parameter removed, the page and its view kept ('' when nothing else remains). */
export function hashWithoutToken(hash: string): string {
  const route = parseRoute(hash);
  route.params.delete('token');
  return routeHash(route);
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
