/**
 * How each contract method maps onto the public REST API (shared/API.md). Pure: builds the request
 * and reads the answer, so the mapping is tested without a server.
 */
import type { ApiInput, ApiMethodName, ApiOutput } from '../../../src-shared/contract.ts';

export interface HttpRequestPlan {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path under the server root, with query string, e.g. 'api/v1/fills?limit=50'. Relative on purpose: the dashboard may live under a prefix. */
  path: string;
  body?: unknown;
}

export const API_PREFIX = 'api/v1';

/** Query string from defined, non-empty values, in a stable order. */
export function toQuery(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function planRequest<K extends ApiMethodName>(method: K, input: ApiInput<K>): HttpRequestPlan {
  // The switch narrows by name; the casts restate what the contract table already guarantees.
  const anyInput = input as Record<string, unknown>;
  const id = () => encodeURIComponent(String(anyInput['id']));
  switch (method as ApiMethodName) {
    case 'health':
      return { method: 'GET', path: `${API_PREFIX}/health` };
    case 'listAccounts':
      return { method: 'GET', path: `${API_PREFIX}/accounts` };
    case 'addAccount':
      return { method: 'POST', path: `${API_PREFIX}/accounts`, body: input };
    case 'getAccount':
      return { method: 'GET', path: `${API_PREFIX}/accounts/${id()}` };
    case 'removeAccount':
      return { method: 'DELETE', path: `${API_PREFIX}/accounts/${id()}${anyInput['purge'] ? '?purge=true' : ''}` };
    case 'startSync':
      return { method: 'POST', path: `${API_PREFIX}/sync`, body: anyInput['accountIds'] ? { accountIds: anyInput['accountIds'] } : {} };
    case 'syncStatus':
      return { method: 'GET', path: `${API_PREFIX}/sync` };
    case 'dailyVolume': {
      const { from, to, exchange, accountId, groupBy } = input as ApiInput<'dailyVolume'>;
      return { method: 'GET', path: `${API_PREFIX}/volume/daily${toQuery({ from, to, exchange, accountId, groupBy })}` };
    }
    case 'summary':
      return { method: 'GET', path: `${API_PREFIX}/volume/summary` };
    case 'listFills': {
      const { accountId, from, to, limit, cursor } = input as ApiInput<'listFills'>;
      return { method: 'GET', path: `${API_PREFIX}/fills${toQuery({ accountId, from, to, limit: limit as number | undefined, cursor })}` };
    }
  }
  throw new Error(`no REST route for ${String(method)}`);
}

/** The method's result from a successful answer's JSON (DELETE answers 204 with no body). */
export function readAnswer<K extends ApiMethodName>(method: K, input: ApiInput<K>, json: unknown): ApiOutput<K> {
  if (method === 'removeAccount') return { removed: String((input as { id: string }).id) } as ApiOutput<K>;
  return json as ApiOutput<K>;
}

/** The URL of a CSV export with the same filters as the fills table. */
export function fillsCsvPath(filters: { accountId?: string; from?: string; to?: string }): string {
  return `${API_PREFIX}/export/fills.csv${toQuery(filters)}`;
}
