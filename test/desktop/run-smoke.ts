/**
 * `npm run test:desktop`: the desktop smoke test (desktop.smoke.ts) on the real app — the built
 * one from out/ with the Electron build of better-sqlite3, or the packaged app named by
 * PERPVOL_SMOKE_APP. Not part of `npm test`.
 *
 * Where no Electron binary can be had (installed with ELECTRON_SKIP_BINARY_DOWNLOAD, no network:
 * this project's own CI machine) it prints one line and exits 78, which .ci/run reports as
 * "desktop smoke not run here" — never as passed. It runs for real in .github/workflows/desktop.yml.
 *
 *   npm run test:desktop                                   # the built app (npm run build first)
 *   PERPVOL_SMOKE_APP=/opt/Perpvol/perpvol-desktop npm run test:desktop   # an installed package
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from '../../build/dev-preflight.ts';
import { electronSqliteAddonPath, NATIVE_BUILD_COMMAND } from '../../src-main/electron/native-binding-path.ts';

/** EX_CONFIG: this machine cannot run it; not a pass, not a failure of the app. */
export const DESKTOP_SMOKE_NOT_RUN = 78;

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const packaged = process.env['PERPVOL_SMOKE_APP'];

if (packaged) {
  if (!existsSync(packaged)) {
    console.error(`PERPVOL_SMOKE_APP=${packaged} does not exist`);
    process.exit(1);
  }
} else {
  if (!electronBinary()) {
    console.log('desktop smoke not run: no Electron binary on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD or without network); it runs in .github/workflows/desktop.yml');
    process.exit(DESKTOP_SMOKE_NOT_RUN);
  }
  const addon = electronSqliteAddonPath({ isPackaged: false, appPath: REPO, platform: process.platform, arch: process.arch });
  if (!existsSync(addon)) {
    console.error(`The Electron build of better-sqlite3 is missing (${addon}): run \`${NATIVE_BUILD_COMMAND}\`, then npm run test:desktop again.`);
    process.exit(1);
  }
  if (!existsSync(join(REPO, 'out/main/index.js')) || !existsSync(join(REPO, 'out/renderer/index.html'))) {
    execFileSync(process.execPath, [join(REPO, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: REPO, stdio: 'inherit' });
  }
}
if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
  console.error('No display: run it under a display server, e.g. xvfb-run -a npm run test:desktop');
  process.exit(1);
}

const run = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'test/support/run-test-files.ts'), '--test-concurrency=1', 'test/desktop/desktop.smoke.ts'], {
  cwd: REPO,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
