import type { Command } from 'commander';
import { redactor } from '../secrets/redaction.ts';
import { createPerpvolCore, type PerpvolCore } from '../service/core-runtime.ts';
import { resolveDataDir } from '../service/data-dir.ts';

export const DATABASE_URL_ENV = 'PERPVOL_DATABASE_URL';

export interface GlobalOptions {
  dataDir?: string;
  db?: string;
}

/** Where this invocation's data lives: flags first, then PERPVOL_DATA_DIR / PERPVOL_DATABASE_URL. */
export function resolveGlobals(command: Command): { dataDir: string; databaseUrl: string | null } {
  const options = command.optsWithGlobals<GlobalOptions>();
  return {
    dataDir: resolveDataDir(options.dataDir, process.env),
    databaseUrl: options.db || process.env[DATABASE_URL_ENV] || null,
  };
}

/** Opens the core for one command and always closes it, so the database is never left open. */
export async function withCore<T>(command: Command, run: (core: PerpvolCore) => Promise<T>): Promise<T> {
  const core = await createPerpvolCore(resolveGlobals(command));
  try {
    return await run(core);
  } finally {
    await core.close();
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${redactor.redact(JSON.stringify(value, null, 2))}\n`);
}
