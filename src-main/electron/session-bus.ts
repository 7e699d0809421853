/**
 * Which services answer on the user's D-Bus session bus, asked before Electron is ready (the
 * keyring backend must be chosen before then, so the call is synchronous and short). Uses
 * dbus-send, present wherever a desktop session bus is; no bus or no tool means "nothing there".
 */
import { execFileSync } from 'node:child_process';

export interface SessionBus {
  /** Whether a process owns `name` now. */
  hasOwner(name: string): boolean;
  /** Names D-Bus starts on first use (gnome-keyring installed but not yet running). */
  activatable(): string[];
}

export type RunSync = (command: string, args: string[], options: { env: NodeJS.ProcessEnv; timeout: number; encoding: 'utf8' }) => string;

const ASK_TIMEOUT_MS = 2_000;

export function sessionBus(env: NodeJS.ProcessEnv = process.env, run: RunSync = (c, a, o) => execFileSync(c, a, { ...o, stdio: ['ignore', 'pipe', 'ignore'] })): SessionBus {
  const ask = (method: string, args: string[]): string | null => {
    if (!env['DBUS_SESSION_BUS_ADDRESS'] && !env['XDG_RUNTIME_DIR']) return null;
    try {
      return run('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', `org.freedesktop.DBus.${method}`, ...args], {
        env,
        timeout: ASK_TIMEOUT_MS,
        encoding: 'utf8',
      });
    } catch {
      return null;
    }
  };
  return {
    hasOwner: (name) => /boolean true/.test(ask('NameHasOwner', [`string:${name}`]) ?? ''),
    activatable: () => [...(ask('ListActivatableNames', []) ?? '').matchAll(/string "([^"]+)"/g)].map((match) => match[1]!),
  };
}
