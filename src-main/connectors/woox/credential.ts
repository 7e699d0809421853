/**
 * Who a WOO X key belongs to and what it may do. `GET /v3/account/info` names the account
 * (applicationId is unique per main or sub account) — the required part: a key it refuses is
 * refused. `GET /v3/account/credentials` lists the account's keys with their permissions (READ,
 * TRADE, WITHDRAWAL…) and IP allow-list — optional: when it cannot be read (refused, missing,
 * slow, or the key is not in it), the account is still added, with a warning that its permissions
 * are unknown.
 */
import { PerpvolError } from '../../core/errors.ts';
import type { CredentialCheck } from '../kit/connector.ts';
import type { WooxClient } from './client.ts';
import { ACCOUNT_INFO_PATH, FUND_MOVING_PERMISSIONS, PERMISSION_LOOKUP_BUDGET_MS } from './constants.ts';
import { findListedKey } from './key-listing.ts';
import { accountInfoSchema, type ListedKey } from './schemas.ts';

const READ_ONLY_ADVICE = 'Perpvol only reads; a WOO X key with only the Read permission is the safe choice.';

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
