/**
 * Who a WOO X key belongs to and what it may do. `GET /v3/account/info` names the account
 * (applicationId is unique per main or sub account); `GET /v3/account/credentials` lists the
 * account's keys with their permissions (READ, TRADE, WITHDRAWAL…) and IP allow-list.
 */
import { PerpvolError } from '../../core/errors.ts';
import type { CredentialCheck } from '../connector.ts';
import type { WooxClient } from './client.ts';
import { ACCOUNT_CREDENTIALS_PATH, ACCOUNT_INFO_PATH, FUND_MOVING_PERMISSIONS } from './constants.ts';
import { accountInfoSchema, credentialsSchema } from './schemas.ts';

const READ_ONLY_ADVICE = 'Perpvol only reads; a WOO X key with only the Read permission is the safe choice.';

export async function checkWooxCredential(client: WooxClient, apiKey: string, signal: AbortSignal): Promise<CredentialCheck> {
  const info = await client.get(ACCOUNT_INFO_PATH, [], accountInfoSchema, signal);
  const { applicationId, account, alias, accountType } = info.data;
  const name = alias || account;
  const identity = name ? `${name} (${applicationId})` : applicationId;
  const permissions: Record<string, unknown> = { applicationId, accountType: accountType ?? null };
  const warnings: string[] = [];

  let listed: { permissions: string[]; allowedIPs?: string[] | null | undefined } | undefined;
  try {
    const credentials = await client.get(ACCOUNT_CREDENTIALS_PATH, [], credentialsSchema, signal);
    listed = credentials.data.rows.find((row) => row.apiKey === apiKey);
  } catch (error) {
    // The key works (account info answered) but may not be allowed to list keys: then its
    // permissions stay unknown, which is worth a warning rather than a refusal.
    if (!(error instanceof PerpvolError) || (error.kind !== 'credentials_rejected' && error.code !== 'woox_request_refused')) throw error;
  }

  if (!listed) {
    warnings.push(`WOO X did not tell which permissions this key has. ${READ_ONLY_ADVICE}`);
    return { identity, canWithdrawOrTransfer: false, permissions: { ...permissions, permissions: null }, warnings };
  }
  const granted = listed.permissions.map((permission) => permission.toUpperCase());
  const canWithdrawOrTransfer = granted.some((permission) => FUND_MOVING_PERMISSIONS.includes(permission));
  if (canWithdrawOrTransfer) warnings.push(`This key can withdraw funds. ${READ_ONLY_ADVICE}`);
  else if (granted.includes('TRADE')) warnings.push(`This key can trade. ${READ_ONLY_ADVICE}`);
  const allowedIPs = listed.allowedIPs ?? [];
  if (allowedIPs.length === 0 && granted.some((permission) => permission !== 'READ')) {
    warnings.push('This key is not restricted to any IP address.');
  }
  return { identity, canWithdrawOrTransfer, permissions: { ...permissions, permissions: granted, allowedIPs }, warnings };
}
