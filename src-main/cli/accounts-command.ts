import { Command, Option } from 'commander';
import { EXCHANGE_IDS, EXCHANGE_LABELS, type ExchangeId } from '../core/exchange.ts';
import { printJson, withCore } from './global-options.ts';
import { formatTable } from './table.ts';

/** Secrets may come from the environment rather than the command line (shell history, `ps`). */
export const API_SECRET_ENV = 'PERPVOL_API_SECRET';
export const PRIVATE_KEY_ENV = 'PERPVOL_PRIVATE_KEY';

interface AddOptions {
  exchange: ExchangeId;
  label: string;
  address?: string;
  apiKey?: string;
  apiSecret?: string;
  privateKey?: string;
  baseUrl?: string;
  streamUrl?: string;
  validate: boolean;
  allowWithdrawalPermission?: boolean;
  json?: boolean;
}

type CredentialOptions = Pick<AddOptions, 'address' | 'apiKey' | 'apiSecret' | 'privateKey'>;

function credentialsFrom(options: CredentialOptions): Record<string, string> {
  const credentials: Record<string, string | undefined> = {
    address: options.address,
    apiKey: options.apiKey,
    apiSecret: options.apiSecret ?? process.env[API_SECRET_ENV],
    privateKey: options.privateKey ?? process.env[PRIVATE_KEY_ENV],
  };
  return Object.fromEntries(Object.entries(credentials).filter((entry): entry is [string, string] => !!entry[1]));
}

type RotateOptions = CredentialOptions & Pick<AddOptions, 'validate' | 'allowWithdrawalPermission' | 'json'>;

export function accountsCommand(): Command {
  const accounts = new Command('accounts').description('add, list, rotate the key of, and remove exchange accounts');

  accounts
    .command('add')
    .description('add an account (its key is checked with the exchange unless --no-validate)')
    .addOption(new Option('--exchange <id>', 'exchange').choices([...EXCHANGE_IDS]).makeOptionMandatory())
    .requiredOption('--label <label>', 'a name for the account')
    .option('--address <0x…>', 'Hyperliquid address, or Paradex L2 account address')
    .option('--api-key <key>', 'Bybit / WOO X API key (read-only recommended)')
    .option('--api-secret <secret>', `Bybit / WOO X API secret (or set ${API_SECRET_ENV})`)
    .option('--private-key <key>', `Paradex subkey private key (or set ${PRIVATE_KEY_ENV})`)
    .option('--base-url <url>', "override the exchange's REST origin (testnet, proxy)")
    .option('--stream-url <url>', "override the exchange's private stream (ws:// or wss://)")
    .option('--no-validate', 'do not check the key with the exchange now')
    .option('--allow-withdrawal-permission', 'accept a key that can withdraw or transfer (not recommended)')
    .option('--json', 'print the account as JSON')
    .action(async (options: AddOptions, command: Command) => {
      await withCore(command, async (core) => {
        const account = await core.service.addAccount({
          exchange: options.exchange,
          label: options.label,
          credentials: credentialsFrom(options),
          ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
          ...(options.streamUrl ? { streamUrl: options.streamUrl } : {}),
          validate: options.validate,
          ...(options.allowWithdrawalPermission ? { allowWithdrawalPermission: true } : {}),
        });
        if (options.json) return printJson(account);
        process.stdout.write(`added ${EXCHANGE_LABELS[account.exchange]} account "${account.label}" (id ${account.id})\n`);
        for (const warning of account.warnings) process.stdout.write(`warning: ${warning}\n`);
        process.stdout.write('run `perpvol sync` to fetch its history\n');
      });
    });

  accounts
    .command('list')
    .description('list accounts with their sync status')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withCore(command, async (core) => {
        const { accounts: list } = await core.service.listAccounts({});
        if (options.json) return printJson({ accounts: list });
        if (list.length === 0) return void process.stdout.write('no accounts yet: add one with `perpvol accounts add`\n');
        process.stdout.write(
          formatTable(list, [
            { header: 'ID', value: (a) => a.id },
            { header: 'EXCHANGE', value: (a) => EXCHANGE_LABELS[a.exchange] },
            { header: 'LABEL', value: (a) => a.label },
            // Only when some account has an API key id to hint at (Hyperliquid has none).
            ...(list.some((a) => a.keyHint) ? [{ header: 'KEY', value: (a: (typeof list)[number]) => a.keyHint ?? '' }] : []),
            { header: 'STATUS', value: (a) => (a.lastError ? `error: ${a.lastError.code}` : a.status) },
            { header: 'LAST SYNC', value: (a) => a.lastSyncAt?.replace('T', ' ').slice(0, 19) ?? 'never' },
          ]),
        );
        for (const account of list) for (const warning of account.warnings) process.stdout.write(`warning (${account.label}): ${warning}\n`);
      });
    });

  accounts
    .command('rotate')
    .description("replace an account's key in place (same exchange account; fills and sync position are kept)")
    .argument('<id>', 'account id (see `perpvol accounts list`)')
    .option('--address <0x…>', 'Paradex L2 account address (must be the account\'s own)')
    .option('--api-key <key>', 'the new Bybit / WOO X API key (read-only recommended)')
    .option('--api-secret <secret>', `the new Bybit / WOO X API secret (or set ${API_SECRET_ENV})`)
    .option('--private-key <key>', `the new Paradex subkey private key (or set ${PRIVATE_KEY_ENV})`)
    .option('--no-validate', 'do not check the key with the exchange now')
    .option('--allow-withdrawal-permission', 'accept a key that can withdraw or transfer (not recommended)')
    .option('--json', 'print the account as JSON')
    .action(async (id: string, options: RotateOptions, command: Command) => {
      await withCore(command, async (core) => {
        const account = await core.service.rotateCredentials({
          id,
          credentials: credentialsFrom(options),
          validate: options.validate,
          ...(options.allowWithdrawalPermission ? { allowWithdrawalPermission: true } : {}),
        });
        if (options.json) return printJson(account);
        const hint = account.keyHint ? ` (now ${account.keyHint})` : '';
        process.stdout.write(`replaced the key of ${EXCHANGE_LABELS[account.exchange]} account "${account.label}"${hint}\n`);
        for (const warning of account.warnings) process.stdout.write(`warning: ${warning}\n`);
      });
    });

  accounts
    .command('remove')
    .description('remove an account and its stored key')
    .argument('<id>', 'account id (see `perpvol accounts list`)')
    .option('--purge', 'also delete its fills and daily volume')
    .action(async (id: string, options: { purge?: boolean }, command: Command) => {
      await withCore(command, async (core) => {
        await core.service.removeAccount({ id, purge: options.purge ?? false });
        process.stdout.write(`removed ${id}${options.purge ? ' and its fills' : ''}\n`);
      });
    });

  return accounts;
}
