/**
 * The IPC transport: the preload's `window.perpvol` bridge, with its {code,message} rejections
 * turned into ApiError so callers handle one error type for both transports.
 */
import { API_METHOD_NAMES, type PerpvolApi } from '../../../src-shared/contract.ts';
import { toApiError, type ApiClient } from './api-client.ts';

declare global {
  interface Window {
    /** Present only inside the desktop app (exposed by src-preload). */
    perpvol?: PerpvolApi;
  }
}

export function createIpcClient(bridge: PerpvolApi): ApiClient {
  const client: Record<string, unknown> = {
    subscribe: (listener: Parameters<PerpvolApi['subscribe']>[0]) => bridge.subscribe(listener),
  };
  for (const method of API_METHOD_NAMES) {
    const call = bridge[method] as (input: unknown) => Promise<unknown>;
    client[method] = (input: unknown) => call(input).catch((reason: unknown) => Promise.reject(toApiError(reason)));
  }
  return client as unknown as ApiClient;
}
