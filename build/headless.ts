/**
 * Bundles the CLI (and so the headless server) into one ES module, out/cli/perpvol.mjs.
 *
 * Under tsx every start compiles and resolves a few hundred TypeScript files (~2.5 s on a small
 * machine); the bundle starts in a fraction of that. Packages stay external — they are plain
 * JavaScript already, and native ones (better-sqlite3, @napi-rs/keyring) cannot be bundled.
 * The bundle sits two folders below the project root, like the sources, so paths resolved from
 * `import.meta.url` (package.json, out/renderer) land on the same files.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export const HEADLESS_BUNDLE = 'out/cli/perpvol.mjs';

await build({
  absWorkingDir: root,
  // The import worker runs in a thread of its own, from its own file beside the CLI (service/import-runner.ts).
  entryPoints: { perpvol: 'src-main/cli/main.ts', 'import-worker': 'src-main/service/import-worker.ts' },
  outdir: 'out/cli',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  packages: 'external',
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: 'linked',
  logLevel: 'warning',
});

// `npm run headless` on a fresh clone should open to the dashboard, not to "run npm run build first".
if (!existsSync(join(root, 'out/renderer/index.html'))) {
  process.stderr.write('building the dashboard once (out/renderer)…\n');
  execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
