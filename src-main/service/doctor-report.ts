import { exchanges as appExchanges } from '../connectors/registry.ts';
import { join } from 'node:path';
import { asPerpvolError } from '../core/errors.ts';
import type { ExchangeId } from '../core/exchange.ts';
import { SECRET_STORE_ENV } from '../secrets/choose-secret-store.ts';
import { MASTER_KEY_ENV } from '../secrets/encrypted-file-store.ts';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, privatizeFolder } from '../files/private-files.ts';
import { readFolderOwner } from '../lease/folder-lease.ts';
import { describeOwner } from '../lease/owner-record.ts';
import { keychainUsable } from '../secrets/keychain-secret-store.ts';
import { redactor } from '../secrets/redaction.ts';
import { isPostgresUrl } from '../store/open-store.ts';
import { SQLITE_FILE_NAME } from '../store/sqlite/open-sqlite-store.ts';
import { exchangeNeedsSecret } from '../sync/account-credentials.ts';
import { createPerpvolCore } from './core-runtime.ts';
import { packageVersion } from './volume-service.ts';

export type AccountSecretState = 'ok' | 'missing' | 'unreadable' | 'not_needed';

/** What `perpvol doctor` prints: where things live, which secret store and why, what is broken. */
export interface DoctorReport {
  version: string;
  node: string;
  platform: string;
  dataDir: string;
  /** The process that owns the data folder now (server, desktop app or a CLI write), or null. */
  owner: string | null;
  database: { dialect: 'sqlite' | 'postgres'; location: string; ok: boolean };
  secrets: {
    store: string | null;
    description: string | null;
    reason: string | null;
    keychainAvailable: boolean;
    masterKeySet: boolean;
    override: string | null;
  };
  accounts: { id: string; exchange: ExchangeId; label: string; secret: AccountSecretState; problem: string | null }[];
  /** What doctor put right itself, as sentences (files or folders that were not private). */
  fixed: string[];
  /** Sentences for a person; empty when all is well. */
  problems: string[];
}

export interface DoctorOptions {
  dataDir: string;
  databaseUrl: string | null;
  env?: NodeJS.ProcessEnv;
}

const octal = (mode: number): string => `0${mode.toString(8).padStart(3, '0')}`;

/** A database URL fit to print: no password, no password parameter. */
export function displayDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.searchParams.delete('password');
    return parsed.toString();
  } catch {
    return 'postgres://… (unparsable URL)';
  }
}

/**
 * Opens a read-only core (so the secret store is chosen exactly as it would be, but nothing is
 * moved) and checks that each account's secret can be read. Failures become
 * problems in the report rather than exceptions: doctor must answer when things are broken.
 */
export async function doctorReport(options: DoctorOptions): Promise<DoctorReport> {
  const env = options.env ?? process.env;
  const postgres = isPostgresUrl(options.databaseUrl);
  const report: DoctorReport = {
    version: packageVersion(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    dataDir: options.dataDir,
    owner: null,
    database: {
      dialect: postgres ? 'postgres' : 'sqlite',
      location: postgres && options.databaseUrl ? displayDatabaseUrl(options.databaseUrl) : join(options.dataDir, SQLITE_FILE_NAME),
      ok: false,
    },
    secrets: {
      store: null,
      description: null,
      reason: null,
      keychainAvailable: false,
      masterKeySet: Boolean(env[MASTER_KEY_ENV]),
      override: env[SECRET_STORE_ENV] || null,
    },
    accounts: [],
    fixed: [],
    problems: [],
  };
  const problem = (error: unknown): string => redactor.redact(asPerpvolError(error).message);

  // Before anything opens the folder (which would tighten them silently): say what was loose.
  try {
    for (const entry of privatizeFolder(options.dataDir)) {
      const wanted = entry.kind === 'folder' || (entry.mode & 0o111) !== 0 ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
      report.fixed.push(`${entry.path} was ${octal(entry.mode)}, readable by others than you; made it ${octal(wanted)}`);
    }
  } catch (error) {
    const { code, path } = error as NodeJS.ErrnoException;
    if (code !== 'ENOENT' || path !== options.dataDir) {
      report.problems.push(`${path ?? options.dataDir} cannot be made private (${code ?? 'error'}); make it yours (chown) and run \`perpvol doctor\` again`);
    }
  }

  const owner = await readFolderOwner(options.dataDir);
  report.owner = owner ? describeOwner(owner) : null;
  let core: Awaited<ReturnType<typeof createPerpvolCore>>;
  try {
    // A reader: doctor runs beside a server or the app, and changes nothing (no secret is moved).
    core = await createPerpvolCore({ dataDir: options.dataDir, databaseUrl: options.databaseUrl, env, access: 'reader' });
  } catch (error) {
    report.problems.push(problem(error));
    report.secrets.keychainAvailable = await keychainUsable(process.platform, env);
    return report;
  }
  try {
    report.database.ok = true;
    const choice = core.secretStoreChoice;
    report.secrets.store = choice.kind;
    report.secrets.description = choice.store.describe();
    report.secrets.reason = choice.reason;
    report.secrets.keychainAvailable = choice.keychainAvailable ?? (await keychainUsable(process.platform, env));
    for (const account of await core.store.accounts.list()) {
      const entry = { id: account.id, exchange: account.exchange, label: account.label, secret: 'not_needed' as AccountSecretState, problem: null as string | null };
      if (exchangeNeedsSecret(account.exchange)) {
        try {
          entry.secret = (await core.secrets.get(account.id)) ? 'ok' : 'missing';
        } catch (error) {
          entry.secret = 'unreadable';
          entry.problem = problem(error);
        }
      }
      if (entry.secret === 'missing') {
        entry.problem = `its key is not in the secret store; enter it again with \`perpvol accounts rotate ${account.id}\``;
      }
      if (entry.problem) report.problems.push(`${appExchanges.label(account.exchange)} account "${account.label}": ${entry.problem}`);
      report.accounts.push(entry);
    }
  } finally {
    await core.close();
  }
  return report;
}
