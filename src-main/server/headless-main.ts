/**
 * `npm run headless` / `perpvol serve` without the CLI around it: parses the serve flags, starts
 * the server and shuts it down cleanly on SIGINT/SIGTERM (exit 0). The CLI's `serve` command can
 * call `serveUntilSignal` with the flags it parsed.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { asPerpvolError } from '../core/errors.ts';
import { startServer, type StartServerOptions } from './start.ts';

export const SERVE_USAGE = 'usage: perpvol serve [--port N] [--host ADDR] [--data-dir DIR] [--db postgres://…]';

/** Flags of `serve`: --port --host --data-dir --db (the environment fills in what is missing). */
export function parseServeArgs(argv: readonly string[]): StartServerOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      db: { type: 'string' },
    },
    allowPositionals: false,
    strict: true,
  });
  const options: StartServerOptions = {};
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (values.port === '' || !Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${values.port} is not a port; use 0–65535 (0 picks a free one)`);
    options.port = port;
  }
  if (values.host !== undefined) options.host = values.host;
  if (values['data-dir'] !== undefined) options.dataDir = values['data-dir'];
  if (values.db !== undefined) options.databaseUrl = values.db;
  return options;
}

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
}

async function main(): Promise<void> {
  let options: StartServerOptions;
  try {
    options = parseServeArgs(process.argv.slice(2).filter((arg) => arg !== 'serve'));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${SERVE_USAGE}\n`);
    process.exit(2);
  }
  try {
    await serveUntilSignal(options);
  } catch (error) {
    process.stderr.write(`perpvol serve: ${asPerpvolError(error).message}\n`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
