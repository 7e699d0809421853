/**
 * A start-up failure is told as what it is: the true cause, the one thing that fixes it, a log in
 * the data folder and an exit code per kind. Real errors from real components where Node can make
 * them (dlopen refusing a file, SQLite refusing a damaged database, a folder that cannot be
 * written); only Electron's dialog and app.exit are stand-ins.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { assertKeychainAnswers } from '../../src-main/electron/desktop-secrets-plan.ts';
import {
  classifyStartupFailure,
  KeychainRefusedError,
  NativeModuleMissingError,
  reportStartupFailure,
  STARTUP_LOG_FILE,
  type StartupContext,
} from '../../src-main/electron/startup-failure.ts';
import { openSqliteStore } from '../../src-main/store/sqlite/open-sqlite-store.ts';

const root = mkdtempSync(join(tmpdir(), 'perpvol-startup-failure-'));
after(() => rmSync(root, { recursive: true, force: true }));

const dev = (dataDir: string): StartupContext => ({ isPackaged: false, platform: 'linux', arch: 'x64', dataDir });
const caught = async (run: () => unknown): Promise<unknown> => {
  try {
    await run();
  } catch (error) {
    return error;
  }
  assert.fail('expected a failure');
};

function report(error: unknown, context: StartupContext) {
  const shown: { title: string; content: string }[] = [];
  const exits: number[] = [];
  const failure = reportStartupFailure(error, {
    ...context,
    fallbackLogDir: join(root, 'fallback'),
    showErrorBox: (title, content) => void shown.push({ title, content }),
    exit: (code) => void exits.push(code),
  });
  return { failure, shown, exits };
}

describe('telling why the desktop app did not start', () => {
  test('a database module that dlopen refuses: the build command in development, the installer when packaged', async () => {
    const bogus = join(root, 'bogus.node');
    writeFileSync(bogus, 'not a shared object');
    const error = await caught(() => new BetterSqlite3(':memory:', { nativeBinding: bogus }));
    const inDev = classifyStartupFailure(error, dev(root));
    assert.equal(inDev.kind, 'native-module');
    assert.equal(inDev.exitCode, 2);
    assert.match(inDev.fix, /`npm run native:electron`/);
    const packaged = classifyStartupFailure(error, { ...dev(root), isPackaged: true, platform: 'darwin', arch: 'arm64' });
    assert.match(packaged.fix, /Reinstall Perpvol with the installer for this computer \(darwin-arm64\)/);
  });

  test('the ABI message of better-sqlite3 #1393 and a missing Electron build are the database module too', () => {
    const abi = new Error(
      "The module '/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 139. Please try re-compiling or re-installing the module.",
    );
    assert.equal(classifyStartupFailure(abi, dev(root)).kind, 'native-module');
    const missing = classifyStartupFailure(new NativeModuleMissingError('/p/.electron-native/linux-x64/better_sqlite3.node'), dev(root));
    assert.equal(missing.kind, 'native-module');
    assert.match(missing.cause, /\.electron-native\/linux-x64\/better_sqlite3\.node does not exist/);
  });

  test('a damaged database file: "will not open", what to do with the file, exit 3, and the log says it', async () => {
    const dataDir = join(root, 'damaged');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'perpvol.sqlite'), Buffer.alloc(8192, 'x'));
    const error = await caught(() => openSqliteStore(dataDir));
    const { failure, shown, exits } = report(error, dev(dataDir));
    assert.equal(failure.kind, 'database');
    assert.deepEqual(exits, [3]);
    assert.equal(shown[0]!.title, "Perpvol's database will not open");
    assert.match(shown[0]!.content, /To fix it: Move perpvol\.sqlite out of .*damaged \(keep it/);
    assert.match(readFileSync(join(dataDir, STARTUP_LOG_FILE), 'utf8'), /\[database, exit 3\]/);
  });

  test('a file where the data folder should be: told as the database, not a crash', async () => {
    const dataDir = join(root, 'a-file');
    writeFileSync(dataDir, 'I am a file');
    const error = await caught(() => openSqliteStore(dataDir));
    const { failure, shown } = report(error, dev(dataDir));
    assert.equal(failure.kind, 'database');
    assert.match(failure.fix, /PERPVOL_DATA_DIR/);
    assert.match(shown[0]!.content, /Details are in .*fallback/);
  });

  test('a keychain that refuses the probe: its own dialog with the platform’s action, exit 4', () => {
    const refusing = {
      isEncryptionAvailable: () => true,
      encryptString: () => {
        throw new Error('Error while encrypting the text provided to safeStorage.encryptString');
      },
      decryptString: () => '',
    };
    const error = (() => {
      try {
        assertKeychainAnswers(refusing);
      } catch (thrown) {
        return thrown;
      }
      return null;
    })();
    assert.ok(error instanceof KeychainRefusedError);
    const mac = classifyStartupFailure(error, { ...dev(root), platform: 'darwin' });
    assert.equal(mac.kind, 'keychain');
    assert.equal(mac.exitCode, 4);
    assert.match(mac.fix, /"Always Allow".*"Perpvol Safe Storage"/);
    assert.match(classifyStartupFailure(error, dev(root)).fix, /Unlock your keyring/);
    assert.doesNotThrow(() => assertKeychainAnswers({ isEncryptionAvailable: () => true, encryptString: (text) => Buffer.from(text), decryptString: (b) => b.toString() }));
  });

  test('anything else keeps its own message and is not dressed up as a known cause', () => {
    const failure = classifyStartupFailure(new TypeError('Cannot read properties of undefined (reading "webContents")'), dev(root));
    assert.equal(failure.kind, 'unexpected');
    assert.equal(failure.title, 'Perpvol could not start');
    assert.match(failure.cause, /reading "webContents"/);
    assert.equal(failure.exitCode, 70);
  });
});
