/**
 * How each contract method maps onto the public REST API (docs/api.md). Pure: builds the request
 * and reads the answer, so the mapping is tested without a server.
 */
import type { ApiInput, ApiMethodName, ApiOutput } from '../../../src-shared/contract.ts';
import type { DailyQuery } from '../../../src-shared/schemas.ts';

export interface HttpRequestPlan {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
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

type Planner<K extends ApiMethodName> = (input: ApiInput<K>) => HttpRequestPlan;

const id = (value: string) => encodeURIComponent(value);

/** One row per method: adding a method to the contract without a row here is a compile error. */
const PLANS: { [K in ApiMethodName]: Planner<K> } = {
  health: () => ({ method: 'GET', path: `${API_PREFIX}/health` }),
  listExchanges: () => ({ method: 'GET', path: `${API_PREFIX}/exchanges` }),
  listAccounts: () => ({ method: 'GET', path: `${API_PREFIX}/accounts` }),
  addAccount: (input) => ({ method: 'POST', path: `${API_PREFIX}/accounts`, body: input }),
  getAccount: (input) => ({ method: 'GET', path: `${API_PREFIX}/accounts/${id(input.id)}` }),
  rotateCredentials: ({ id: accountId, ...body }) => ({ method: 'POST', path: `${API_PREFIX}/accounts/${id(accountId)}/credentials`, body }),
  removeAccount: (input) => ({ method: 'DELETE', path: `${API_PREFIX}/accounts/${id(input.id)}${input.purge ? '?purge=true' : ''}` }),
  startSync: (input) => ({ method: 'POST', path: `${API_PREFIX}/sync`, body: input.accountIds ? { accountIds: input.accountIds } : {} }),
  syncStatus: () => ({ method: 'GET', path: `${API_PREFIX}/sync` }),
  dailyVolume: ({ from, to, exchange, accountId, groupBy, kinds }) => ({ method: 'GET', path: `${API_PREFIX}/volume/daily${toQuery({ from, to, exchange, accountId, groupBy, kinds })}` }),
  summary: ({ kinds }) => ({ method: 'GET', path: `${API_PREFIX}/volume/summary${toQuery({ kinds })}` }),
  listFills: ({ accountId, from, to, limit, cursor, kinds }) => ({
    method: 'GET',
    path: `${API_PREFIX}/fills${toQuery({ accountId, from, to, limit: limit as number | undefined, cursor, kinds })}`,
  }),
  reconciliation: ({ accountId }) => ({ method: 'GET', path: `${API_PREFIX}/volume/reconciliation${toQuery({ accountId })}` }),
  importFills: ({ id: accountId, ...body }) => ({ method: 'POST', path: `${API_PREFIX}/accounts/${id(accountId)}/import`, body }),
  tiers: () => ({ method: 'GET', path: `${API_PREFIX}/tiers` }),
  listTargets: () => ({ method: 'GET', path: `${API_PREFIX}/targets` }),
  setTarget: ({ exchange, volumeUsd }) => ({ method: 'PUT', path: `${API_PREFIX}/targets/${id(exchange)}`, body: { volumeUsd } }),
  costs: ({ from, to, groupBy, kinds }) => ({ method: 'GET', path: `${API_PREFIX}/costs${toQuery({ from, to, groupBy, kinds })}` }),
};

export function planRequest<K extends ApiMethodName>(method: K, input: ApiInput<K>): HttpRequestPlan {
  const plan = PLANS[method] as Planner<K> | undefined;
  if (!plan) throw new Error(`no REST route for ${String(method)}`);
  return plan(input);
}

/** The method's result from a successful answer's JSON (DELETE answers 204 with no body). */
export function readAnswer<K extends ApiMethodName>(method: K, input: ApiInput<K>, json: unknown): ApiOutput<K> {
  if (method === 'removeAccount') return { removed: String((input as { id: string }).id) } as ApiOutput<K>;
  return json as ApiOutput<K>;
}

/** The URL of a CSV export with the same filters as the fills table. */
export function fillsCsvPath(filters: { accountId?: string; from?: string; to?: string; kinds?: string }): string {
  return `${API_PREFIX}/export/fills.csv${toQuery(filters)}`;
}

/** The URL of the daily CSV export of the chart's view (same query as GET /volume/daily). */
export function dailyCsvPath({ from, to, exchange, accountId, groupBy, kinds }: DailyQuery): string {
  return `${API_PREFIX}/export/daily.csv${toQuery({ from, to, exchange, accountId, groupBy, kinds })}`;
}
