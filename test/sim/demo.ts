/**
 * `npm run demo`: Perpvol end to end without an exchange account. Starts the four exchange
 * simulators with two years of history, the headless server, adds one account per exchange
 * through the REST API, backfills them, prints the dashboard link, then keeps trading a little on
 * every simulator and syncing, so the dashboard moves. Ctrl-C (or SIGTERM) stops it all, exit 0.
 *
 *   npm run demo -- [--port N] [--data-dir DIR] [--seed N] [--live-every SECONDS] [--live-pace DAYS] [--live-rounds N] [--print-truth]
 *
 * stdout: `listening on http://…` (as `perpvol serve` prints it), the dashboard link, the data
 * folder and the environment line that points the CLI at it, and with --print-truth one
 * `truth {json}` line after every completed sync (what the API must now show).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MASTER_KEY_ENV } from '../../src-main/secrets/encrypted-file-store.ts';
import { SECRET_STORE_ENV } from '../../src-main/secrets/choose-secret-store.ts';
import { DEFAULT_PORT, startServer, type RunningServer } from '../../src-main/server/start.ts';
import { startDemoSimulators, type DemoSimulators } from './demo/demo-simulators.ts';
import { DemoRestClient } from './demo/rest-client.ts';
import { fillsThisRound, typicalDailyFills } from './demo/live-pace.ts';
import { truthTotals } from './demo/truth-totals.ts';
import type { SimExchangeId } from './simulator.ts';

const DEMO_LABEL_PREFIX = 'Demo · ';
/** How the demo names its accounts (test/sim computes nothing with product code, labels included). */
const EXCHANGE_LABELS: Record<SimExchangeId, string> = { bybit: 'Bybit', woox: 'WOO X', hyperliquid: 'Hyperliquid', paradex: 'Paradex' };

/** Perpvol's errors carry a stable code and a message written for a person; show those as they are. */
function isPerpvolError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && error.name === 'PerpvolError' && typeof (error as { code?: unknown }).code === 'string';
}
const USAGE = 'usage: npm run demo -- [--port N] [--data-dir DIR] [--seed N] [--live-every SECONDS] [--live-pace DAYS] [--live-rounds N] [--print-truth]';

interface DemoOptions {
  port: number;
  dataDir: string | null;
  seed: number;
  liveEverySeconds: number;
  /** Typical days of each account's trading added per hour of demo (1: an ordinary day's volume every hour). */
  livePace: number;
  /** Live rounds before the demo just keeps serving; null = forever. */
  liveRounds: number | null;
  printTruth: boolean;
}

function parseDemoArgs(argv: string[]): DemoOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      seed: { type: 'string' },
      'live-every': { type: 'string' },
      'live-pace': { type: 'string' },
      'live-rounds': { type: 'string' },
      'print-truth': { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
  const integer = (name: string, text: string | undefined, fallback: number, min: number, max: number): number => {
    if (text === undefined) return fallback;
    const value = Number(text);
    if (text === '' || !Number.isInteger(value) || value < min || value > max) throw new Error(`--${name} ${text} is not a whole number from ${min} to ${max}`);
    return value;
  };
  return {
    port: integer('port', values.port, DEFAULT_PORT, 0, 65_535),
    dataDir: values['data-dir'] ?? null,
    seed: integer('seed', values.seed, 2024, 1, 1_000_000),
    liveEverySeconds: integer('live-every', values['live-every'], 20, 1, 3_600),
    livePace: integer('live-pace', values['live-pace'], 1, 1, 100_000),
    liveRounds: values['live-rounds'] === undefined ? null : integer('live-rounds', values['live-rounds'], 0, 0, 1_000_000),
    printTruth: values['print-truth'] ?? false,
  };
}

const info = (line: string): void => void process.stderr.write(`${line}\n`);
const say = (line: string): void => void process.stdout.write(`${line}\n`);

/** Runs the demo; `onStoppable` receives the stop function as soon as there is something to stop. */
async function runDemo(options: DemoOptions, onStoppable: (stop: () => Promise<void>) => void): Promise<void> {
  const shutdown = new AbortController();
  const tempDir = options.dataDir === null ? await mkdtemp(join(tmpdir(), 'perpvol-demo-')) : null;
  const dataDir = options.dataDir === null ? tempDir! : resolve(options.dataDir);
  // The demo's "secrets" are simulator keys: an encrypted file in the demo's folder under a throwaway
  // master key, never the user's keychain (unless they chose a store themselves).
  const ownMasterKey = Boolean(process.env[MASTER_KEY_ENV]);
  process.env[MASTER_KEY_ENV] ||= `perpvol-demo-${randomBytes(16).toString('hex')}`;
  process.env[SECRET_STORE_ENV] ||= 'file';
  if (options.dataDir !== null) info(`note: ${MASTER_KEY_ENV} must be the same on the next run to reuse ${dataDir}`);

  let sims: DemoSimulators | null = null;
  let server: RunningServer | null = null;
  let liveTimer: NodeJS.Timeout | null = null;
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      shutdown.abort(new Error('demo stopping'));
      if (liveTimer) clearTimeout(liveTimer);
      await server?.close().catch((error: unknown) => info(`server close: ${String(error)}`));
      await sims?.close();
      if (tempDir) await rm(tempDir, { recursive: true, force: true });
    })());
  onStoppable(stop);

  try {
    info('starting the exchange simulators (two years of history each)…');
    sims = await startDemoSimulators({ seed: options.seed });
    shutdown.signal.throwIfAborted();
    server = await startServer({ port: options.port, dataDir, databaseUrl: null, schedule: false, startedWith: 'npm run demo' });
    const token = process.env.PERPVOL_API_TOKEN?.trim() || (await readFile(server.apiTokenPath!, 'utf8')).trim();
    const api = new DemoRestClient(server.url, token);

    // A reused data dir still holds the last run's demo accounts, pointing at simulators that are gone.
    for (const old of await api.accounts()) if (old.label.startsWith(DEMO_LABEL_PREFIX)) await api.removeAccount(old.id);
    for (const { exchange, addInput } of sims.exchanges) {
      await api.addAccount({ ...addInput, label: `${DEMO_LABEL_PREFIX}${EXCHANGE_LABELS[exchange]}` });
    }
    say(`dashboard: ${server.url}/#token=${token}`);
    say(`api token: ${token}   (curl -H "Authorization: Bearer ${token}" ${server.url}/api/v1/volume/summary)`);
    say(`data dir: ${dataDir}${tempDir ? ' (deleted when the demo stops)' : ''}`);
    say(`CLI on the demo's data, from another terminal: ${cliEnvironmentLine(dataDir, ownMasterKey)}`);
    say('  then e.g. npm run perpvol -- volume summary | sync | tiers | doctor   (writes go through this demo\'s server)');

    const exchanges = sims.exchanges;
    const syncRound = async (round: number): Promise<void> => {
      const started = performance.now();
      const statuses = await api.syncAndWait(shutdown.signal);
      const failed = statuses.filter((status) => status.state === 'error');
      for (const status of failed) info(`sync failed for ${status.accountId}: ${status.error?.code}: ${status.error?.message}`);
      const totals = truthTotals(exchanges);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      info(`${round === 0 ? 'backfill' : `live round ${round}`}: synced in ${seconds} s, ${totals.trades} fills in total`);
      if (options.printTruth) say(`truth ${JSON.stringify({ round, ...totals })}`);
    };

    info('backfilling (the simulators pace like the real exchanges; Bybit’s 7-day windows take ~30 s)…');
    await syncRound(0);

    let round = 0;
    // Paced by each account's own recent history (see live-pace.ts), not a fixed burst per round.
    const typical = exchanges.map(({ account }) => typicalDailyFills(account));
    const live = async (): Promise<void> => {
      round += 1;
      let added = 0;
      exchanges.forEach(({ account }, index) => {
        const fills = fillsThisRound(typical[index]!, options.liveEverySeconds * 1000, options.livePace, Math.random);
        if (fills > 0) added += account.trade(fills);
      });
      info(`live round ${round}: ${added} new fills on the simulators`);
      await syncRound(round);
    };
    const schedule = (): void => {
      if (shutdown.signal.aborted || (options.liveRounds !== null && round >= options.liveRounds)) return;
      liveTimer = setTimeout(() => {
        live().then(schedule, (error: unknown) => {
          if (!shutdown.signal.aborted) info(`live round failed: ${String(error)}`);
        });
      }, options.liveEverySeconds * 1000);
    };
    schedule();
    info(`live fills checked every ${options.liveEverySeconds} s, about ${options.livePace === 1 ? 'a typical day' : `${options.livePace} typical days`} of each account's trading per hour (--live-pace); Ctrl-C stops the demo`);
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The shell line that makes the CLI commands of docs/cli.md work on the demo's folder: its data dir, the
 * secrets file and the key it is encrypted with. The demo's throwaway key is shown (it guards only
 * simulator keys); a key the user set themselves is never printed.
 */
function cliEnvironmentLine(dataDir: string, ownMasterKey: boolean): string {
  const quote = (value: string): string => (/^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`);
  const parts = [`PERPVOL_DATA_DIR=${quote(dataDir)}`, `${SECRET_STORE_ENV}=${quote(process.env[SECRET_STORE_ENV] ?? 'file')}`];
  if (!ownMasterKey) parts.push(`${MASTER_KEY_ENV}=${quote(process.env[MASTER_KEY_ENV] ?? '')}`);
  return `export ${parts.join(' ')}${ownMasterKey ? `   (with your own ${MASTER_KEY_ENV} as set for the demo)` : ''}`;
}

async function main(): Promise<void> {
  let options: DemoOptions;
  try {
    options = parseDemoArgs(process.argv.slice(2));
  } catch (error) {
    info(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  let stop: (() => Promise<void>) | null = null;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(130);
    stopping = true;
    info(`${signal}: stopping the demo`);
    (stop ?? (async () => undefined))().then(
      () => process.exit(0),
      (error: unknown) => {
        info(`shutdown failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await runDemo(options, (ready) => (stop = ready));
  } catch (error) {
    if (stopping) return; // a signal during start-up: the signal handler exits
    // A PerpvolError's message says what to do; anything else is a bug, and its stack says where.
    info(`demo failed: ${isPerpvolError(error) ? error.message : error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  }
}

void main();
