/**
 * What `npm run headless` / `perpvol serve` runs once the CLI has parsed its flags: the server,
 * shut down cleanly on SIGINT/SIGTERM (exit 0).
 */
import { asPerpvolError } from '../core/errors.ts';
import { startServer, type StartServerOptions } from './start.ts';

/**
 * Runs the server until SIGINT or SIGTERM, then stops scheduling, abandons in-flight pages
 * (each committed page is one transaction, so none is half-written), closes the DB and exits 0.
 * A second signal during shutdown exits at once with 130.
 */
export async function serveUntilSignal(options: StartServerOptions): Promise<void> {
  const server = await startServer(options);
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      process.stderr.write(`${signal} again: exiting without waiting\n`);
      process.exit(130);
    }
    stopping = true;
    process.stderr.write(`${signal}: stopping — finishing the current database write, closing the database\n`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${asPerpvolError(error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Another process may now own the folder or database: stop writing at once, and exit non-zero so a
  // service manager restarts us to compete for ownership again.
  server.onOwnershipLost((error) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${error.message}\n`);
    server.close().finally(() => process.exit(1));
  });
}
