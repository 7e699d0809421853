/**
 * Finding one API key in WOO X's paged list of an account's keys (`GET /v3/account/credentials`,
 * constants.ts CREDENTIALS_PAGE_SIZE): page after page until the key shows up, the list ends (an
 * empty or short page, or meta.total reached), or WOO X answers the same page again (it ignores
 * `page`: nothing further can be read).
 */
import type { WooxClient } from './client.ts';
import { ACCOUNT_CREDENTIALS_PATH, CREDENTIALS_PAGE_SIZE } from './constants.ts';
import { credentialsSchema, type ListedKey } from './schemas.ts';

/** A bound for an exchange that keeps answering new pages: far more keys than any account holds. */
const MAX_PAGES = 100;

export async function findListedKey(client: WooxClient, apiKey: string, signal: AbortSignal): Promise<ListedKey | null> {
  let listed = 0;
  let previousFirst: string | undefined;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const body = await client.get(ACCOUNT_CREDENTIALS_PATH, [['page', page], ['size', CREDENTIALS_PAGE_SIZE]], credentialsSchema, signal);
    const rows = body.data.rows;
    const found = rows.find((row) => row.apiKey === apiKey);
    if (found) return found;
    if (rows.length === 0 || rows[0]!.apiKey === previousFirst) return null;
    listed += rows.length;
    const total = body.data.meta?.total;
    if (total !== undefined ? listed >= total : rows.length < CREDENTIALS_PAGE_SIZE) return null;
    previousFirst = rows[0]!.apiKey;
  }
  return null;
}
