/**
 * Bybit's HMAC check, done the way the exchange does it (https://bybit-exchange.github.io/docs/v5/guide):
 * the signature covers timestamp + apiKey + recvWindow + the query string exactly as received, and
 * the timestamp must satisfy server_time − recv_window ≤ timestamp < server_time + 1000.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface SimKey {
  apiKey: string;
  apiSecret: string;
  uid: number;
  readOnly: 0 | 1;
  permissions: Record<string, string[]>;
  ips: string[];
  /** Days left; negative = expired (retCode 33004). */
  deadlineDay: number;
  expiredAt: string;
}

export type AuthFailure = { status: number; retCode: number; retMsg: string };
export type AuthResult = { ok: true; key: SimKey } | { ok: false; failure: AuthFailure };

const DEFAULT_RECV_WINDOW = 5_000;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function authenticate(
  headers: IncomingHttpHeaders,
  rawQuery: string,
  keys: ReadonlyMap<string, SimKey>,
  serverTime: number,
  remoteIp: string,
): AuthResult {
  const fail = (status: number, retCode: number, retMsg: string): AuthResult => ({ ok: false, failure: { status, retCode, retMsg } });
  const apiKey = header(headers, 'X-BAPI-API-KEY');
  const key = apiKey === undefined ? undefined : keys.get(apiKey);
  if (!key) return fail(401, 10003, 'API key is invalid.');
  const timestampText = header(headers, 'X-BAPI-TIMESTAMP') ?? '';
  const recvText = header(headers, 'X-BAPI-RECV-WINDOW');
  const recvWindow = recvText === undefined ? DEFAULT_RECV_WINDOW : Number(recvText);
  const timestamp = Number(timestampText);
  if (!/^\d+$/.test(timestampText) || !Number.isFinite(recvWindow) || timestamp < serverTime - recvWindow || timestamp >= serverTime + 1_000) {
    return fail(
      200,
      10002,
      `invalid request, please check your server timestamp or recv_window param. req_timestamp[${timestampText}],server_timestamp[${serverTime}],recv_window[${recvText ?? DEFAULT_RECV_WINDOW}]`,
    );
  }
  const origin = `${timestampText}${key.apiKey}${recvText ?? ''}${rawQuery}`;
  const expected = createHmac('sha256', key.apiSecret).update(origin).digest('hex');
  const given = header(headers, 'X-BAPI-SIGN') ?? '';
  if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
    return fail(200, 10004, `error sign! origin_string[${origin}]`);
  }
  if (key.ips.length > 0 && !key.ips.includes('*') && !key.ips.includes(remoteIp)) {
    return fail(200, 10010, "Unmatched IP, please check your API key's bound IP addresses.");
  }
  if (key.deadlineDay < 0) return fail(200, 33004, 'Your api key has expired.');
  return { ok: true, key };
}

/** Whether the key may read contract executions (Contract/Derivatives/Options permission). */
export function canReadContracts(key: SimKey): boolean {
  return ['ContractTrade', 'Derivatives', 'Options'].some((group) => (key.permissions[group] ?? []).length > 0);
}
