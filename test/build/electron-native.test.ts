/**
 * The Electron build of better-sqlite3 is proven to be one: a build this Node loads is refused
 * (npm's `nodedir` setting once made node-gyp build for Node under an Electron label), each
 * packaged addon's CPU is read from its header, and `npm run dev` says in one line how to let
 * Chromium's sandbox start on Ubuntu 24.04+.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { assertBuiltForElectron, electronAbi, isCurrent } from '../../build/electron-native.ts';
import { binaryArch, fileArch } from '../../build/native-arch.ts';
import { sandboxFix } from '../../build/dev-preflight.ts';

const require = createRequire(import.meta.url);
const nodeBuild = require.resolve('better-sqlite3/build/Release/better_sqlite3.node');

describe('the Electron build of better-sqlite3', () => {
  it('refuses a build that this Node loads: it is not for Electron', () => {
    const electron = (require('electron/package.json') as { version: string }).version;
    assert.throws(() => assertBuiltForElectron(nodeBuild, electronAbi(electron)), /was built for this Node \(ABI \d+\), not for Electron \(ABI \d+\)/);
  });

  it('knows Electron 38’s ABI (139), not Node’s', () => {
    assert.equal(electronAbi('38.8.6'), '139');
    assert.notEqual(electronAbi('38.8.6'), process.versions.modules);
  });

  it('is made again for another Electron or better-sqlite3 version or arch', () => {
    const made = { electron: '38.8.6', betterSqlite3: '12.11.1', platform: 'darwin', arch: 'arm64', source: 'prebuild' as const };
    assert.equal(isCurrent(made, { electron: '38.8.6', betterSqlite3: '12.11.1', platform: 'darwin', arch: 'arm64' }), true);
    assert.equal(isCurrent(made, { electron: '39.0.0', betterSqlite3: '12.11.1', platform: 'darwin', arch: 'arm64' }), false);
    assert.equal(isCurrent(made, { electron: '38.8.6', betterSqlite3: '12.11.1', platform: 'darwin', arch: 'x64' }), false);
    assert.equal(isCurrent(null, { electron: '38.8.6', betterSqlite3: '12.11.1', platform: 'darwin', arch: 'x64' }), false);
  });
});

describe('the CPU of a compiled addon', () => {
  it('reads this machine’s own addon as this machine’s arch', () => {
    assert.equal(fileArch(nodeBuild), process.arch);
  });

  it('tells Mach-O x64 from arm64 and PE x64 (a dmg per arch, the Windows installer)', () => {
    const macho = (cpu: number) => {
      const bytes = Buffer.alloc(32);
      bytes.writeUInt32LE(0xfeedfacf, 0);
      bytes.writeUInt32LE(cpu, 4);
      return bytes;
    };
    assert.deepEqual(binaryArch(macho(0x0100000c)), { format: 'mach-o', arch: 'arm64' });
    assert.deepEqual(binaryArch(macho(0x01000007)), { format: 'mach-o', arch: 'x64' });
    const pe = Buffer.alloc(0x100);
    pe.writeUInt16LE(0x5a4d, 0);
    pe.writeUInt32LE(0x80, 0x3c);
    pe.writeUInt32LE(0x00004550, 0x80);
    pe.writeUInt16LE(0x8664, 0x84);
    assert.deepEqual(binaryArch(pe), { format: 'pe', arch: 'x64' });
    assert.equal(binaryArch(Buffer.from('not a binary at all, just text')), null);
  });
});

describe('npm run dev on Linux', () => {
  const helper = '/src/perpvol/node_modules/electron/dist/chrome-sandbox';
  it('gives the one command that lets the sandbox start where AppArmor restricts user namespaces', () => {
    assert.equal(sandboxFix({ usernsRestricted: true, sandboxHelperSetuidRoot: false }, helper), `sudo chown root:root ${helper} && sudo chmod 4755 ${helper}`);
  });
  it('needs nothing where namespaces are allowed or the helper is already setuid root', () => {
    assert.equal(sandboxFix({ usernsRestricted: false, sandboxHelperSetuidRoot: false }, helper), null);
    assert.equal(sandboxFix({ usernsRestricted: true, sandboxHelperSetuidRoot: true }, helper), null);
  });
});
