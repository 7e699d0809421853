/**
 * The REST base every Paradex call is made under. Paradex documents its server URL with the API
 * version (`https://api.prod.paradex.trade/v1`), and users paste it with or without: both forms
 * (and a proxy prefix in front of either) name the same API, so `/v1` is added when missing.
 * Without this, a bare origin sent every call to `/system/config` instead of `/v1/system/config`:
 * 404s all round, and a wrong key was reported as "Paradex answered HTTP 404" instead of a 422.
 */
import { API_VERSION_PATH } from './constants.ts';

export function paradexApiBaseUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith(API_VERSION_PATH) ? path : `${path}${API_VERSION_PATH}`;
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}
