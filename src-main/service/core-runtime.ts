import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { SecretStore } from '../secrets/secret-store.ts';
import { chooseSecretStore, type SecretStoreChoice } from '../secrets/choose-secret-store.ts';
import { MASTER_KEY_ENV } from '../secrets/encrypted-file-store.ts';
import { redactingSecretStore } from '../secrets/redacting-secret-store.ts';
import { redactor } from '../secrets/redaction.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { EventBus } from '../sync/event-bus.ts';
import { SyncScheduler } from '../sync/scheduler.ts';
import { SyncEngine } from '../sync/sync-engine.ts';
import { TIER_TABLE_FILE_NAME } from './tiers/tier-table-file.ts';
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
}

export interface PerpvolCore {
  service: VolumeService;
  engine: SyncEngine;
  /** Not started: faces that run continuously (server, desktop) call scheduler.start(). */
  scheduler: SyncScheduler;
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
  const service = new VolumeService({ store, secrets, engine, bus, now, tierTablePath: join(options.dataDir, TIER_TABLE_FILE_NAME) });
  const scheduler = new SyncScheduler(engine, { intervalMinutes: options.syncIntervalMinutes });
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      scheduler.stop();
      await engine.stop();
      await store.close();
    })();
    return closing;
  };
  return { service, engine, scheduler, store, bus, secrets, secretStoreChoice: choice, dataDir: options.dataDir, close };
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
