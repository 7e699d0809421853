/**
 * What `npm run headless` runs once build/headless.ts has bundled the CLI: `perpvol serve` from
 * out/cli/perpvol.mjs, in this process, so its flags and SIGINT/SIGTERM handling are the CLI's own.
 *
 * npm starts a script through `sh -c`, and on SIGTERM it passes the signal to that shell only.
 * The shell dies without passing it on, which would leave the server running as an orphan that
 * holds the port and the database. So when the shell that started us goes away before any
 * signal reached us, we send ourselves the SIGTERM it swallowed and the clean shutdown runs.
 */
const PARENT_CHECK_MS = 250;

const parent = process.ppid;
const watch = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(watch);
  process.kill(process.pid, 'SIGTERM');
}, PARENT_CHECK_MS);
watch.unref();
// A signal that did reach us (Ctrl-C reaches the whole process group) is already being handled:
// a second one from here would turn the clean shutdown into an immediate exit. One that arrives
// before the server has installed its handlers ends the start-up, as it would without this file.
const EXIT_CODE = { SIGINT: 130, SIGTERM: 143 };
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    clearInterval(watch);
    if (process.listenerCount(signal) === 0) process.exit(EXIT_CODE[signal]);
  });
}

process.argv.splice(2, 0, 'serve');
await import('../out/cli/perpvol.mjs');
