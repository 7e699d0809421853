/**
 * Builds better-sqlite3 for Electron's ABI into .electron-native/<platform>-<arch>/ — beside, never
 * inside, node_modules, whose Node build keeps serving `npm test`, `npm run headless` and the CLI.
 * The desktop main hands this file to better-sqlite3 as `nativeBinding` (src-main/store/sqlite/
 * sqlite-driver.ts), and `npm run dist` packs it per arch (build/electron-builder.yml).
 *
 *   npm run native:electron                 # this machine's arch
 *   npm run native:electron -- --arch arm64 # another arch (macOS packs x64 and arm64)
 *   ... --if-possible                        # postinstall: one line and exit 0 when it cannot be had
 *
 * First better-sqlite3's published Electron prebuild (prebuild-install --runtime electron), else a
 * source build with node-gyp against Electron's headers. Both need the network; without it this
 * says so in one line and the desktop app, started anyway, names this command in its dialog.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ELECTRON_NATIVE_FOLDER, SQLITE_ADDON_FILE, electronNativeDir } from '../src-main/electron/native-binding-path.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const require_ = (name: string) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };

/** What a build was made for; a build for another Electron or better-sqlite3 is made again. */
export interface NativeBuildManifest {
  electron: string;
  betterSqlite3: string;
  platform: string;
  arch: string;
  source: 'prebuild' | 'node-gyp';
}
export const MANIFEST_FILE = 'build.json';

export function isCurrent(manifest: NativeBuildManifest | null, wanted: Omit<NativeBuildManifest, 'source'>): boolean {
  return !!manifest && manifest.electron === wanted.electron && manifest.betterSqlite3 === wanted.betterSqlite3 && manifest.platform === wanted.platform && manifest.arch === wanted.arch;
}

function readManifest(dir: string): NativeBuildManifest | null {
  try {
    return JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as NativeBuildManifest;
  } catch {
    return null;
  }
}

const run = (command: string, args: string[], cwd: string) => execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: 10 * 60_000 });
/** The line of a failed tool's output that says why (a network error beats "gyp ERR! not ok"). */
const whyItFailed = (error: unknown): string => {
  const lines = ((error as { stderr?: Buffer }).stderr?.toString() ?? '').split('\n').map((line) => line.trim()).filter(Boolean);
  return (lines.find((line) => /getaddrinfo|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT/.test(line)) ?? lines.find((line) => /stack Error|error/i.test(line)) ?? (error as Error).message).replace(/^gyp ERR! stack /, '');
};

/** better-sqlite3's published prebuild for this Electron, unpacked in a scratch copy of the package. */
function fromPrebuild(scratch: string, electron: string, platform: string, arch: string): string {
  copyFileSync(join(root, 'node_modules/better-sqlite3/package.json'), join(scratch, 'package.json'));
  const bin = join(root, 'node_modules/prebuild-install/bin.js');
  run(process.execPath, [bin, '--runtime', 'electron', '--target', electron, '--platform', platform, '--arch', arch], scratch);
  return join(scratch, 'build/Release', SQLITE_ADDON_FILE);
}

/**
 * A source build against Electron's headers, with npm's own node-gyp (not @electron/rebuild's).
 * An npm `nodedir` setting (some machines point it at the system's Node headers) would make
 * node-gyp ignore --target and build for Node: it is cleared for this build.
 */
function fromSource(scratch: string, electron: string, arch: string): string {
  const nodeGyp = process.env['npm_config_node_gyp'];
  if (!nodeGyp || !existsSync(nodeGyp)) throw new Error('node-gyp not found (run this through npm: npm run native:electron)');
  const source = join(root, 'node_modules/better-sqlite3');
  for (const part of ['package.json', 'binding.gyp', 'src', 'deps']) cpSync(join(source, part), join(scratch, part), { recursive: true });
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key.toLowerCase() !== 'npm_config_nodedir'));
  execFileSync(process.execPath, [nodeGyp, 'rebuild', '--release', `--target=${electron}`, `--arch=${arch}`, '--dist-url=https://electronjs.org/headers', `--devdir=${join(tmpdir(), 'perpvol-electron-gyp')}`], {
    cwd: scratch,
    env: { ...env, npm_config_nodedir: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 20 * 60_000,
  });
  return join(scratch, 'build/Release', SQLITE_ADDON_FILE);
}

/** Electron's NODE_MODULE_VERSION, from node-abi (prebuild-install's own copy). */
export function electronAbi(electron: string): string {
  const fromPrebuildInstall = createRequire(join(root, 'node_modules/prebuild-install/package.json'));
  return (fromPrebuildInstall('node-abi') as { getAbi(target: string, runtime: string): string }).getAbi(electron, 'electron');
}

/**
 * Proof that a build is for Electron and not for Node: this Node must refuse it, naming Electron's
 * ABI. (A build that Node loads would fail in the app with the very error this script prevents.)
 */
export function assertBuiltForElectron(addon: string, abi: string): void {
  const probe = spawnSync(process.execPath, ['-e', 'process.dlopen({ exports: {} }, process.argv[1])', addon], { encoding: 'utf8' });
  if (probe.status === 0) throw new Error(`${addon} was built for this Node (ABI ${process.versions.modules}), not for Electron (ABI ${abi})`);
  if (!probe.stderr.includes(`NODE_MODULE_VERSION ${abi}`) && /NODE_MODULE_VERSION/.test(probe.stderr)) {
    throw new Error(`${addon} is for another ABI than Electron's ${abi}: ${probe.stderr.match(/NODE_MODULE_VERSION \d+/)?.[0]}`);
  }
}

export function buildElectronSqlite(options: { platform: string; arch: string; force?: boolean }): { dir: string; built: boolean } {
  const wanted = { electron: require_('electron').version, betterSqlite3: require_('better-sqlite3').version, platform: options.platform, arch: options.arch };
  const dir = electronNativeDir(root, options.platform, options.arch);
  if (!options.force && isCurrent(readManifest(dir), wanted) && existsSync(join(dir, SQLITE_ADDON_FILE))) return { dir, built: false };
  const failures: string[] = [];
  for (const source of ['prebuild', 'node-gyp'] as const) {
    const scratch = mkdtempSync(join(tmpdir(), 'perpvol-electron-native-'));
    try {
      const addon = source === 'prebuild' ? fromPrebuild(scratch, wanted.electron, options.platform, options.arch) : fromSource(scratch, wanted.electron, options.arch);
      if (!existsSync(addon)) throw new Error(`${addon} was not produced`);
      // only an addon for this machine's OS and arch can be loaded here to be checked
      if (options.arch === process.arch && options.platform === process.platform) assertBuiltForElectron(addon, electronAbi(wanted.electron));
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      copyFileSync(addon, join(dir, SQLITE_ADDON_FILE));
      writeFileSync(join(dir, MANIFEST_FILE), `${JSON.stringify({ ...wanted, source } satisfies NativeBuildManifest, null, 2)}\n`);
      return { dir, built: true };
    } catch (error) {
      failures.push(`${source}: ${whyItFailed(error)}`);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  throw new Error(`no Electron ${wanted.electron} build of better-sqlite3 ${wanted.betterSqlite3} for ${options.platform}-${options.arch} could be had (${failures.join('; ')})`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const ifPossible = args.includes('--if-possible');
  const archIndex = args.indexOf('--arch');
  const arch = archIndex >= 0 ? args[archIndex + 1]! : process.arch;
  try {
    const { dir, built } = buildElectronSqlite({ platform: process.platform, arch, force: args.includes('--force') });
    console.log(`${built ? 'built' : 'up to date'}: the Electron build of better-sqlite3 in ${join(ELECTRON_NATIVE_FOLDER, dir.split(/[\\/]/).at(-1)!)}`);
  } catch (error) {
    const line = `Electron build of better-sqlite3 skipped: ${(error as Error).message}. The desktop app needs it: run \`npm run native:electron\` once the network is back.`;
    if (!ifPossible) {
      console.error(line);
      process.exit(1);
    }
    console.log(line);
  }
}
