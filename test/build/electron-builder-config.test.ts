/**
 * The packaging config, checked where a mistake would otherwise show only on a user's machine:
 * valid for electron-builder (its own schema), never rebuilding node_modules in place, only the
 * database addon unpacked from app.asar (the CSV import worker stays inside), the Electron build
 * packed per arch, deb depends = electron-builder's defaults + libsecret, the AppArmor profile,
 * ad-hoc-signable macOS entitlements, one fixed name and id, and HiDPI icons.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { matchesGlob } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { archsToPack } from '../../build/dist.ts';
import { APP_ID, APP_NAME } from '../../src-main/electron/app-identity.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const read = (path: string) => readFileSync(`${REPO}${path}`, 'utf8');

interface FileSet {
  from: string;
  to: string;
  filter: string[];
}
interface Config {
  appId: string;
  productName: string;
  files: (string | FileSet)[];
  npmRebuild: boolean;
  nodeGypRebuild: boolean;
  asar: boolean;
  asarUnpack: string[];
  mac: { entitlements: string; entitlementsInherit: string; hardenedRuntime: boolean; target: { target: string; arch: string[] }[] };
  linux: { executableName: string; target: { target: string }[] };
  deb: { depends: string[]; appArmorProfile: string };
  [key: string]: unknown;
}
const config = parse(read('build/electron-builder.yml')) as Config;

/** PNG width from its IHDR chunk. */
const pngWidth = (path: string) => readFileSync(`${REPO}${path}`).readUInt32BE(16);

describe('build/electron-builder.yml', () => {
  it('is valid for electron-builder (app-builder-lib’s own schema), and a typo is caught', () => {
    const schema = require('app-builder-lib/scheme.json') as object;
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    assert.equal(validate(config), true, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    assert.equal(validate({ ...config, deb: { ...config.deb, dependz: [] } }), false);
  });

  it('never rebuilds node_modules in place (the Node build serves npm test, headless and the CLI)', () => {
    assert.equal(config.npmRebuild, false);
    assert.equal(config.nodeGypRebuild, false);
    assert.doesNotMatch(read('package.json'), /electron-builder install-app-deps|electron-rebuild/);
  });

  it('packs the Electron build of better-sqlite3 of the arch being packed, and not the Node build', () => {
    const sets = config.files.filter((entry): entry is FileSet => typeof entry === 'object');
    assert.deepEqual(sets, [{ from: '.electron-native/${platform}-${arch}', to: 'native', filter: ['better_sqlite3.node'] }]);
    assert.ok(config.files.includes('!node_modules/better-sqlite3/{build,deps,src,benchmark}/**'));
  });

  it('unpacks only better_sqlite3.node from app.asar; the import worker and the rest stay inside', () => {
    assert.equal(config.asar, true);
    assert.deepEqual(config.asarUnpack, ['native/better_sqlite3.node']);
    const unpacked = (path: string) => config.asarUnpack.some((pattern) => matchesGlob(path, pattern));
    assert.equal(unpacked('native/better_sqlite3.node'), true);
    for (const inside of ['out/main/import-worker.js', 'out/main/index.js', 'node_modules/better-sqlite3/lib/index.js', 'node_modules/better-sqlite3/build/Release/test_extension.node']) {
      assert.equal(unpacked(inside), false, inside);
    }
  });

  it('makes deb depend on electron-builder’s defaults plus libsecret (a depends list replaces the defaults)', () => {
    const FpmTarget = (require('app-builder-lib/out/targets/FpmTarget.js') as { default: { prototype: { getDefaultDepends(target: string): string[] } } }).default;
    const defaults = FpmTarget.prototype.getDefaultDepends('deb');
    assert.ok(defaults.includes('libgtk-3-0') && defaults.includes('libxss1'));
    assert.deepEqual(config.deb.depends.filter((dep) => !defaults.includes(dep)), []);
    assert.deepEqual(defaults.filter((dep) => !config.deb.depends.includes(dep)), []);
    assert.ok(config.deb.depends.includes('libsecret-1-0'));
  });

  it('ships deb first with an AppArmor profile that allows user namespaces, and a Linux executable that is not the CLI’s name', () => {
    assert.equal(config.linux.target[0]!.target, 'deb');
    const profile = read(config.deb.appArmorProfile);
    assert.match(profile, /^\s*userns,$/m);
    assert.match(profile, /profile "\$\{executable\}" "\/opt\/\$\{sanitizedProductName\}\/\$\{executable\}"/);
    assert.notEqual(config.linux.executableName, 'perpvol');
  });

  it('signs macOS with the hardened runtime and entitlements that an ad-hoc signature can load its addon with; both archs', () => {
    assert.equal(config.mac.hardenedRuntime, true);
    const entitlements = read(config.mac.entitlements);
    assert.match(entitlements, /<key>com\.apple\.security\.cs\.disable-library-validation<\/key>\s*<true\/>/);
    assert.match(entitlements, /<key>com\.apple\.security\.cs\.allow-jit<\/key>\s*<true\/>/);
    assert.equal(config.mac.entitlementsInherit, config.mac.entitlements);
    assert.deepEqual(archsToPack(config as never, 'darwin'), ['x64', 'arm64']);
    assert.deepEqual(archsToPack(config as never, 'linux'), ['x64']);
  });

  it('has one name and id, the ones the app sets at start (renaming would orphan stored secrets)', () => {
    assert.equal(config.appId, APP_ID);
    assert.equal(config.productName, APP_NAME);
    assert.equal((JSON.parse(read('package.json')) as { productName: string }).productName, APP_NAME);
  });

  it('has icons for HiDPI: a 1024 px source for the macOS icns, 16–512 px for Linux', () => {
    assert.ok(pngWidth('build/icon.png') >= 1024);
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      assert.ok(existsSync(`${REPO}build/icons/${size}x${size}.png`), `${size}px`);
      assert.equal(pngWidth(`build/icons/${size}x${size}.png`), size);
    }
  });
});
