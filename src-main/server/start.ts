/**
 * `perpvol serve`: the core runtime (store, sync engine, scheduler, service) behind the REST app,
 * listening on loopback unless told otherwise. Prints exactly one stdout line,
 * `listening on http://HOST:PORT`, that scripts wait for; everything else goes to stderr.
 */
import { isIP, type AddressInfo } from 'node:net';
import type { ExchangeRegistry } from '../connectors/registry.ts';
import { resolveDataDir } from '../service/data-dir.ts';
import { createPerpvolCore } from '../service/core-runtime.ts';
import { PerpvolError } from '../core/errors.ts';
import { resolveApiToken } from './api-token.ts';
import { buildServerApp } from './app.ts';
import type { AuthBackoffPolicy } from './auth-backoff.ts';
import { dashboardIsBuilt } from './dashboard.ts';
import { startCommandFromEnv } from './start-command.ts';
import type { StartCommand } from '../../src-shared/schemas.ts';

export const DEFAULT_PORT = 7420;
export const DEFAULT_HOST = '127.0.0.1';

export interface StartServerOptions {
  host?: string;
  /** 0 picks a free port. Default PERPVOL_PORT, else 7420. */
  port?: number;
  /** Default PERPVOL_DATA_DIR, else the OS app-data folder. */
  dataDir?: string;
  /** Postgres URL; null forces the embedded SQLite file. Default PERPVOL_DATABASE_URL. */
  databaseUrl?: string | null;
  /** Default PERPVOL_API_TOKEN, else the data dir's api-token file (generated on first start). */
  apiToken?: string;
  /** Built renderer folder; null disables the dashboard. Default out/renderer. */
  staticDir?: string | null;
  /** Receives every line (the listening line too). Default: that line to stdout, the rest to stderr. */
  log?: (line: string) => void;
  /**
   * More Host names to answer to besides the listening address (a reverse proxy's or a LAN name).
   * Default PERPVOL_ALLOWED_HOSTS, comma-separated.
   */
  allowedHosts?: readonly string[];
  /** Failed-auth back-off (tests that send many wrong tokens on purpose relax it). */
  authBackoff?: AuthBackoffPolicy;
  /** SSE heartbeat period (tests shorten it). */
  heartbeatMs?: number;
  /** Periodic incremental sync of every account (default on, every 5 minutes, and once at start). */
  schedule?: boolean;
  syncIntervalMinutes?: number;
  /** The command the user ran (health's `startedWith`, named by the dashboard when the server is gone); default from npm's script name. */
  startedWith?: StartCommand;
  /** The exchanges the server reads and validates against (default: the app's registry; tests add a made-up one). */
  exchanges?: ExchangeRegistry;
}

export interface RunningServer {
  url: string;
  /** The api-token file, or null when the token came from PERPVOL_API_TOKEN/options. */
  apiTokenPath: string | null;
  /** Stops scheduling, abandons in-flight pages cleanly (each page is one transaction), closes the DB. */
  close(): Promise<void>;
  /** Called once if this server loses ownership of its data folder or database while running. */
  onOwnershipLost(listener: (error: PerpvolError) => void): void;
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

function envAllowedHosts(env: NodeJS.ProcessEnv): string[] {
  return (env.PERPVOL_ALLOWED_HOSTS ?? '').split(',').map((name) => name.trim()).filter((name) => name !== '');
}

function envPort(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env.PERPVOL_PORT;
  if (raw === undefined || raw === '') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new PerpvolError('bad_input', 'bad_port', `PERPVOL_PORT=${JSON.stringify(raw)} is not a port; use a number from 0 to 65535 (0 picks a free one)`);
  }
  return port;
}

const writeStdout = (line: string): void => void process.stdout.write(`${line}\n`);
const writeStderr = (line: string): void => void process.stderr.write(`${line}\n`);

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const env = process.env;
  const info = options.log ?? writeStderr;
  const announce = options.log ?? writeStdout;
  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? envPort(env) ?? DEFAULT_PORT;
  const dataDir = resolveDataDir(options.dataDir, env);
  const databaseUrl = options.databaseUrl === undefined ? env.PERPVOL_DATABASE_URL || undefined : options.databaseUrl ?? undefined;

  // Ownership first: a second server on this folder is refused, naming the first, before it touches
  // anything — not even the token file, which the first server's clients rely on.
  const core = await createPerpvolCore({
    dataDir,
    face: 'server',
    startedWith: options.startedWith ?? startCommandFromEnv(env),
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(options.syncIntervalMinutes !== undefined ? { syncIntervalMinutes: options.syncIntervalMinutes } : {}),
    ...(options.exchanges ? { exchanges: options.exchanges } : {}),
  });
  let app: Awaited<ReturnType<typeof buildServerApp>>;
  let apiToken: Awaited<ReturnType<typeof resolveApiToken>>;
  try {
    apiToken = await resolveApiToken(dataDir, options.apiToken ?? env.PERPVOL_API_TOKEN);
    if (apiToken.path) info(`${apiToken.generated ? 'generated the API token into' : 'API token:'} ${apiToken.path} (send it as Authorization: Bearer <token>)`);
    if (!isLoopbackHost(host)) {
      info(`warning: listening on ${host}, not loopback — anyone on your network who has the token can read your trading history; prefer 127.0.0.1 behind an SSH tunnel or reverse proxy with TLS`);
      info('requests must name this machine by the address they connect to; add any other name they use (a LAN hostname, a reverse proxy) with --allowed-host <name>, or they are refused (421)');
    }
    // The bind host answers too when it is a name (`--host perpvol.lan`); addresses are matched per
    // connection, so CLI writes dialling 127.0.0.1 or [::1] on a wildcard bind (dialableUrl) pass.
    const allowedHosts = [...(isIP(host) === 0 ? [host] : []), ...(options.allowedHosts ?? envAllowedHosts(env))];
    app = await buildServerApp(core.service, { token: apiToken.token, staticDir: options.staticDir, log: info, heartbeatMs: options.heartbeatMs, allowedHosts, authBackoff: options.authBackoff });
    await app.listen({ host, port });
  } catch (error) {
    await core.close().catch(() => {});
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new PerpvolError('conflict', 'port_in_use', `port ${port} on ${host} is already in use; pick another with --port (0 picks a free one)`, false, { cause: error });
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new PerpvolError('bad_input', 'bad_host', `cannot listen on ${host}: no such local address; use 127.0.0.1 or an address of this machine`, false, { cause: error });
    if (code === 'EACCES') throw new PerpvolError('bad_input', 'port_forbidden', `not allowed to listen on port ${port}; use a port above 1023`, false, { cause: error });
    throw error;
  }

  const address = app.server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}`;
  // CLI write commands find this server through the lease record: give them an address they can dial.
  try {
    await core.lease?.announce({ url: dialableUrl(address), tokenFile: apiToken.path });
  } catch (error) {
    await app.close().catch(() => {});
    await core.close().catch(() => {});
    throw error;
  }
  announce(`listening on ${url}`);
  // The token is not put in this link: log files and terminal scrollback are not where it belongs.
  if (dashboardIsBuilt(options.staticDir)) info(`dashboard: ${url}/ (sign in with the API token${apiToken.path ? ` in ${apiToken.path}` : ''})`);
  if (options.schedule !== false) {
    core.scheduler.start();
    await core.live.start();
  }

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      try {
        await app.close(); // no new requests; open event streams are ended
      } finally {
        await core.close(); // scheduler off, in-flight sync aborted between pages, DB closed
      }
    })();
    return closing;
  };
  return {
    url,
    apiTokenPath: apiToken.path,
    close,
    onOwnershipLost: (listener) => void core.lease?.onLost(listener),
  };
}

/** The listening address as a client on this machine dials it: a wildcard bind answers on loopback. */
function dialableUrl(address: AddressInfo): string {
  if (address.address === '0.0.0.0') return `http://127.0.0.1:${address.port}`;
  if (address.address === '::') return `http://[::1]:${address.port}`;
  return `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
}
