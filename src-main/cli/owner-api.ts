/**
 * The contract's methods over the REST API of the process that owns the data folder, for CLI write
 * commands while a server runs. Built from the server's own route table (REST_ROUTES), so the CLI
 * and the server cannot disagree on a path, a verb or where an input field travels.
 */
import type { ApiInput, ApiMethodName, ApiMethods, ApiOutput } from '../../src-shared/contract.ts';
import { API_METHOD_NAMES } from '../../src-shared/contract.ts';
import { HTTP_STATUS_BY_KIND, PerpvolError, type ErrorKind } from '../core/errors.ts';
import { API_PREFIX, REST_ROUTES, type RestRoute } from '../server/route-table.ts';
import { readBackWrite, type ReaderAccess } from './lost-answer.ts';

export interface OwnerApiOptions {
  /** The owner's REST root, e.g. http://127.0.0.1:7420 */
  url: string;
  token: string;
  /** Who answers, for messages: "perpvol serve (pid 4242 …)". */
  owner: string;
  /** Reads the data folder itself, to tell whether a write whose answer was lost took effect. */
  reader?: ReaderAccess;
  /** Where to tell the user that an answer was lost but the write is known to be saved. */
  notice?: (line: string) => void;
}

const KIND_BY_STATUS = new Map<number, ErrorKind>(
  (Object.entries(HTTP_STATUS_BY_KIND) as [ErrorKind, number][]).filter(([kind]) => kind !== 'rate_limited').map(([kind, status]) => [status, kind]),
);

/** Path, query string and JSON body of one call, as the route table places the input's fields. */
export function planOwnerRequest(route: RestRoute, input: Record<string, unknown>): { path: string; body: unknown } {
  const used = new Set<string>();
  let path = route.path.replace(/:(\w+)/g, (_match, name: string) => {
    used.add(name);
    return encodeURIComponent(String(input[name] ?? ''));
  });
  const query = new URLSearchParams();
  for (const key of Object.keys(route.query?.shape ?? {})) {
    used.add(key);
    if (input[key] !== undefined) query.set(key, String(input[key]));
  }
  if (query.size > 0) path += `?${query.toString()}`;
  const body = route.body ? Object.fromEntries(Object.entries(input).filter(([key]) => !used.has(key))) : undefined;
  return { path: `${API_PREFIX}${path}`, body };
}

export function createOwnerApi(options: OwnerApiOptions): ApiMethods {
  async function call<K extends ApiMethodName>(method: K, input: ApiInput<K>): Promise<ApiOutput<K>> {
    const route: RestRoute = REST_ROUTES[method];
    const plan = planOwnerRequest(route, (input ?? {}) as Record<string, unknown>);
    const sentAt = Date.now();
    let response: Response;
    let body: unknown;
    try {
      response = await fetch(new URL(plan.path, options.url), {
        method: route.method,
        headers: { authorization: `Bearer ${options.token}`, ...(plan.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(plan.body !== undefined ? { body: JSON.stringify(plan.body) } : {}),
      });
      if (!response.ok) throw await answerError(response, options);
      body = response.status === 204 ? { removed: String((input as { id?: unknown }).id) } : await response.json();
    } catch (error) {
      if (error instanceof PerpvolError) throw error;
      return lostAnswer(method, input, sentAt, error);
    }
    return body as ApiOutput<K>;
  }

  /** No answer (refused, reset, cut off): a write is read back from the data folder before anything is said. */
  async function lostAnswer<K extends ApiMethodName>(method: K, input: ApiInput<K>, sentAt: number, cause: unknown): Promise<ApiOutput<K>> {
    const known = options.reader ? await readBackWrite(method, input, sentAt, options.reader) : null;
    if (known?.applied) {
      options.notice?.(`${options.owner} stopped answering at ${options.url} after saving the change: ${known.what}.`);
      return known.output as ApiOutput<K>;
    }
    const outcome = known ? `; ${known.what}. Start it again (or let it be restarted) and run the command again` : '. If it is stuck, stop it and run the command again';
    throw new PerpvolError('conflict', 'owner_unreachable', `${options.owner} owns this data folder but did not answer at ${options.url}${outcome}.`, true, { cause });
  }
  return Object.fromEntries(API_METHOD_NAMES.map((method) => [method, (input: never) => call(method, input)])) as unknown as ApiMethods;
}

async function answerError(response: Response, options: OwnerApiOptions): Promise<PerpvolError> {
  const kind = KIND_BY_STATUS.get(response.status) ?? (response.status === 504 ? 'exchange_unavailable' : 'internal');
  if (response.status === 401) {
    return new PerpvolError('unauthorized', 'unauthorized', `${options.owner} refused the API token. Set PERPVOL_API_TOKEN to the token it uses, then run the command again.`);
  }
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === 'string' && typeof body.error.message === 'string') return new PerpvolError(kind, body.error.code, body.error.message);
  } catch {
    // not JSON: described below
  }
  return new PerpvolError(kind, 'owner_error', `${options.owner} answered ${response.status} ${response.statusText}.`);
}
