import type { ExchangeRegistry } from '../connectors/registry.ts';
import type { Command } from 'commander';
import { redactor } from '../secrets/redaction.ts';
import { createPerpvolCore, type PerpvolCore } from '../service/core-runtime.ts';
import { resolveDataDir } from '../service/data-dir.ts';
import { printOut, terminalJson } from './terminal-text.ts';

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

/**
 * Opens a read-only core for one command and always closes it. Reads take no lease, so they run
 * beside the folder's owner (a running server or desktop app); writes go through withWriter.
 */
export async function withReader<T>(command: Command, run: (core: PerpvolCore) => Promise<T>, exchanges?: ExchangeRegistry): Promise<T> {
  const core = await createPerpvolCore({ ...resolveGlobals(command), access: 'reader', ...(exchanges ? { exchanges } : {}) });
  try {
    return await run(core);
  } finally {
    await core.close();
  }
}

export function printJson(value: unknown): void {
  printOut(`${terminalJson(redactor.redact(JSON.stringify(value, null, 2)))}\n`);
}
