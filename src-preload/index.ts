/**
 * The bridge between the sandboxed renderer and main: exactly the contract, one function per
 * method plus `subscribe`, and nothing else (no generic invoke, no ipcRenderer, no Node). The
 * object ends `satisfies PerpvolApi`, so the compiler proves bridge and contract agree.
 *
 * Errors reach the renderer as a rejected promise whose reason is a plain {code, message} object
 * (contextBridge keeps plain objects intact; it would strip fields from an Error).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENTS_CHANNEL, ipcChannel, type ApiInput, type ApiMethodName, type ApiOutput, type PerpvolApi } from '../src-shared/contract.ts';
import { SECRETS_STATE_CHANNEL, SECRETS_UNLOCK_CHANNEL, type DesktopSecretsBridge, type SecretsState } from '../src-shared/desktop-secrets.ts';
import type { ApiEvent, ApiEventListener } from '../src-shared/events.ts';
import type { IpcResult } from '../src-shared/ipc-result.ts';

async function call<K extends ApiMethodName>(method: K, input: ApiInput<K>): Promise<ApiOutput<K>> {
  const result = (await ipcRenderer.invoke(ipcChannel(method), input)) as IpcResult<ApiOutput<K>>;
  if (result.ok) return result.value;
  throw { code: result.error.code, message: result.error.message };
}

const api = {
  health: (input) => call('health', input),
  listAccounts: (input) => call('listAccounts', input),
  addAccount: (input) => call('addAccount', input),
  getAccount: (input) => call('getAccount', input),
  rotateCredentials: (input) => call('rotateCredentials', input),
  removeAccount: (input) => call('removeAccount', input),
  startSync: (input) => call('startSync', input),
  syncStatus: (input) => call('syncStatus', input),
  dailyVolume: (input) => call('dailyVolume', input),
  summary: (input) => call('summary', input),
  listFills: (input) => call('listFills', input),
  reconciliation: (input) => call('reconciliation', input),
  importFills: (input) => call('importFills', input),
  listExchanges: (input) => call('listExchanges', input),
  tiers: (input) => call('tiers', input),
  listTargets: (input) => call('listTargets', input),
  setTarget: (input) => call('setTarget', input),
  costs: (input) => call('costs', input),
  subscribe(listener: ApiEventListener): () => void {
    const onEvent = (_event: IpcRendererEvent, payload: ApiEvent) => listener(payload);
    ipcRenderer.on(IPC_EVENTS_CHANNEL, onEvent);
    return () => {
      ipcRenderer.removeListener(IPC_EVENTS_CHANNEL, onEvent);
    };
  },
} satisfies PerpvolApi;

/**
 * Desktop only, outside the contract: unlock API secrets with a passphrase when the OS has no
 * keychain. Two fixed channels; main validates the payload.
 */
const desktop = {
  async secretsState(): Promise<SecretsState> {
    const result = (await ipcRenderer.invoke(SECRETS_STATE_CHANNEL)) as IpcResult<SecretsState>;
    if (result.ok) return result.value;
    throw { code: result.error.code, message: result.error.message };
  },
  unlockSecrets: (input) => ipcRenderer.invoke(SECRETS_UNLOCK_CHANNEL, input) as Promise<IpcResult<SecretsState>>,
} satisfies DesktopSecretsBridge;

contextBridge.exposeInMainWorld('perpvol', api);
contextBridge.exposeInMainWorld('perpvolDesktop', desktop);
