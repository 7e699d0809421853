import { Command, Option } from 'commander';
import type { Account } from '../../src-shared/schemas.ts';
import type { ExchangeId } from '../core/exchange.ts';
import { exchanges as appExchanges, type ExchangeRegistry } from '../connectors/registry.ts';
import {
  API_SECRET_ENV,
  credentialsFromFlags,
  PRIVATE_KEY_ENV,
  READONLY_TOKEN_ENV,
  READONLY_TOKEN_FLAG,
  exchangesTaking,
  secretFieldForAdd,
  secretFieldForRotate,
  type CredentialFlags,
} from './credential-flags.ts';
import { withWriter } from './folder-writer.ts';
import { printJson, withReader } from './global-options.ts';
import { refusedSecretFlag } from './secret-input.ts';
import { formatTable } from './table.ts';
import { escapeControl, printOut } from './terminal-text.ts';

// The flags' help names the exchanges whose credential forms (their descriptors) take each field.
const READONLY_TOKEN_HELP = `takes no value: a ${exchangesTaking('readonlyToken')} read-only token (recommended), read from ${READONLY_TOKEN_ENV}, else asked for with hidden typing`;

interface AddOptions extends CredentialFlags {
  exchange: ExchangeId;
  label: string;
  baseUrl?: string;
  streamUrl?: string;
  validate: boolean;
  allowWithdrawalPermission?: boolean;
  json?: boolean;
}

const CREDENTIAL_KIND_NAMES = { readonly_token: 'read-only token', subkey: 'subkey', main_key: 'main key', unknown_key: 'private key' } as const;

/** "…a1b2" for an API key, "read-only token until 2027-01-31" for a token that expires. */
function keyColumn(account: Account): string {
  if (account.keyHint) return account.keyHint;
  if (!account.credentialKind) return '';
  const name = CREDENTIAL_KIND_NAMES[account.credentialKind];
  return account.credentialExpiresAt ? `${name} until ${account.credentialExpiresAt.slice(0, 10)}` : name;
}

type RotateOptions = CredentialFlags & Pick<AddOptions, 'validate' | 'allowWithdrawalPermission' | 'json'>;

/** `perpvol accounts …`; `exchanges` is what it accepts and names exchanges by (default: the app's registry). */
export function accountsCommand(exchanges: ExchangeRegistry = appExchanges): Command {
  const accounts = new Command('accounts').description('add, list, rotate the key of, and remove exchange accounts');

  accounts
    .command('add')
    .description('add an account (its key is checked with the exchange unless --no-validate)')
    .addOption(new Option('--exchange <id>', 'exchange').choices(exchanges.ids()).makeOptionMandatory())
    .requiredOption('--label <label>', 'a name for the account')
    .option('--address <0x…>', `${exchangesTaking('address')} address (where a private key goes with it, the key comes from ${PRIVATE_KEY_ENV} or a hidden prompt)`)
    .option('--api-key <key>', `${exchangesTaking('apiKey')} API key (read-only recommended); its secret comes from ${API_SECRET_ENV} or a hidden prompt`)
    .option(`${READONLY_TOKEN_FLAG} [none]`, READONLY_TOKEN_HELP)
    .addOption(refusedSecretFlag('--api-secret <secret>'))
    .addOption(refusedSecretFlag('--private-key <key>'))
    .option('--base-url <url>', "override the exchange's REST origin (testnet, proxy)")
    .option('--stream-url <url>', "override the exchange's private stream (ws:// or wss://)")
    .option('--no-validate', 'do not check the key with the exchange now')
    .option('--allow-withdrawal-permission', 'accept a key that can withdraw or transfer (not recommended)')
    .option('--json', 'print the account as JSON')
    .action(async (options: AddOptions, command: Command) => {
      // Asked before the data folder is opened or the server called: nothing is held while someone types.
      const credentials = await credentialsFromFlags(options, secretFieldForAdd(options.exchange, options, exchanges), exchanges.label(options.exchange));
      await withWriter(command, 'accounts add', async ({ api }) => {
        const account = await api.addAccount({
          exchange: options.exchange,
          label: options.label,
          credentials,
          ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
          ...(options.streamUrl ? { streamUrl: options.streamUrl } : {}),
          validate: options.validate,
          ...(options.allowWithdrawalPermission ? { allowWithdrawalPermission: true } : {}),
        });
        if (options.json) return printJson(account);
        printOut(`added ${exchanges.label(account.exchange)} account "${escapeControl(account.label)}" (id ${account.id})\n`);
        for (const warning of account.warnings) printOut(`warning: ${warning}\n`);
        printOut('run `perpvol sync` to fetch its history\n');
      }, exchanges);
    });

  accounts
    .command('list')
    .description('list accounts with their sync status')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withReader(command, async (core) => {
        const { accounts: list } = await core.service.listAccounts({});
        if (options.json) return printJson({ accounts: list });
        if (list.length === 0) return void printOut('no accounts yet: add one with `perpvol accounts add`\n');
        printOut(
          formatTable(list, [
            { header: 'ID', value: (a) => a.id },
            { header: 'EXCHANGE', value: (a) => exchanges.label(a.exchange) },
            { header: 'LABEL', value: (a) => a.label },
            // Only when some account has a key to tell apart (an address-only account has none).
            ...(list.some((a) => a.keyHint || a.credentialKind) ? [{ header: 'KEY', value: keyColumn }] : []),
            { header: 'STATUS', value: (a) => (a.lastError ? `error: ${a.lastError.code}` : a.status) },
            { header: 'LAST SYNC', value: (a) => a.lastSyncAt?.replace('T', ' ').slice(0, 19) ?? 'never' },
          ]),
        );
        for (const account of list) for (const warning of account.warnings) printOut(`warning (${escapeControl(account.label)}): ${warning}\n`);
      }, exchanges);
    });

  accounts
    .command('rotate')
    .description("replace an account's key in place (same exchange account; fills and sync position are kept)")
    .argument('<id>', 'account id (see `perpvol accounts list`)')
    .option('--address <0x…>', `${exchangesTaking('privateKey')} account address (must be the account's own); the new private key comes from ${PRIVATE_KEY_ENV} or a hidden prompt`)
    .option('--api-key <key>', `the new ${exchangesTaking('apiKey')} API key (read-only recommended); its secret comes from ${API_SECRET_ENV} or a hidden prompt`)
    .option(`${READONLY_TOKEN_FLAG} [none]`, `the new read-only token; ${READONLY_TOKEN_HELP}`)
    .addOption(refusedSecretFlag('--api-secret <secret>'))
    .addOption(refusedSecretFlag('--private-key <key>'))
    .option('--no-validate', 'do not check the key with the exchange now')
    .option('--allow-withdrawal-permission', 'accept a key that can withdraw or transfer (not recommended)')
    .option('--json', 'print the account as JSON')
    .action(async (id: string, options: RotateOptions, command: Command) => {
      const field = secretFieldForRotate(options);
      const credentials = await credentialsFromFlags(options, field, exchangesTaking(field));
      await withWriter(command, 'accounts rotate', async ({ api }) => {
        const account = await api.rotateCredentials({
          id,
          credentials,
          validate: options.validate,
          ...(options.allowWithdrawalPermission ? { allowWithdrawalPermission: true } : {}),
        });
        if (options.json) return printJson(account);
        const hint = account.keyHint ? ` (now ${account.keyHint})` : '';
        printOut(`replaced the key of ${exchanges.label(account.exchange)} account "${escapeControl(account.label)}"${hint}\n`);
        for (const warning of account.warnings) printOut(`warning: ${warning}\n`);
      }, exchanges);
    });

  accounts
    .command('remove')
    .description('remove an account and its stored key')
    .argument('<id>', 'account id (see `perpvol accounts list`)')
    .option('--purge', 'also delete its fills and daily volume')
    .action(async (id: string, options: { purge?: boolean }, command: Command) => {
      await withWriter(command, 'accounts remove', async ({ api }) => {
        await api.removeAccount({ id, purge: options.purge ?? false });
        printOut(`removed ${id}${options.purge ? ' and its fills' : ''}\n`);
      }, exchanges);
    });

  return accounts;
}
