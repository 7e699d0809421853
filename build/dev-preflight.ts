/**
 * Runs before `npm run dev` starts Electron, to say in one line what would otherwise be a crash:
 * - no Electron binary (installed with ELECTRON_SKIP_BINARY_DOWNLOAD, or its download failed);
 * - Linux with AppArmor restricting unprivileged user namespaces (Ubuntu 24.04+) and a
 *   chrome-sandbox that is not setuid root: Chromium aborts with "The SUID sandbox helper binary
 *   was found, but is not configured correctly".
 * A missing Electron build of better-sqlite3 is only mentioned: the app itself then shows the
 * dialog that names `npm run native:electron`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronSqliteAddonPath, NATIVE_BUILD_COMMAND } from '../src-main/electron/native-binding-path.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface SandboxFacts {
  /** /proc/sys/kernel/apparmor_restrict_unprivileged_userns is 1 */
  usernsRestricted: boolean;
  /** chrome-sandbox beside the Electron binary: owned by root with the setuid bit */
  sandboxHelperSetuidRoot: boolean;
}

/** The command that lets Chromium's sandbox start in development, or null when nothing is needed. */
export function sandboxFix(facts: SandboxFacts, helperPath: string): string | null {
  if (!facts.usernsRestricted || facts.sandboxHelperSetuidRoot) return null;
  return `sudo chown root:root ${helperPath} && sudo chmod 4755 ${helperPath}`;
}

/** The Electron binary electron's package would start, or null when it was never downloaded. */
export function electronBinary(): string | null {
  const electronDir = dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'));
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function linuxSandboxFacts(helper: string): SandboxFacts {
  let usernsRestricted = false;
  try {
    usernsRestricted = readFileSync('/proc/sys/kernel/apparmor_restrict_unprivileged_userns', 'utf8').trim() === '1';
  } catch {
    // no such setting: not restricted
  }
  let sandboxHelperSetuidRoot = false;
  try {
    const stat = statSync(helper);
    sandboxHelperSetuidRoot = stat.uid === 0 && (stat.mode & 0o4000) !== 0;
  } catch {
    // no helper: Chromium then needs user namespaces
  }
  return { usernsRestricted, sandboxHelperSetuidRoot };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const binary = electronBinary();
  if (!binary) {
    console.error('The Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD, or its download failed): run `node node_modules/electron/install.js`, then `npm run dev` again.');
    process.exit(1);
  }
  if (process.platform === 'linux') {
    const helper = join(dirname(binary), 'chrome-sandbox');
    const fix = sandboxFix(linuxSandboxFacts(helper), helper);
    if (fix) {
      console.error(`This system restricts user namespaces (AppArmor), so Chromium's sandbox needs its helper setuid root; run once: ${fix}   (docs/desktop.md "Linux sandbox")`);
      process.exit(1);
    }
  }
  const addon = electronSqliteAddonPath({ isPackaged: false, appPath: root, platform: process.platform, arch: process.arch });
  if (!existsSync(addon)) console.warn(`Note: the Electron build of better-sqlite3 is missing (${NATIVE_BUILD_COMMAND} makes it); the app will say so.`);
}
