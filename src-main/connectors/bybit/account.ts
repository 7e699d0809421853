/** What Bybit says about an API key and its account: what the key may do and whose it is, and its fee tier. */
import { z } from 'zod';
import type { CredentialCheck, FeeTierFacts } from '../kit/connector.ts';
import type { BybitClient } from './client.ts';
import { decimal, FEE_RATE_PATH, QUERY_API_PATH } from './schemas.ts';

/** GET /v5/user/query-api, https://bybit-exchange.github.io/docs/v5/user/apikey-info */
const ApiKeyInfoSchema = z.looseObject({
  readOnly: z.number().int(),
  permissions: z.record(z.string(), z.array(z.string())),
  ips: z.array(z.string()).optional(),
  userID: z.number().int(),
  note: z.string().optional(),
  type: z.number().int().optional(),
  deadlineDay: z.number().optional(),
  expiredAt: z.string().optional(),
  createdAt: z.string().optional(),
  uta: z.number().int().optional(),
  isMaster: z.boolean().optional(),
  parentUid: z.string().optional(),
  /** "No VIP", "VIP-1" … "VIP-Supreme", "PRO-1" … (https://bybit-exchange.github.io/docs/v5/enum#viplevel). */
  vipLevel: z.string().optional(),
});

/** GET /v5/account/fee-rate, https://bybit-exchange.github.io/docs/v5/account/fee-rate */
const FeeRateResultSchema = z.looseObject({
  list: z.array(z.looseObject({ symbol: z.string().optional(), takerFeeRate: decimal, makerFeeRate: decimal })),
});

/** The contract rates, asked for one USDT perpetual (all share the VIP rates). */
const FEE_RATE_REFERENCE = { category: 'linear', symbol: 'BTCUSDT' } as const;

const keyInfo = (client: BybitClient, signal: AbortSignal) => client.get(QUERY_API_PATH, [], ApiKeyInfoSchema, 'API key information', signal);

/** Wallet permissions that can move funds off the account or between accounts. */
const FUND_MOVING = /^(Withdraw|AccountTransfer|SubMemberTransfer|SubMemberTransferList)$/;
/** Permission groups that include reading contract executions. */
const CONTRACT_READ_GROUPS = ['ContractTrade', 'Derivatives', 'Options'];
const EXPIRY_WARNING_DAYS = 14;

export async function checkBybitKey(client: BybitClient, signal: AbortSignal): Promise<CredentialCheck> {
  const info = await keyInfo(client, signal);
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

/** `vipLevel` in the fee page's spelling: "No VIP" → "VIP 0", "VIP-Supreme" → "Supreme VIP", "PRO-2" → "Pro 2". */
export function bybitTierName(vipLevel: string): string {
  const level = vipLevel.trim();
  if (/^no\s*vip$/i.test(level)) return 'VIP 0';
  if (/^vip[-\s]?supreme$/i.test(level) || /^supreme[-\s]?vip$/i.test(level)) return 'Supreme VIP';
  const numbered = /^(vip|pro)[-\s]?(\d+)$/i.exec(level);
  if (numbered) return `${numbered[1]!.toLowerCase() === 'vip' ? 'VIP' : 'Pro'} ${numbered[2]}`;
  return level;
}

export async function fetchBybitFeeTiers(client: BybitClient, signal: AbortSignal): Promise<FeeTierFacts> {
  const key = await keyInfo(client, signal);
  const query: [string, string][] = [['category', FEE_RATE_REFERENCE.category], ['symbol', FEE_RATE_REFERENCE.symbol]];
  const rates = await client.get(FEE_RATE_PATH, query, FeeRateResultSchema, 'fee rates', signal);
  const rate = rates.list.find((row) => row.symbol === FEE_RATE_REFERENCE.symbol) ?? rates.list[0];
  return {
    tierName: key.vipLevel ? bybitTierName(key.vipLevel) : null,
    takerRate: rate ? Number(rate.takerFeeRate) : null,
    makerRate: rate ? Number(rate.makerFeeRate) : null,
    ladder: null, // the API gives none: Perpvol's tier table does
    reportedVolumeMicros: null,
    windowDays: null,
  };
}
