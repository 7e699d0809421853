/**
 * Which Linux keyring Chromium's safeStorage uses. Left alone, Chromium guesses from
 * XDG_CURRENT_DESKTOP: i3, sway, Hyprland or KDE without KWallet get "basic_text" (a fixed key,
 * no protection) although gnome-keyring, KeePassXC or KWallet answer on D-Bus. So the app asks the
 * session bus before ready and passes `--password-store` itself: the Secret Service first (any
 * keyring speaking it), else KWallet. The backend that once held the key is remembered in the data
 * folder and kept, because the key lives in that backend: switching would make the stored
 * secrets unreadable. A `--password-store` given by the user always wins.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomically } from '../files/atomic-write.ts';
import type { SessionBus } from './session-bus.ts';

export type PasswordStore = 'gnome-libsecret' | 'kwallet6' | 'kwallet5';
export const SECRET_SERVICE_NAME = 'org.freedesktop.secrets';
const KWALLET_NAMES: [string, PasswordStore][] = [
  ['org.kde.kwalletd6', 'kwallet6'],
  ['org.kde.kwalletd5', 'kwallet5'],
];
export const KEYRING_BACKEND_FILE = 'keyring-backend.json';

export interface KeyringChoice {
  /** The value for --password-store, or null to leave Chromium's own choice. */
  passwordStore: PasswordStore | null;
  /** Why, in words the passphrase screen can show when the keyring still is not usable. */
  found: string;
}

export interface ChooseKeyringInput {
  platform: NodeJS.Platform;
  argv: string[];
  bus: SessionBus;
  /** The backend remembered from an earlier start, if any. */
  remembered: PasswordStore | null;
}

export function chooseKeyringBackend({ platform, argv, bus, remembered }: ChooseKeyringInput): KeyringChoice {
  if (platform !== 'linux') return { passwordStore: null, found: 'not Linux: the system keychain is used' };
  if (argv.some((arg) => arg.startsWith('--password-store'))) return { passwordStore: null, found: 'a --password-store given on the command line' };
  if (remembered) return { passwordStore: remembered, found: `the ${remembered} keyring that holds Perpvol's key` };
  const activatable = bus.activatable();
  const answers = (name: string) => bus.hasOwner(name) || activatable.includes(name);
  if (answers(SECRET_SERVICE_NAME)) return { passwordStore: 'gnome-libsecret', found: 'a Secret Service (org.freedesktop.secrets) on the session D-Bus' };
  for (const [name, store] of KWALLET_NAMES) if (answers(name)) return { passwordStore: store, found: `KWallet (${name}) on the session D-Bus` };
  return { passwordStore: null, found: 'no Secret Service (gnome-keyring, KeePassXC, KWallet) and no KWallet on the session D-Bus' };
}

/** What Chromium reports once ready, back into our names ('gnome_libsecret' → 'gnome-libsecret'). */
export function passwordStoreOfBackend(backend: string | undefined): PasswordStore | null {
  const name = backend?.replace(/_/g, '-');
  return name === 'gnome-libsecret' || name === 'kwallet6' || name === 'kwallet5' ? name : null;
}

export function readRememberedBackend(dataDir: string): PasswordStore | null {
  try {
    const value = JSON.parse(readFileSync(join(dataDir, KEYRING_BACKEND_FILE), 'utf8')) as { passwordStore?: string };
    return passwordStoreOfBackend(value.passwordStore);
  } catch {
    return null;
  }
}

export function rememberBackend(dataDir: string, store: PasswordStore): Promise<void> {
  return writeFileAtomically(join(dataDir, KEYRING_BACKEND_FILE), `${JSON.stringify({ passwordStore: store })}\n`);
}
