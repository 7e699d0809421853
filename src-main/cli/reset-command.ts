/**
 * `perpvol reset`: start over after the database was lost. Perpvol refuses to start a fresh database
 * beside secrets of accounts it would forget (service/fresh-database-guard.ts); this is the way on
 * when there is no backup to put back. It owns the folder while it runs (never beside a server or
 * the app), shows exactly which secrets it would delete, asks, and deletes the secrets of accounts
 * that no longer exist in the database — nothing else.
 */
import { createInterface } from 'node:readline/promises';
import { basename } from 'node:path';
import { Command } from 'commander';
import { badInput } from '../core/errors.ts';
import { takeLease } from '../lease/owner-lease.ts';
import { applySecretsPrune, planSecretsPrune, type PrunePlan } from '../secrets/folder-secret-files.ts';
import { packageVersion } from '../service/volume-service.ts';
import { openStore } from '../store/open-store.ts';
import { resolveGlobals } from './global-options.ts';
import { printOut } from './terminal-text.ts';

function describePlan({ file, remove }: PrunePlan): string {
  if (remove === null) return `  ${file.path}: every secret in it${file.accountIds ? ` (${file.accountIds.length})` : ''} — the file is deleted`;
  return `  ${file.path}: the secrets of ${remove.length} account(s) no longer in the database: ${remove.join(', ')}`;
}

async function confirmed(yes: boolean): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY) throw badInput('confirmation_needed', 'perpvol reset deletes secrets and needs a confirmation: run it in a terminal, or pass --yes.');
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await prompt.question('Delete them? Type "yes" to confirm: ')).trim().toLowerCase() === 'yes';
  } finally {
    prompt.close();
  }
}

export function resetCommand(): Command {
  return new Command('reset')
    .description('after a lost database: delete the secrets of accounts that no longer exist, so Perpvol can start fresh')
    .option('--yes', 'do not ask for confirmation')
    .action(async (options: { yes?: boolean }, command: Command) => {
      const globals = resolveGlobals(command);
      const lease = await takeLease({ ...globals, face: 'cli', command: 'reset', version: packageVersion() });
      try {
        // Opened without the fresh-database guard: an empty database is what reset starts from.
        const store = await openStore(globals);
        let keep: Set<string>;
        try {
          keep = new Set((await store.accounts.list({ includeRemoved: true })).map((account) => account.id));
        } finally {
          await store.close();
        }
        const plans = await planSecretsPrune(globals.dataDir, keep, process.env);
        if (plans.length === 0) {
          printOut(`Nothing to delete: every secret in ${globals.dataDir} belongs to an account in the database.\n`);
          return;
        }
        printOut(`The database has ${keep.size} account(s). This deletes:\n${plans.map(describePlan).join('\n')}\n`);
        printOut(`If you have a backup of the database, stop here and restore it instead: these secrets are what its accounts need.\n`);
        if (!(await confirmed(options.yes === true))) {
          printOut('Nothing was deleted.\n');
          process.exitCode = 1;
          return;
        }
        await applySecretsPrune(plans, process.env);
        const files = plans.map((plan) => basename(plan.file.path)).join(', ');
        printOut(`Deleted them from ${files}. Perpvol now starts with the database as it is; add your accounts again.\n`);
      } finally {
        await lease.release();
      }
    });
}
