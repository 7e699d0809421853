import { join } from 'node:path';
import { SpendingFile } from '../connectors/http/limiter-spending-file.ts';
import { realClock, sharedRateLimiters } from '../connectors/http/rate-limiter.ts';
import { exchanges as appExchanges, type ExchangeRegistry } from '../connectors/registry.ts';
import { PerpvolError } from '../core/errors.ts';
import { ensurePrivateDir, privatizeFolder } from '../files/private-files.ts';
import { takeLease, type OwnerLease } from '../lease/owner-lease.ts';
import type { OwnerFace } from '../lease/owner-record.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { chooseSecretStore, type SecretStoreChoice } from '../secrets/choose-secret-store.ts';
import { MASTER_KEY_ENV } from '../secrets/encrypted-file-store.ts';
import { redactingSecretStore } from '../secrets/redacting-secret-store.ts';
import { redactor } from '../secrets/redaction.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { EventBus } from '../sync/event-bus.ts';
import { SyncScheduler } from '../sync/scheduler.ts';
import { LiveUpdates } from '../sync/live/live-updates.ts';
import { FillCommit } from '../sync/fill-commit.ts';
import { SyncEngine } from '../sync/sync-engine.ts';
import { refuseFreshDatabaseBesideSecrets } from './fresh-database-guard.ts';
import { WorkerCsvImporter } from './import-fills.ts';
import { TIER_TABLE_FILE_NAME } from './tiers/tier-table-file.ts';
import { packageVersion, VolumeService } from './volume-service.ts';
import type { StartCommand } from '../../src-shared/schemas.ts';
import { gateStoreWrites, WriteGate } from './write-gate.ts';

export interface PerpvolCoreOptions {
  dataDir: string;
  /** postgres://… to use Postgres; null/absent = the SQLite file in dataDir. */
  databaseUrl?: string | null;
  /** Defaults to chooseSecretStore over the data dir and `env`. */
  secretStore?: SecretStore;
  /** Environment for chooseSecretStore (PERPVOL_MASTER_KEY, PERPVOL_SECRET_STORE); default process.env. */
  env?: NodeJS.ProcessEnv;
  now?: () => number;
  syncIntervalMinutes?: number;
  /** Private streams for live updates (default on; PERPVOL_STREAMS=off turns them off: REST polling only). */
  streams?: boolean;
  /**
   * 'owner' (default): this process syncs and writes, so it takes the data folder's lease (and the
   * Postgres database's) for as long as the core is open, and a second owner is refused naming it.
   * 'reader': read-only commands that run beside an owner — no lease, no writes, no scheduler, and
   * secrets found in the other store are read in place rather than moved.
   */
  access?: 'owner' | 'reader';
  /** For the lease record: which face owns the folder (default 'cli') and, for the CLI, the command. */
  face?: OwnerFace;
  command?: string;
  /** The server's start command, reported by health (servers only). */
  startedWith?: StartCommand;
  /** A lease taken earlier (the desktop app takes it before asking for a passphrase); released by close(). */
  lease?: OwnerLease;
  /** `perpvol reset` only: open even a fresh database beside secrets (it is what reset is for). */
  allowFreshDatabase?: boolean;
  /**
   * The exchanges this core reads (default: the app's registry): the service's validation, the
   * sync, the notes and the streams follow it. CSV imports run in a worker thread, which reads with
   * the app's registry.
   */
  exchanges?: ExchangeRegistry;
}

export interface PerpvolCore {
  service: VolumeService;
  engine: SyncEngine;
  /** Not started: faces that run continuously (server, desktop) call scheduler.start(). */
  scheduler: SyncScheduler;
  /** Not started: faces that run continuously call live.start() beside scheduler.start(). */
  live: LiveUpdates;
  store: Store;
  bus: EventBus;
  secrets: SecretStore;
  /** Which secret store is in use and why (`perpvol doctor`, start banners). */
  secretStoreChoice: SecretStoreChoice;
  dataDir: string;
  /** The data folder's lease while this core owns it; null for a reader. */
  lease: OwnerLease | null;
  /** Stops scheduling, abandons in-flight pages cleanly, closes the database, releases the lease. Idempotent. */
  close(): Promise<void>;
}

/** The one core every face starts: REST server, CLI and Electron main. */
export async function createPerpvolCore(options: PerpvolCoreOptions): Promise<PerpvolCore> {
  const owner = (options.access ?? 'owner') === 'owner';
  const databaseUrl = options.databaseUrl ?? null;
  try {
    ensurePrivateDir(options.dataDir); // forced to 0700 at every start, also when it already existed
    privatizeFolder(options.dataDir); // and everything in it 0600 / 0700, whatever it was before
  } catch (error) {
    const { code, path } = error as NodeJS.ErrnoException;
    const where = path && path !== options.dataDir ? ` on ${path}` : '';
    throw new PerpvolError('storage', 'data_dir_unwritable', `Perpvol cannot use its data folder ${options.dataDir} (${code ?? 'error'}${where}). Make it and everything in it yours and writable, or choose another with --data-dir (or PERPVOL_DATA_DIR).`, false, { cause: error });
  }
  const lease = options.lease ?? (owner ? await takeLease({ dataDir: options.dataDir, databaseUrl, face: options.face ?? 'cli', command: options.command ?? null, version: packageVersion() }) : null);
  try {
    return await startCore(options, owner, lease);
  } catch (error) {
    // a lease handed in stays with its taker, who may try again (the desktop app after a wrong passphrase)
    if (!options.lease) await lease?.release();
    throw error;
  }
}

async function startCore(options: PerpvolCoreOptions, owner: boolean, lease: OwnerLease | null): Promise<PerpvolCore> {
  const env = options.env ?? process.env;
  const databaseUrl = options.databaseUrl ?? null;
  registerConfigSecrets(env, databaseUrl);
  const opened = await openStore({
    databaseUrl,
    dataDir: options.dataDir,
    ...(options.allowFreshDatabase ? {} : { beforeNewDatabase: () => refuseFreshDatabaseBesideSecrets(options.dataDir, databaseUrl) }),
  });
  // Imports write from a worker thread on a connection of their own (it needs no lease of its own:
  // this process owns the folder); with SQLite this process's writes wait for them at the gate
  // rather than block this thread in SQLite's busy handler.
  const gate = opened.dialect === 'sqlite' ? new WriteGate() : null;
  const store = gate ? gateStoreWrites(opened, gate) : opened;
  const importer = new WorkerCsvImporter({ dataDir: options.dataDir, databaseUrl }, gate, options.exchanges ?? appExchanges);
  let choice: SecretStoreChoice;
  try {
    choice = options.secretStore
      ? { store: options.secretStore, kind: options.secretStore.kind, reason: 'chosen by the app', keychainAvailable: null, migrated: [] }
      : await chooseSecretStore({
          dataDir: options.dataDir,
          env,
          accountIds: (await store.accounts.list()).map((account) => account.id),
          moveSecrets: owner,
        });
  } catch (error) {
    await store.close();
    throw error;
  }
  // Only the owner writes: a reader is refused at once, an owner from the moment its lease is lost.
  let refusal: PerpvolError | null = owner ? null : readOnlyError(options.dataDir);
  const assertWritable = (): void => {
    if (refusal) throw refusal;
  };
  // Every secret read or written from here on is known to the redactor before it can leak.
  const secrets = redactingSecretStore(choice.store);
  const now = options.now ?? Date.now;
  const bus = new EventBus();
  // sync pages, streamed rows and imports: one path after every write (events, the accounts' notes)
  const exchanges = options.exchanges ?? appExchanges;
  const commits = new FillCommit({ store, bus, now, exchanges });
  const engine = new SyncEngine({ store, secrets, bus, now, assertWritable, commits, exchanges });
  const scheduler = new SyncScheduler(engine, { intervalMinutes: options.syncIntervalMinutes, assertWritable });
  // Streams only in the owner: a reader writes nothing, so it keeps no account live (live.start() refuses).
  const live = new LiveUpdates({
    store,
    secrets,
    bus,
    engine,
    now,
    assertWritable,
    commits,
    streamFactory: (exchange) => exchanges.fillStreamFactory(exchange),
    streamsEnabled: options.streams ?? streamsEnabledByEnv(env),
    idlePollSeconds: scheduler.intervalMinutes * 60,
    onError: (error) => console.error('live updates:', redactor.redact(error instanceof Error ? error.message : String(error))),
  });
  bus.setAccountView((account) => live.decorate(account));
  const service = new VolumeService({
    store,
    secrets,
    engine,
    bus,
    now,
    assertWritable,
    importer,
    tierTablePath: join(options.dataDir, TIER_TABLE_FILE_NAME),
    live,
    commits,
    exchanges,
    ...(options.startedWith ? { startedWith: options.startedWith } : {}),
  });
  // What this data dir sent recently, so a quick restart keeps to the windows the exchanges still
  // count. Only the owner keeps it: a reader writes nothing in a folder it does not own.
  const spending = owner ? new SpendingFile(options.dataDir, realClock.now()) : null;
  if (spending) sharedRateLimiters.keepSpendingLog(spending);
  lease?.onLost((error) => {
    refusal = error;
    scheduler.stop();
    // another process may own the folder now: its streams are the ones that write
    void live.stop();
    void engine.stop();
  });
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      try {
        scheduler.stop();
        await live.stop(); // streamed fills already received are written before the database closes
        await engine.stop();
        await service.close();
        if (spending && sharedRateLimiters.spendingLog === spending) sharedRateLimiters.keepSpendingLog(null);
        await store.close();
      } finally {
        await lease?.release();
      }
    })();
    return closing;
  };
  return { service, engine, scheduler, live, store, bus, secrets, secretStoreChoice: choice, dataDir: options.dataDir, lease, close };
}

/** PERPVOL_STREAMS=off (or 0/false/no): REST polling only, no WebSockets (a proxy that blocks them). */
export function streamsEnabledByEnv(env: NodeJS.ProcessEnv): boolean {
  return !/^(off|0|false|no)$/i.test(env['PERPVOL_STREAMS']?.trim() ?? '');
}

function readOnlyError(dataDir: string): PerpvolError {
  return new PerpvolError('conflict', 'read_only', `This Perpvol process only reads the data folder ${dataDir}; changes go through the process that owns it.`);
}

/** The master key and a database password are secrets too: no message may ever show them. */
function registerConfigSecrets(env: NodeJS.ProcessEnv, databaseUrl: string | null): void {
  redactor.register(env[MASTER_KEY_ENV]);
  if (!databaseUrl) return;
  try {
    const url = new URL(databaseUrl);
    redactor.register(decodeURIComponent(url.password), url.password, url.searchParams.get('password'));
  } catch {
    // not a URL: openStore refuses it with its own message
  }
}
