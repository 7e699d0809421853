/**
 * What a Bybit API key may do, from GET /v5/user/query-api
 * (https://bybit-exchange.github.io/docs/v5/user/apikey-info): `readOnly` 0 = read and write,
 * 1 = read only; `permissions.Wallet` holds AccountTransfer, SubMemberTransfer(List) and Withdraw —
 * the ones that move funds; `ips` is the IP whitelist; `deadlineDay`/`expiredAt` the expiry of
 * keys without one; `userID` is the UID the key belongs to.
 */
import type { CredentialCheck } from '../kit/connector.ts';
import type { ApiKeyInfo } from './schemas.ts';

/** Wallet permissions that can move funds off the account or between accounts. */
const FUND_MOVING = /^(Withdraw|AccountTransfer|SubMemberTransfer|SubMemberTransferList)$/;
/** Permission groups that include reading contract executions. */
const CONTRACT_READ_GROUPS = ['ContractTrade', 'Derivatives', 'Options'];
/** Warn this many days before a key expires. */
const EXPIRY_WARNING_DAYS = 14;

export function credentialCheckFromKeyInfo(info: ApiKeyInfo): CredentialCheck {
  const wallet = info.permissions['Wallet'] ?? [];
  const moving = wallet.filter((permission) => FUND_MOVING.test(permission));
  const canWithdraw = moving.includes('Withdraw');
  const warnings: string[] = [];

  if (moving.length > 0) {
    warnings.push(
      `This Bybit API key can ${canWithdraw ? 'withdraw' : 'transfer'} funds (${moving.join(', ')}). Perpvol only reads; ` +
        'create a read-only key without Wallet permissions and use that instead.',
    );
  }
  if (info.readOnly !== 1) {
    warnings.push('This Bybit API key can place and cancel orders (it is not read-only). A read-only key is safer for Perpvol.');
  }
  if (!CONTRACT_READ_GROUPS.some((group) => (info.permissions[group] ?? []).length > 0)) {
    warnings.push(
      'This Bybit API key has no Contract permission, so Bybit may refuse to list its futures trades. Enable read-only Contract (Orders and Positions).',
    );
  }
  if (typeof info.deadlineDay === 'number' && info.deadlineDay >= 0 && info.deadlineDay <= EXPIRY_WARNING_DAYS) {
    const on = info.expiredAt ? ` (on ${info.expiredAt.slice(0, 10)})` : '';
    warnings.push(
      `This Bybit API key expires in ${info.deadlineDay} days${on}. Bind it to an IP address or create a new key before then.`,
    );
  }
  if (info.uta === 0) {
    warnings.push(
      'This is a classic (not unified) Bybit account: Bybit serves less trade history for it than the two years of unified accounts.',
    );
  }

  return {
    identity: String(info.userID),
    canWithdrawOrTransfer: moving.length > 0,
    permissions: {
      uid: String(info.userID),
      readOnly: info.readOnly === 1,
      permissions: info.permissions,
      ips: info.ips ?? [],
      expiredAt: info.expiredAt ?? null,
      unifiedAccount: info.uta === undefined ? null : info.uta === 1,
      ...(info.isMaster === undefined ? {} : { isMaster: info.isMaster }),
    },
    warnings,
  };
}
