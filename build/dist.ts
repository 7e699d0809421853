/**
 * `npm run dist` after electron-vite build: the installers for this OS, from a tree that stays as
 * it was. For every arch electron-builder.yml packs here it makes (or finds) the Electron build of
 * better-sqlite3 (build/electron-native.ts), runs electron-builder (which never rebuilds
 * node_modules: npmRebuild is false), then proves that node_modules' Node build is byte-for-byte
 * unchanged and that each unpacked app carries the addon of its own arch.
 *
 *   npm run dist                          # every arch of this OS in electron-builder.yml
 *   npm run dist -- -c.mac.identity=-     # extra arguments go to electron-builder
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { SQLITE_ADDON_FILE } from '../src-main/electron/native-binding-path.ts';
import { buildElectronSqlite } from './electron-native.ts';
import { fileArch } from './native-arch.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const CONFIG = 'build/electron-builder.yml';
const NODE_BUILD = join(root, 'node_modules/better-sqlite3/build/Release', SQLITE_ADDON_FILE);

interface TargetEntry {
  target: string;
  arch?: string[];
}
const CONFIG_KEY: Partial<Record<NodeJS.Platform, string>> = { darwin: 'mac', win32: 'win', linux: 'linux' };

/** The archs electron-builder.yml packs for `platform`. */
export function archsToPack(config: Record<string, { target?: TargetEntry[] } | undefined>, platform: NodeJS.Platform): string[] {
  const key = CONFIG_KEY[platform];
  const targets = (key && config[key]?.target) || [];
  return [...new Set(targets.flatMap((entry) => entry.arch ?? ['x64']))];
}

/** Where electron-builder leaves each unpacked app's resources. */
function unpackedResources(dist: string): string[] {
  return readdirSync(dist, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /(^mac|unpacked$)/.test(entry.name))
    .flatMap((entry) => {
      const dir = join(dist, entry.name);
      const app = readdirSync(dir).find((name) => name.endsWith('.app'));
      return [app ? join(dir, app, 'Contents/Resources') : join(dir, 'resources')];
    })
    .filter((dir) => existsSync(dir));
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const config = parse(readFileSync(join(root, CONFIG), 'utf8')) as Parameters<typeof archsToPack>[0];
  const archs = archsToPack(config, process.platform);
  const before = existsSync(NODE_BUILD) ? sha256(NODE_BUILD) : null;
  for (const arch of archs) {
    const { dir, built } = buildElectronSqlite({ platform: process.platform, arch });
    const found = fileArch(join(dir, SQLITE_ADDON_FILE));
    if (found !== arch) throw new Error(`${join(dir, SQLITE_ADDON_FILE)} is for ${found}, not ${arch}: delete the folder and run npm run native:electron -- --arch ${arch}`);
    console.log(`${built ? 'built' : 'using'} the Electron build of better-sqlite3 for ${process.platform}-${arch}`);
  }
  const builder = join(root, 'node_modules/electron-builder/cli.js');
  execFileSync(process.execPath, [builder, '--config', CONFIG, ...archs.map((arch) => `--${arch}`), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });

  if (before !== (existsSync(NODE_BUILD) ? sha256(NODE_BUILD) : null)) {
    throw new Error(`packaging changed ${NODE_BUILD}: npm test, npm run headless and the CLI would now fail. Reinstall (npm ci) and report this.`);
  }
  const packed = unpackedResources(join(root, 'dist'));
  for (const resources of packed) {
    const addon = join(resources, 'app.asar.unpacked/native', SQLITE_ADDON_FILE);
    if (!existsSync(addon)) throw new Error(`${addon} is missing: the packaged app could not open its database`);
    // electron-builder names the folders mac, mac-arm64, linux-unpacked, linux-arm64-unpacked, win-unpacked…
    const expected = /arm64/.test(resources) ? 'arm64' : /ia32/.test(resources) ? 'ia32' : 'x64';
    if (fileArch(addon) !== expected) throw new Error(`${addon} is for ${fileArch(addon)}, but this package is ${expected}`);
    console.log(`${addon}: ${expected}`);
  }
  if (packed.length === 0) throw new Error('no unpacked app found in dist/');
  console.log(`node_modules' better-sqlite3 is unchanged; ${packed.length} packaged app(s) carry their own Electron build`);
}
