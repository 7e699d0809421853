/**
 * Who a WOO X key belongs to (`GET /v3/account/info`, required: applicationId is unique per main or
 * sub account) and what it may do (`GET /v3/account/credentials`, optional: when it cannot be read,
 * the account is added with a warning that the key's permissions are unknown; docs/counting.md,
 * "WOO X: a sync is complete only when WOO X's own count says so").
 */
import { PerpvolError } from '../../core/errors.ts';
import type { CredentialCheck } from '../kit/connector.ts';
import { ACCOUNT_CREDENTIALS_PATH, ACCOUNT_INFO_PATH, type WooxClient } from './client.ts';
import { accountInfoSchema, credentialsSchema, type ListedKey } from './schemas.ts';

const READ_ONLY_ADVICE = 'Perpvol only reads; a WOO X key with only the Read permission is the safe choice.';
const FUND_MOVING_PERMISSIONS: readonly string[] = ['WITHDRAWAL', 'WITHDRAW', 'TRANSFER', 'INTERNAL_TRANSFER'];
/** How long the optional listing gets (inside add-account's 30 s) before the account is added without it. */
const PERMISSION_LOOKUP_BUDGET_MS = 20_000;
/** The list is paged: "size … default = 25, 1000 at max"; the largest size needs the fewest pages. */
const CREDENTIALS_PAGE_SIZE = 1_000;
/** A bound for an exchange that keeps answering new pages: far more keys than any account holds. */
const MAX_PAGES = 100;

export async function checkWooxCredential(client: WooxClient, apiKey: string, signal: AbortSignal): Promise<CredentialCheck> {
  const deadline = performance.now() + PERMISSION_LOOKUP_BUDGET_MS;
  const info = await client.get(ACCOUNT_INFO_PATH, [], accountInfoSchema, signal);
  const { applicationId, account, alias, accountType } = info.data;
  const name = alias || account;
  const identity = name ? `${name} (${applicationId})` : applicationId;
  const permissions: Record<string, unknown> = { applicationId, accountType: accountType ?? null };

  const lookup = await lookUpPermissions(client, apiKey, signal, deadline);
  if (!('permissions' in lookup)) {
    const warning = `Perpvol could not read this key's permissions from WOO X (${lookup.reason}), so it cannot tell whether the key can trade or withdraw. ${READ_ONLY_ADVICE}`;
    return { identity, canWithdrawOrTransfer: false, permissions: { ...permissions, permissions: null }, warnings: [warning] };
  }
  const warnings: string[] = [];
  const granted = lookup.permissions.map((permission) => permission.toUpperCase());
  const canWithdrawOrTransfer = granted.some((permission) => FUND_MOVING_PERMISSIONS.includes(permission));
  if (canWithdrawOrTransfer) warnings.push(`This key can withdraw funds. ${READ_ONLY_ADVICE}`);
  else if (granted.includes('TRADE')) warnings.push(`This key can trade. ${READ_ONLY_ADVICE}`);
  const allowedIPs = lookup.allowedIPs ?? [];
  if (allowedIPs.length === 0 && granted.some((permission) => permission !== 'READ')) {
    warnings.push('This key is not restricted to any IP address.');
  }
  return { identity, canWithdrawOrTransfer, permissions: { ...permissions, permissions: granted, allowedIPs }, warnings };
}

/** The key's listing, or why it is unknown; throws only when the caller itself gave up. */
async function lookUpPermissions(
  client: WooxClient,
  apiKey: string,
  signal: AbortSignal,
  deadline: number,
): Promise<ListedKey | { reason: string }> {
  const budget = AbortSignal.timeout(Math.max(0, Math.round(deadline - performance.now())));
  try {
    const listed = await findListedKey(client, apiKey, AbortSignal.any([signal, budget]));
    return listed ?? { reason: 'the key is not in the account’s list of keys' };
  } catch (error) {
    if (signal.aborted) throw error;
    if (budget.aborted) return { reason: `no answer within ${PERMISSION_LOOKUP_BUDGET_MS / 1000} s` };
    // The code only: the message may quote whatever WOO X sent, and this text stays on the account.
    if (error instanceof PerpvolError) return { reason: `it answered with ${error.code}` };
    throw error;
  }
}

/**
 * Page after page until the key shows up, the list ends (an empty or short page, or meta.total
 * reached), or WOO X answers the same page again (it ignores `page`: nothing further can be read).
 */
async function findListedKey(client: WooxClient, apiKey: string, signal: AbortSignal): Promise<ListedKey | null> {
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
