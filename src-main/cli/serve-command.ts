import { Command } from 'commander';
import { badInput } from '../core/errors.ts';
import type { StartServerOptions } from '../server/start.ts';
import { resolveGlobals } from './global-options.ts';

interface ServeOptions {
  port?: string;
  host?: string;
}

let serving = false;
/** True once `serve` has started: the process then lives until a signal instead of exiting. */
export const isServing = (): boolean => serving;

export function serveCommand(): Command {
  return new Command('serve')
    .description('run the headless REST server, dashboard and periodic sync until SIGINT/SIGTERM')
    .option('--port <n>', 'port (0 picks a free one; default PERPVOL_PORT or 7420)')
    .option('--host <addr>', 'address to bind (default 127.0.0.1; anything else is reachable from your network)')
    .action(async (options: ServeOptions, command: Command) => {
      const { dataDir, databaseUrl } = resolveGlobals(command);
      const flags: StartServerOptions = { dataDir, databaseUrl };
      if (options.port !== undefined) {
        const port = Number(options.port);
        if (options.port === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
          throw badInput('invalid_port', `--port ${options.port} is not a port; use 0–65535 (0 picks a free one).`);
        }
        flags.port = port;
      }
      if (options.host !== undefined) flags.host = options.host;
      // Loaded only for `serve`, so the other commands start without the HTTP stack.
      const { serveUntilSignal } = await import('../server/headless-main.ts');
      await serveUntilSignal(flags);
      serving = true;
    });
}
