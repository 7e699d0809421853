/**
 * The passphrase side of desktop secrets: answers the renderer's "what state are secrets in?" and
 * "unlock with this passphrase" over the Electron-only IPC pair of src-shared/desktop-secrets.ts.
 * Every payload is validated here; only the app's own page may call. A passphrase is proved right
 * by opening the encrypted file with it (its key check tells a wrong passphrase from a damaged file)
 * before the app starts with that store; it lives only in memory, for this session.
 */
import {
  PASSPHRASE_MIN_LENGTH,
  SECRETS_STATE_CHANNEL,
  SECRETS_UNLOCK_CHANNEL,
  UnlockSecretsInputSchema,
  type SecretsState,
} from '../../src-shared/desktop-secrets.ts';
import type { IpcResult } from '../../src-shared/ipc-result.ts';
import { asPerpvolError } from '../core/errors.ts';
import { EncryptedFileSecretStore } from '../secrets/encrypted-file-store.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { DesktopSecretsPlan } from './desktop-secrets-plan.ts';
import { isAppUrl } from './external-links.ts';
import type { IpcInvokeEventLike, IpcMainLike } from './ipc-bridge.ts';

export interface SecretsUnlockOptions {
  ipcMain: IpcMainLike;
  plan: DesktopSecretsPlan;
  appUrl: () => string;
  /** Starts the app with the unlocked store; the renderer is told "ready" only after it resolves. */
  onUnlocked: (store: SecretStore) => Promise<void>;
  /** Injectable for tests; defaults to the AES-256-GCM file. */
  openStore?: (filePath: string, passphrase: string) => SecretStore;
}

export class SecretsUnlock {
  private unlocked = false;
  private running: Promise<IpcResult<SecretsState>> | null = null;

  constructor(private readonly options: SecretsUnlockOptions) {
    if (options.plan.kind !== 'passphrase') this.unlocked = true;
  }

  register(): void {
    this.options.ipcMain.handle(SECRETS_STATE_CHANNEL, async (event) => (this.trusted(event) ? { ok: true, value: this.state() } : untrusted()));
    this.options.ipcMain.handle(SECRETS_UNLOCK_CHANNEL, async (event, payload) => this.unlock(event, payload));
  }

  dispose(): void {
    this.options.ipcMain.removeHandler(SECRETS_STATE_CHANNEL);
    this.options.ipcMain.removeHandler(SECRETS_UNLOCK_CHANNEL);
  }

  state(): SecretsState {
    const { plan } = this.options;
    if (this.unlocked || plan.kind !== 'passphrase') return { state: 'ready' };
    return { state: 'needs-passphrase', reason: plan.reason, filePath: plan.filePath, creating: plan.creating };
  }

  /** One attempt at a time: a double click must not start the app twice. */
  async unlock(event: IpcInvokeEventLike, payload: unknown): Promise<IpcResult<SecretsState>> {
    if (!this.trusted(event)) return untrusted();
    this.running ??= this.attempt(payload).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async attempt(payload: unknown): Promise<IpcResult<SecretsState>> {
    const { plan } = this.options;
    if (this.unlocked || plan.kind !== 'passphrase') return { ok: true, value: { state: 'ready' } };
    const parsed = UnlockSecretsInputSchema.safeParse(payload);
    if (!parsed.success) return fail('invalid_input', parsed.error.issues.map((issue) => issue.message).join('; '));
    const { passphrase } = parsed.data;
    if (plan.creating && passphrase.length < PASSPHRASE_MIN_LENGTH) {
      return fail('passphrase_too_short', `Choose a passphrase of at least ${PASSPHRASE_MIN_LENGTH} characters: it is all that protects your API secrets on this computer.`);
    }
    const open = this.options.openStore ?? ((filePath, masterKey) => new EncryptedFileSecretStore({ filePath, masterKey }));
    const store = open(plan.filePath, passphrase);
    try {
      // Reading the file checks the passphrase against the file's key check; nothing is written.
      await store.list();
    } catch (error) {
      return { ok: false, error: explain(asPerpvolError(error).toJSON(), plan.filePath) };
    }
    try {
      await this.options.onUnlocked(store);
    } catch (error) {
      return { ok: false, error: asPerpvolError(error).toJSON() };
    }
    this.unlocked = true;
    return { ok: true, value: { state: 'ready' } };
  }

  private trusted(event: IpcInvokeEventLike): boolean {
    return isAppUrl(event.senderFrame?.url ?? '', this.options.appUrl());
  }
}

const fail = (code: string, message: string): IpcResult<never> => ({ ok: false, error: { code, message } });
const untrusted = (): IpcResult<never> => fail('untrusted_sender', 'Only the Perpvol window may unlock secrets.');

/**
 * The file store speaks of PERPVOL_MASTER_KEY (its headless name); in the dialog the same key is
 * "your passphrase". Other errors (a damaged file) keep the store's own words.
 */
function explain(error: { code: string; message: string }, filePath: string): { code: string; message: string } {
  if (error.code === 'master_key_wrong') {
    return { code: 'passphrase_wrong', message: `This passphrase does not unlock ${filePath}: it was locked with a different one. Nothing was changed; type the passphrase you chose when you first added a key.` };
  }
  return error;
}
