import { Command } from 'commander';
import { createPerpvolCore } from '../service/core-runtime.ts';
import { resolveGlobals } from './global-options.ts';

interface ServeOptions {
  port?: string;
  host?: string;
}

interface ServeFlags {
  port?: number;
  host?: string;
  dataDir: string;
  databaseUrl: string | null;
}

let serving = false;
/** True once `serve` has started: the process then lives until a signal instead of exiting. */
export const isServing = (): boolean => serving;

type ServeUntilSignal = (options: { port?: number; host?: string; dataDir?: string; databaseUrl?: string | null }) => Promise<void>;

/** The REST server lives in ../server (loaded only for `serve`, so other commands stay light). */
async function loadServer(): Promise<ServeUntilSignal | null> {
  try {
    const module = (await import('../server/headless-main.ts')) as { serveUntilSignal?: ServeUntilSignal };
    return module.serveUntilSignal ?? null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return null;
    throw error;
  }
}

/** Without the REST server: the core and its scheduler, until SIGINT/SIGTERM. */
async function runHeadlessCore(flags: ServeFlags): Promise<void> {
  const core = await createPerpvolCore({ dataDir: flags.dataDir, databaseUrl: flags.databaseUrl });
  core.scheduler.start();
  process.stderr.write(`syncing every ${core.scheduler.intervalMinutes} minutes from ${flags.dataDir} (no REST server in this build)\n`);
  const stop = (signal: NodeJS.Signals): void => {
    process.stderr.write(`${signal}: stopping\n`);
    core.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export function serveCommand(): Command {
  return new Command('serve')
    .description('run the headless REST server (and periodic sync) until SIGINT/SIGTERM')
    .option('--port <n>', 'port (0 picks a free one; default PERPVOL_PORT or 7420)')
    .option('--host <addr>', 'address to bind (default 127.0.0.1)')
    .action(async (options: ServeOptions, command: Command) => {
      const { dataDir, databaseUrl } = resolveGlobals(command);
      const flags: ServeFlags = { dataDir, databaseUrl };
      if (options.port !== undefined) {
        const port = Number(options.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${options.port} is not a port; use 0–65535 (0 picks a free one)`);
        flags.port = port;
      }
      if (options.host !== undefined) flags.host = options.host;
      const serve = await loadServer();
      if (serve) await serve(flags);
      else await runHeadlessCore(flags);
      serving = true;
    });
}
