/**
 * One build for the three Electron targets. The renderer is also what the headless server serves
 * at `/`, so its assets use a relative base ('./') and work from file:// and from any URL prefix.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * Native modules cannot be bundled: they load a .node binary (better-sqlite3's Electron build is handed
 * over at run time as nativeBinding: src-main/store/sqlite/sqlite-driver.ts).
 */
const NATIVE_DEPENDENCIES = ['better-sqlite3', 'pg', 'pg-native', '@napi-rs/keyring'];

/**
 * The production page's Content-Security-Policy. Injected only into the built HTML because the dev
 * server needs inline scripts (React refresh) and a websocket; the built app needs neither.
 * React and chart.js set styles through the CSSOM, which style-src does not restrict: no 'unsafe-inline'.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'perpvol:content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // All package.json dependencies stay external (electron-builder ships node_modules);
      // the native ones are named again so that no setting change can ever bundle them.
      externalizeDeps: true,
      rolldownOptions: {
        // The CSV import runs in a worker thread from its own file beside index.js (service/import-runner.ts).
        input: { index: resolve(root, 'src-main/electron/main.ts'), 'import-worker': resolve(root, 'src-main/service/import-worker.ts') },
        // Shared chunks beside the entries, so that `./import-worker.js` resolves from whichever file holds the runner.
        output: { chunkFileNames: '[name]-[hash].js' },
        external: NATIVE_DEPENDENCIES,
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload can require only 'electron' (and a few builtins): bundle everything
      // else into one CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'src-preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    base: './',
    plugins: [react(), tailwindcss(), contentSecurityPolicy()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      // The headless server sends this bundle over the network: keep it small.
      minify: true,
      // One ~170 KB (gzip) bundle, loaded once from disk or loopback: splitting it would only add
      // round trips before the first chart, so the 500 kB hint does not apply.
      chunkSizeWarningLimit: 800,
      rolldownOptions: { input: resolve(root, 'src-renderer/index.html') },
    },
  },
});
