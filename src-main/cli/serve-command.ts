import { Command } from 'commander';
import { badInput } from '../core/errors.ts';
import type { StartServerOptions } from '../server/start.ts';
import { resolveGlobals } from './global-options.ts';
import { startCommandFromEnv } from '../server/start-command.ts';

interface ServeOptions {
  port?: string;
  host?: string;
  allowedHost?: string[];
}

let serving = false;
/** True once `serve` has started: the process then lives until a signal instead of exiting. */
export const isServing = (): boolean => serving;

export function serveCommand(): Command {
  return new Command('serve')
    .description('run the headless REST server, dashboard and periodic sync until SIGINT/SIGTERM')
    .option('--port <n>', 'port (0 picks a free one; default PERPVOL_PORT or 7420)')
    .option('--host <addr>', 'address to bind (default 127.0.0.1; anything else is reachable from your network)')
    .option(
      '--allowed-host <name>',
      'also answer requests whose Host is this name (a reverse proxy or LAN hostname; repeatable; default PERPVOL_ALLOWED_HOSTS); other names get 421',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .action(async (options: ServeOptions, command: Command) => {
      const { dataDir, databaseUrl } = resolveGlobals(command);
      const flags: StartServerOptions = { dataDir, databaseUrl, startedWith: startCommandFromEnv(process.env) };
      if (options.port !== undefined) {
        const port = Number(options.port);
        if (options.port === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
          throw badInput('invalid_port', `--port ${options.port} is not a port; use 0–65535 (0 picks a free one).`);
        }
        flags.port = port;
      }
      if (options.host !== undefined) flags.host = options.host;
      if (options.allowedHost !== undefined) flags.allowedHosts = options.allowedHost;
      // Loaded only for `serve`, so the other commands start without the HTTP stack.
      const { serveUntilSignal } = await import('../server/headless-main.ts');
      await serveUntilSignal(flags);
      serving = true;
    });
}
