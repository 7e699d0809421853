/**
 * The desktop app's one Electron-only exchange outside the contract: unlocking API secrets with a
 * passphrase when the OS offers no keychain (Linux with safeStorage's 'basic_text' backend). The
 * headless server never needs it (it reads PERPVOL_MASTER_KEY), so it is not a contract method.
 * Declared once here; src-main/electron/secrets-unlock.ts validates every payload with these schemas.
 */
import { z } from 'zod';
import type { IpcResult } from './ipc-result.ts';

export const SECRETS_STATE_CHANNEL = 'perpvol-desktop:secrets-state';
export const SECRETS_UNLOCK_CHANNEL = 'perpvol-desktop:secrets-unlock';

/** A new passphrase must be at least this long; an existing one is whatever unlocks the file. */
export const PASSPHRASE_MIN_LENGTH = 8;
export const PASSPHRASE_MAX_LENGTH = 1024;

export const SecretsStateSchema = z.discriminatedUnion('state', [
  /** Secrets are protected (OS keychain, PERPVOL_MASTER_KEY, or a passphrase given this session): the app can run. */
  z.object({ state: z.literal('ready') }),
  z.object({
    state: z.literal('needs-passphrase'),
    /** Why the OS keychain cannot be used, for the user. */
    reason: z.string(),
    /** The encrypted file the passphrase unlocks. */
    filePath: z.string(),
    /** No file yet: the user is choosing a new passphrase (ask twice), not typing an old one. */
    creating: z.boolean(),
  }),
]);

export const UnlockSecretsInputSchema = z.object({
  passphrase: z.string().min(1, 'type your passphrase').max(PASSPHRASE_MAX_LENGTH, `a passphrase has at most ${PASSPHRASE_MAX_LENGTH} characters`),
});

export type SecretsState = z.infer<typeof SecretsStateSchema>;
export type UnlockSecretsInput = z.infer<typeof UnlockSecretsInputSchema>;

/** What the preload exposes as `window.perpvolDesktop` (desktop app only). Both channels answer IpcResult values. */
export interface DesktopSecretsBridge {
  secretsState(): Promise<SecretsState>;
  unlockSecrets(input: UnlockSecretsInput): Promise<IpcResult<SecretsState>>;
}
