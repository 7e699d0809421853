/**
 * `GET /v3/account/credentials` as the simulator serves it
 * (https://developer.woox.io/api-reference/endpoint/account/credentials): the account's API keys
 * with their permissions, paged by `page` (default 1) and `size` ("default = 25, 1000 at max";
 * larger sizes are refused here). `allowedIPs` is left out when a key has no IP restriction, as the
 * docs' example says. An account may hold many keys (sub-account keys, bots): the key asking is
 * listed last, so a client must read every page to find it.
 */
import { mulberry32 } from '../random-history.ts';
import type { Answer } from './transaction-history.ts';
import type { WooxLedger } from './ledger.ts';

const DEFAULT_SIZE = 25;
const MAX_SIZE = 1_000;
const OTHER_PERMISSIONS = [['READ'], ['READ', 'TRADE'], ['READ', 'TRADE', 'WITHDRAWAL']];

interface KeyRow {
  accountName: string;
  userId: number;
  apiKey: string;
  permissions: string[];
  allowedIPs?: string[];
}

function invalid(message: string): Answer {
  return { status: 400, body: JSON.stringify({ success: false, code: -1005, message }) };
}

/** `count` other keys of the same account, deterministic per ledger. */
function otherKeys(ledger: WooxLedger, count: number): KeyRow[] {
  const random = mulberry32(count * 7919 + ledger.apiKey.length);
  const letters = 'ABCDEFGHJKMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789+/';
  return Array.from({ length: count }, (_, index) => ({
    accountName: index % 3 === 0 ? 'Main' : `sub${String(index % 40).padStart(3, '0')}`,
    userId: 10_000 + index,
    apiKey: `${Array.from({ length: 22 }, () => letters[Math.floor(random() * letters.length)]).join('')}==`,
    permissions: OTHER_PERMISSIONS[index % OTHER_PERMISSIONS.length]!,
    ...(index % 2 === 0 ? { allowedIPs: ['203.0.113.7'] } : {}),
  }));
}

export function credentialsAnswer(ledger: WooxLedger, query: URLSearchParams, now: number, otherKeyCount: number): Answer {
  for (const key of query.keys()) if (key !== 'page' && key !== 'size') return { status: 400, body: JSON.stringify({ success: false, code: -1004, message: `An unknown parameter was sent: ${key}` }) };
  const page = Number(query.get('page') ?? 1);
  const size = Number(query.get('size') ?? DEFAULT_SIZE);
  if (!Number.isInteger(page) || page < 1) return invalid('page must be a positive integer');
  if (!Number.isInteger(size) || size < 1 || size > MAX_SIZE) return invalid(`size must be between 1 and ${MAX_SIZE}`);
  const own: KeyRow = {
    accountName: 'Main',
    userId: 12_523,
    apiKey: ledger.apiKey,
    permissions: ledger.permissions,
    ...(ledger.permissions.includes('WITHDRAWAL') ? {} : { allowedIPs: ['127.0.0.1'] }),
  };
  const keys = [...otherKeys(ledger, otherKeyCount), own];
  const rows = keys.slice((page - 1) * size, page * size);
  return {
    status: 200,
    body: JSON.stringify({ success: true, data: { rows, meta: { total: keys.length, recordsPerPage: size, currentPage: page } }, timestamp: now }),
  };
}
