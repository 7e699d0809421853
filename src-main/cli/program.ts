import { Command } from 'commander';
import type { ExchangeRegistry } from '../connectors/registry.ts';
import { asPerpvolError, PerpvolError } from '../core/errors.ts';
import { redactor } from '../secrets/redaction.ts';
import { accountsCommand } from './accounts-command.ts';
import { doctorCommand } from './doctor-command.ts';
import { exportCommand } from './export-command.ts';
import { importCommand } from './import-command.ts';
import { resetCommand } from './reset-command.ts';
import { serveCommand } from './serve-command.ts';
import { syncCommand } from './sync-command.ts';
import { tiersCommand } from './tiers-command.ts';
import { costsCommand } from './costs-command.ts';
import { volumeCommand } from './volume-command.ts';
import { printErr } from './terminal-text.ts';

/** The `perpvol` command: thin adapters over the volume service, one file per command group; `exchanges` (default: the app's registry) is what `accounts` and `sync` accept and name exchanges by. */
export function buildProgram(exchanges?: ExchangeRegistry): Command {
  const program = new Command('perpvol')
    .description('Your own perpetual-futures volume across exchanges, on your own machine.')
    .option('--data-dir <dir>', 'data folder (default PERPVOL_DATA_DIR, else the OS app-data folder)')
    .option('--db <url>', 'postgres://… database instead of the SQLite file (default PERPVOL_DATABASE_URL)')
    .showHelpAfterError();
  program.addCommand(accountsCommand(exchanges));
  program.addCommand(syncCommand(exchanges));
  program.addCommand(volumeCommand());
  program.addCommand(tiersCommand());
  program.addCommand(costsCommand());
  program.addCommand(importCommand());
  program.addCommand(exportCommand());
  program.addCommand(serveCommand());
  program.addCommand(doctorCommand());
  program.addCommand(resetCommand());
  return program;
}

/**
 * Runs the CLI; resolves with the exit code. A PerpvolError prints its message only (it is written
 * for a person and passes the redactor); anything else also prints a stack with PERPVOL_DEBUG=1.
 */
export async function runCli(argv: readonly string[], exchanges?: ExchangeRegistry): Promise<number> {
  try {
    await buildProgram(exchanges).parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    const failure = asPerpvolError(error);
    // Messages are written never to hold a secret; the redactor catches what an exchange echoed back.
    printErr(`perpvol: ${redactor.redact(failure.message)}\n`);
    if (!(error instanceof PerpvolError) && process.env.PERPVOL_DEBUG && error instanceof Error) {
      printErr(`${redactor.redact(error.stack ?? '')}\n`);
    }
    return 1;
  }
}
