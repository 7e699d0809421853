/**
 * GET /v1/account/info (https://docs.paradex.trade/api/prod/account/get-info): who the credential
 * speaks for. `results` lists account entries; the one to read is the account the credential is
 * for — the address a key was given with, or for a read-only token the account its `sub` names,
 * else the only (or the main) entry.
 */
import type { ParadexClient } from './client.ts';
import { ACCOUNT_INFO_PATH } from './constants.ts';
import { accountInfoSchema, parseAnswer, type ParadexAccountInfo } from './schemas.ts';

export function sameFelt(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  try {
    return BigInt(a) === BigInt(b);
  } catch {
    return false;
  }
}

/** An account address as Perpvol keeps it for identity: 0x and lowercase hex without leading zeros. */
export function accountIdentity(address: string): string {
  return `0x${BigInt(address).toString(16)}`;
}

export async function fetchAccountInfo(
  client: ParadexClient,
  signal: AbortSignal,
  expectedAccount: string | null,
): Promise<ParadexAccountInfo | null> {
  const info = parseAnswer(accountInfoSchema, await client.privateGet(ACCOUNT_INFO_PATH, [], signal), 'account info', `GET /v1${ACCOUNT_INFO_PATH}`);
  const entries = info.results;
  return (
    entries.find((entry) => sameFelt(entry.account, expectedAccount)) ??
    (entries.length === 1 ? entries[0] : undefined) ??
    entries.find((entry) => entry.kind === 'main' || !entry.parent_account) ??
    entries[0] ??
    null
  );
}
