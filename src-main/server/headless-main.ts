/**
 * What `npm run headless` / `perpvol serve` runs once the CLI has parsed its flags: the server,
 * shut down cleanly on SIGINT/SIGTERM (exit 0).
 */
import { asPerpvolError } from '../core/errors.ts';
import { startServer, type RunningServer, type StartServerOptions } from './start.ts';

/**
 * Runs the server until SIGINT or SIGTERM, then stops scheduling, abandons in-flight pages
 * (each committed page is one transaction, so none is half-written), closes the DB and exits 0.
 * A second signal during shutdown exits at once with 130. The handlers are in place before the
 * server starts: a signal that arrives while it starts (it holds the folder's lease by then) stops
 * it as soon as it is up instead of killing it with the lease record left behind.
 */
export async function serveUntilSignal(options: StartServerOptions): Promise<void> {
  let server: RunningServer | null = null;
  let stopping = false;
  const shutDown = (running: RunningServer, code: number): void => {
    running.close().then(
      () => process.exit(code),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${asPerpvolError(error).message}\n`);
        process.exit(1);
      },
    );
  };
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      process.stderr.write(`${signal} again: exiting without waiting\n`);
      process.exit(130);
    }
    stopping = true;
    process.stderr.write(`${signal}: stopping — finishing the current database write, closing the database\n`);
    if (server) shutDown(server, 0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    server = await startServer(options);
  } catch (error) {
    if (stopping) process.exit(0); // asked to stop while starting: starting failed, nothing to close
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    throw error;
  }
  if (stopping) return shutDown(server, 0);
  // Another process may now own the folder or database: stop writing at once, and exit non-zero so a
  // service manager restarts us to compete for ownership again.
  const running = server;
  running.onOwnershipLost((error) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${error.message}\n`);
    shutDown(running, 1);
  });
}
