import { mkdir } from 'node:fs/promises';
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
import { SyncEngine } from '../sync/sync-engine.ts';
import { VolumeService } from './volume-service.ts';

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
  /** Stops scheduling, abandons in-flight pages cleanly, closes the database. Idempotent. */
  close(): Promise<void>;
}

/** The one core every face starts: REST server, CLI and Electron main. */
export async function createPerpvolCore(options: PerpvolCoreOptions): Promise<PerpvolCore> {
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  registerConfigSecrets(options.env ?? process.env, options.databaseUrl ?? null);
  const store = await openStore({ databaseUrl: options.databaseUrl ?? null, dataDir: options.dataDir });
  let choice: SecretStoreChoice;
  try {
    choice = options.secretStore
      ? { store: options.secretStore, kind: options.secretStore.kind, reason: 'chosen by the app', keychainAvailable: null, migrated: [] }
      : await chooseSecretStore({
          dataDir: options.dataDir,
          env: options.env ?? process.env,
          accountIds: (await store.accounts.list()).map((account) => account.id),
        });
  } catch (error) {
    await store.close();
    throw error;
  }
  // Every secret read or written from here on is known to the redactor before it can leak.
  const secrets = redactingSecretStore(choice.store);
  const now = options.now ?? Date.now;
  const bus = new EventBus();
  const engine = new SyncEngine({ store, secrets, bus, now });
  const scheduler = new SyncScheduler(engine, { intervalMinutes: options.syncIntervalMinutes });
  const live = new LiveUpdates({
    store,
    secrets,
    bus,
    engine,
    now,
    streamsEnabled: options.streams ?? streamsEnabledByEnv(options.env ?? process.env),
    idlePollSeconds: scheduler.intervalMinutes * 60,
    onError: (error) => console.error('live updates:', error instanceof Error ? error.message : String(error)),
  });
  bus.setAccountView((account) => live.decorate(account));
  const service = new VolumeService({ store, secrets, engine, bus, now, live });
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      scheduler.stop();
      await live.stop(); // streamed fills already received are written before the database closes
      await engine.stop();
      await store.close();
    })();
    return closing;
  };
  return { service, engine, scheduler, live, store, bus, secrets, secretStoreChoice: choice, dataDir: options.dataDir, close };
}

/** PERPVOL_STREAMS=off (or 0/false/no): REST polling only, no WebSockets (a proxy that blocks them). */
export function streamsEnabledByEnv(env: NodeJS.ProcessEnv): boolean {
  return !/^(off|0|false|no)$/i.test(env['PERPVOL_STREAMS']?.trim() ?? '');
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
