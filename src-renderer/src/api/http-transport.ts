/**
 * The HTTP transport for the dashboard served by the headless server: fetch with the Bearer token
 * for methods, one shared Server-Sent Events stream for live events (opened on the first
 * subscriber, closed after the last leaves).
 */
import { API_METHOD_NAMES, type ApiInput, type ApiMethodName, type ApiOutput } from '../../../src-shared/contract.ts';
import type { ApiEventListener } from '../../../src-shared/events.ts';
import { ApiError, type ApiClient } from './api-client.ts';
import { API_PREFIX, planRequest, readAnswer } from './http-routes.ts';
import { openEventStream } from './sse-stream.ts';

export interface HttpClientOptions {
  /** The server's root URL, ending with '/', e.g. new URL('./', location.href).href */
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  onUnauthorized?: () => void;
  onStreamState?: (state: 'connecting' | 'open' | 'closed' | 'unauthorized') => void;
}

async function errorFrom(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === 'string' && typeof body.error.message === 'string') {
      return new ApiError(body.error.code, body.error.message, response.status);
    }
  } catch {
    // not JSON: describe the status instead
  }
  return new ApiError('http_error', `The server answered ${response.status} ${response.statusText}.`, response.status);
}

export function createHttpClient(options: HttpClientOptions): ApiClient {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const listeners = new Set<ApiEventListener>();
  let closeStream: (() => void) | null = null;

  async function call<K extends ApiMethodName>(method: K, input: ApiInput<K>): Promise<ApiOutput<K>> {
    const plan = planRequest(method, input);
    let response: Response;
    try {
      response = await fetchImpl(new URL(plan.path, options.baseUrl), {
        method: plan.method,
        headers: {
          Authorization: `Bearer ${options.token}`,
          ...(plan.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(plan.body !== undefined ? { body: JSON.stringify(plan.body) } : {}),
      });
    } catch {
      throw new ApiError('server_unreachable', 'The Perpvol server cannot be reached. Check that `perpvol serve` is still running.');
    }
    if (!response.ok) {
      const error = await errorFrom(response);
      if (response.status === 401) options.onUnauthorized?.();
      throw error;
    }
    const json: unknown = response.status === 204 ? null : await response.json();
    return readAnswer(method, input, json);
  }

  const client: Record<string, unknown> = {
    subscribe(listener: ApiEventListener): () => void {
      listeners.add(listener);
      closeStream ??= openEventStream({
        url: new URL(`${API_PREFIX}/events`, options.baseUrl).href,
        token: options.token,
        fetch: fetchImpl,
        onEvent: (event) => {
          for (const l of [...listeners]) l(event);
        },
        onState: (state) => {
          if (state === 'unauthorized') options.onUnauthorized?.();
          options.onStreamState?.(state);
        },
      });
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          closeStream?.();
          closeStream = null;
        }
      };
    },
  };
  for (const method of API_METHOD_NAMES) client[method] = (input: never) => call(method, input);
  return client as unknown as ApiClient;
}
